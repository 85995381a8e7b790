import { describe, expect, it } from 'vitest';
import { DataTypes } from '@quiver/common';
import { bitwise } from './bitwise.js';
import { scalar, sliced, values } from './test-data.js';

const { int8, int32, int64 } = DataTypes;

describe('bitwise kernels', () => {
  it('and, or, xor over Int32 columns and scalars, NULL in NULL out', () => {
    const a = { kind: 'array' as const, data: sliced(int32, [-567, 123, null]) };
    const b = scalar(int32, 856);
    expect(values(bitwise('&', a, b, 3, int32), int32)).toEqual([-567 & 856, 123 & 856, null]);
    expect(values(bitwise('|', a, b, 3, int32), int32)).toEqual([-567 | 856, 123 | 856, null]);
    expect(values(bitwise('^', a, b, 3, int32), int32)).toEqual([-567 ^ 856, 123 ^ 856, null]);
    expect(values(bitwise('&', a, scalar(int32, null), 3, int32), int32)).toEqual([null, null, null]);
  });

  it('shifts arithmetically, wrapping the count to the bit width and the result to the type', () => {
    const d = { kind: 'array' as const, data: sliced(int32, [-512, 1024]) };
    expect(values(bitwise('>>', d, scalar(int32, 2), 2, int32), int32)).toEqual([-128, 256]);
    expect(values(bitwise('<<', d, scalar(int32, 33), 2, int32), int32)).toEqual([-1024, 2048]);
    expect(values(bitwise('<<', { kind: 'array', data: sliced(int8, [96]) }, scalar(int8, 1), 1, int8), int8)).toEqual([-64]);
  });

  it('works on exact 64-bit values', () => {
    const big = { kind: 'array' as const, data: sliced(int64, [2n ** 62n + 1n, -1n]) };
    expect(values(bitwise('<<', big, scalar(int64, 1n), 2, int64), int64)).toEqual([-(2n ** 63n) + 2n, -2n]);
    expect(values(bitwise('^', big, scalar(int64, 1n), 2, int64), int64)).toEqual([2n ** 62n, -2n]);
    expect(values(bitwise('>>', big, scalar(int64, 65n), 2, int64), int64)).toEqual([2n ** 61n, -1n]);
  });
});
