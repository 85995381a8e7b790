import { describe, expect, it } from 'vitest';
import { DataTypes, type DataType, type ScalarRaw } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { scalar, sliced, values } from '../kernels/test-data.js';
import { extraFunctions } from './extra.js';

const { int64, float64, utf8 } = DataTypes;
const registry = new Map(extraFunctions().map((f) => [f.name, f]));

/** Invoke `name` over columns (sliced, so offsets are exercised) or scalars of already-coerced types. */
function call(name: string, ...args: [DataType, ScalarRaw[] | { scalar: ScalarRaw }][]): ScalarRaw[] {
  const f = registry.get(name)!;
  const n = Math.max(1, ...args.map(([, v]) => (Array.isArray(v) ? v.length : 1)));
  const types = args.map(([t]) => t);
  expect(f.coerceArgs(types)).toEqual(types);
  const cols: ColumnarValue[] = args.map(([t, v]) => (Array.isArray(v) ? { kind: 'array', data: sliced(t, v) } : scalar(t, v.scalar)));
  const ret = f.returnType(types);
  return values(f.invoke(cols, n, ret), ret);
}

describe('extra string functions', () => {
  it('ends_with, chr, find_in_set', () => {
    expect(call('ends_with', [utf8, ['apple', 'pear', null]], [utf8, { scalar: 'le' }])).toEqual([true, false, null]);
    expect(call('chr', [int64, [65n, 128512n, null]])).toEqual(['A', '😀', null]);
    expect(() => call('chr', [int64, [0n]])).toThrow(/not a valid character code/);
    expect(call('find_in_set', [utf8, ['b', 'x', '']], [utf8, { scalar: 'a,b,,c' }])).toEqual([2, 0, 3]);
  });

  it('substring_index from the left and the right, split_part with negative fields', () => {
    expect(call('substring_index', [utf8, { scalar: 'www.apache.org' }], [utf8, { scalar: '.' }], [int64, [1n, 2n, -1n, -5n, 0n]])).toEqual([
      'www',
      'www.apache',
      'org',
      'www.apache.org',
      '',
    ]);
    expect(call('split_part', [utf8, { scalar: 'a,b,c' }], [utf8, { scalar: ',' }], [int64, [2n, -1n, 4n]])).toEqual(['b', 'c', '']);
    expect(() => call('split_part', [utf8, { scalar: 'a' }], [utf8, { scalar: ',' }], [int64, [0n]])).toThrow(/must not be zero/);
  });

  it('levenshtein counts characters, not UTF-16 units', () => {
    expect(call('levenshtein', [utf8, ['kitten', '', 'é😀']], [utf8, ['sitting', 'abc', 'e😀']])).toEqual([3, 3, 1]);
  });
});

describe('extra numeric functions', () => {
  it('isnan, iszero, nanvl, signum, trunc', () => {
    expect(call('isnan', [float64, [NaN, 1, null]])).toEqual([true, false, null]);
    expect(call('iszero', [float64, [0, -0, 2]])).toEqual([true, true, false]);
    expect(call('nanvl', [float64, [NaN, 1.5, null]], [float64, { scalar: 7 }])).toEqual([7, 1.5, null]);
    expect(call('nanvl', [float64, [NaN, 2]], [float64, { scalar: null }])).toEqual([null, 2]);
    expect(call('signum', [float64, [-3, 0, 2.5]])).toEqual([-1, 0, 1]);
    expect(call('trunc', [float64, [-2.7, 2.7]])).toEqual([-2, 2]);
    expect(call('trunc', [float64, [4.267, -1.1231, 12345.678]], [int64, [2n, 3n, -3n]])).toEqual([4.26, -1.123, 12000]);
  });

  it('gcd, lcm and factorial over BIGINT', () => {
    expect(call('gcd', [int64, [12n, -12n, 0n, null]], [int64, [18n, 18n, 0n, 1n]])).toEqual([6n, 6n, 0n, null]);
    expect(call('lcm', [int64, [4n, 0n, -3n]], [int64, [6n, 5n, 7n]])).toEqual([12n, 0n, 21n]);
    const min = -(2n ** 63n);
    const max = 2n ** 63n - 1n;
    expect(call('gcd', [int64, [max, max, min]], [int64, [min, -1n, -1n]])).toEqual([1n, 1n, 1n]);
    expect(call('lcm', [int64, [max, max]], [int64, [1n, max]])).toEqual([max, max]);
    expect(() => call('gcd', [int64, [min]], [int64, [0n]])).toThrow(/overflows BIGINT/);
    expect(() => call('lcm', [int64, [2n]], [int64, [max - 4n]])).toThrow(/overflows BIGINT/);
    expect(registry.get('gcd')!.coerceArgs([DataTypes.decimal(38, 0), int64])).toEqual([int64, int64]);
    expect(call('factorial', [int64, [0n, 5n, 20n]])).toEqual([1n, 120n, 2432902008176640000n]);
    expect(() => call('factorial', [int64, [21n]])).toThrow(/overflows BIGINT/);
  });
});
