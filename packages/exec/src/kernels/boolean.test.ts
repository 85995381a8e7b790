import { describe, expect, it } from 'vitest';
import { DataTypes, type ScalarRaw } from '@quiver/common';
import { allEqual, and, isBoolean, isNull, not, or } from './boolean.js';
import { data } from './test-data.js';
import { array, scalar, sliced, values } from './test-data.js';

const T = true;
const F = false;
const N = null;
// All nine combinations of (left, right).
const L: ScalarRaw[] = [T, T, T, F, F, F, N, N, N];
const R: ScalarRaw[] = [T, F, N, T, F, N, T, F, N];
const b = DataTypes.boolean;

describe('three-valued logic', () => {
  it('AND truth table, on sliced inputs', () => {
    const expected = [T, F, N, F, F, F, N, F, N];
    expect(values(and(array(b, L), array(b, R), 9))).toEqual(expected);
    expect(values(and({ kind: 'array', data: sliced(b, L) }, { kind: 'array', data: sliced(b, R) }, 9))).toEqual(expected);
  });

  it('OR truth table', () => {
    expect(values(or(array(b, L), array(b, R), 9))).toEqual([T, T, T, T, F, N, T, N, N]);
  });

  it('AND/OR with scalars', () => {
    expect(values(and(array(b, [T, F, N]), scalar(b, null), 3))).toEqual([N, F, N]);
    expect(values(or(array(b, [T, F, N]), scalar(b, null), 3))).toEqual([T, N, N]);
    expect(values(or(scalar(b, true), array(b, [F, N]), 2))).toEqual([T, T]);
  });

  it('NOT keeps NULL', () => {
    expect(values(not({ kind: 'array', data: sliced(b, [T, F, N]) }, 3))).toEqual([F, T, N]);
  });

  it('IS [NOT] NULL / TRUE / FALSE never yield NULL', () => {
    const v = { kind: 'array', data: sliced(b, [T, F, N]) } as const;
    expect(values(isNull(v, 3, false))).toEqual([F, F, T]);
    expect(values(isNull(v, 3, true))).toEqual([T, T, F]);
    expect(values(isBoolean('IS TRUE', v, 3))).toEqual([T, F, F]);
    expect(values(isBoolean('IS NOT TRUE', v, 3))).toEqual([F, T, T]);
    expect(values(isBoolean('IS FALSE', v, 3))).toEqual([F, T, F]);
    expect(values(isBoolean('IS NOT FALSE', v, 3))).toEqual([T, F, T]);
    expect(values(isNull(array(DataTypes.utf8, ['', null]), 2, false))).toEqual([F, T]);
  });
});

describe('allEqual', () => {
  it('detects uniform Boolean arrays without NULLs', () => {
    expect(allEqual(data(b, Array(13).fill(false)), false)).toBe(true);
    expect(allEqual(data(b, [...Array(12).fill(true), false]), true)).toBe(false);
    expect(allEqual(sliced(b, Array(9).fill(true)), true)).toBe(true);
    expect(allEqual(data(b, [false, null]), false)).toBe(false);
  });
});
