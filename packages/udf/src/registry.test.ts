import { describe, expect, it } from 'vitest';
import { DataTypes, type DataType } from '@quiver/common';
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
    expect(r.describeFunctions()).toEqual([
      { name: 'a', kind: 'scalar', parameters: null, returns: null, volatility: 'immutable' },
      { name: 'b', kind: 'scalar', parameters: null, returns: null, volatility: 'immutable' },
    ]);
  });

  it('keeps overloads with distinct parameter types, replaces equal ones, and drops one or all', () => {
    const r = new FunctionRegistry();
    const typed = (types: DataType[], volatility: 'immutable' | 'volatile' = 'immutable') => ({ ...stub('f'), volatility, parameterTypes: types });
    r.registerScalar(typed([DataTypes.int32]));
    r.registerScalar(typed([DataTypes.utf8], 'volatile'));
    r.registerScalar(typed([DataTypes.int32]));
    expect(r.describeFunctions().map((d) => d.parameters)).toEqual(['INTEGER', 'VARCHAR']);
    const f = r.scalarFunction('f')!;
    expect(f.volatility).toBe('volatile');
    expect(f.coerceArgs([DataTypes.int16])).toEqual([DataTypes.int32]);
    expect(() => r.deregister('f', false, [DataTypes.float64])).toThrow('function f(DOUBLE) not found');
    r.deregister('f', false, [DataTypes.utf8]);
    expect(r.describeFunctions().map((d) => d.parameters)).toEqual(['INTEGER']);
    r.registerScalar(stub('f'));
    expect(r.describeFunctions().map((d) => d.parameters)).toEqual([null]);
  });
});
