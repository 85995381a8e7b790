import { describe, expect, it } from 'vitest';
import { DataTypes } from '@quiver/common';
import type { ScalarFunction } from '@quiver/planner';
import { FunctionRegistry } from './registry.js';

const stub = (name: string): ScalarFunction => ({
  name,
  volatility: 'immutable',
  coerceArgs: (t) => [...t],
  returnType: () => DataTypes.int32,
  invoke: () => {
    throw new Error('not called');
  },
});

describe('FunctionRegistry', () => {
  it('looks functions up case-insensitively', () => {
    const r = new FunctionRegistry();
    r.registerScalar(stub('Upper'));
    expect(r.scalarFunction('UPPER')?.name).toBe('Upper');
    expect(r.aggregateFunction('upper')).toBeUndefined();
  });

  it('suggests the closest name when dropping an unknown function', () => {
    const r = new FunctionRegistry();
    r.registerScalar(stub('upper'));
    expect(() => r.deregister('uper')).toThrow("function 'uper' not found (did you mean 'upper'?)");
    expect(() => r.deregister('uper', true)).not.toThrow();
    r.deregister('upper');
    expect(r.scalarFunction('upper')).toBeUndefined();
  });

  it('lists functions sorted with their kind', () => {
    const r = new FunctionRegistry();
    r.registerScalar(stub('b'));
    r.registerScalar(stub('a'));
    expect(r.list()).toEqual([
      { name: 'a', kind: 'scalar' },
      { name: 'b', kind: 'scalar' },
    ]);
  });
});
