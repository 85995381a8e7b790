import { describe, expect, it } from 'vitest';
import { DataTypes, type DataType, type ScalarRaw } from '@quiver/common';
import type { ColumnarValue, ComparisonOp } from '@quiver/planner';
import { compare } from './compare.js';
import { array, scalar, sliced, values } from './test-data.js';

const OPS: ComparisonOp[] = ['=', '<>', '<', '<=', '>', '>='];

function all(l: ColumnarValue, r: ColumnarValue, type: DataType, n: number): Record<string, ScalarRaw[]> {
  return Object.fromEntries(OPS.map((op) => [op, values(compare(op, l, r, type, n))]));
}

const EXPECTED = {
  '=': [false, true, false, null],
  '<>': [true, false, true, null],
  '<': [true, false, false, null],
  '<=': [true, true, false, null],
  '>': [false, false, true, null],
  '>=': [false, true, true, null],
};

describe('compare', () => {
  const cases: [string, DataType, ScalarRaw[], ScalarRaw[]][] = [
    ['Int32', DataTypes.int32, [-5, 3, 7, null], [2, 3, -7, 1]],
    ['Float64', DataTypes.float64, [-0.5, 1.25, 7, 1], [0.5, 1.25, -7, null]],
    ['Date32', DataTypes.date32, [9000, 9100, 9200, null], [9001, 9100, 9199, 0]],
    ['Int64', DataTypes.int64, [-(2n ** 40n), 2n ** 60n, 1n, null], [1n, 2n ** 60n, -(2n ** 62n), 0n]],
    ['Decimal', DataTypes.decimal(38, 2), [-(10n ** 30n), 105n, 10n ** 30n + 1n, null], [-5n, 105n, 10n ** 30n, 1n]],
    ['Utf8', DataTypes.utf8, ['ab', 'é', 'b', null], ['abc', 'é', 'a\u00ff', 'x']],
    ['Utf8 empty', DataTypes.utf8, ['', '', 'a', null], ['a', '', '', '']],
    ['Boolean', DataTypes.boolean, [false, true, true, null], [true, true, false, false]],
    // Lists: item by item, NULL items equal each other and sort last, a proper prefix first.
    ['List', DataTypes.list(DataTypes.int32), [[1, 2], [3], [1, null], null], [[1, 3], [3], [1, 2], [1]]],
    ['List prefix', DataTypes.list(DataTypes.utf8), [['a'], [], ['b', 'a'], null], [['a', 'b'], [], ['b'], []]],
    ['List nested', DataTypes.list(DataTypes.list(DataTypes.int32)), [[[1], [2]], [[1, null]], [[2]], null], [[[1], [3]], [[1, null]], [[1, 5]], [[0]]]],
  ];
  for (const [name, type, a, b] of cases) {
    it(`orders ${name} array–array, on sliced inputs too`, () => {
      expect(all(array(type, a), array(type, b), type, 4)).toEqual(EXPECTED);
      expect(all({ kind: 'array', data: sliced(type, a) }, { kind: 'array', data: sliced(type, b) }, type, 4)).toEqual(EXPECTED);
    });
  }

  it('compares lists against a list constant on either side, and IS DISTINCT FROM treats NULL items as values', () => {
    const t = DataTypes.list(DataTypes.int32);
    const a = array(t, [[1, 2], [1], null, [1, 2, 0], [1, null]]);
    expect(values(compare('=', a, scalar(t, [1, 2]), t, 5))).toEqual([true, false, null, false, false]);
    expect(values(compare('<', scalar(t, [1, 2]), a, t, 5))).toEqual([false, false, null, true, true]);
    expect(values(compare('IS DISTINCT FROM', a, array(t, [[1, 2], [2], null, null, [1, null]]), t, 5))).toEqual([false, true, false, true, false]);
  });

  it('compares against scalars on either side', () => {
    const a = array(DataTypes.int32, [1, 5, 9, null]);
    expect(values(compare('<', a, scalar(DataTypes.int32, 5), DataTypes.int32, 4))).toEqual([true, false, false, null]);
    expect(values(compare('<', scalar(DataTypes.int32, 5), a, DataTypes.int32, 4))).toEqual([false, false, true, null]);
    const s = array(DataTypes.utf8, ['BUILDING', 'AUTO', null]);
    expect(values(compare('=', s, scalar(DataTypes.utf8, 'BUILDING'), DataTypes.utf8, 3))).toEqual([true, false, null]);
    const d = array(DataTypes.decimal(15, 2), [5n, 6n, 7n]);
    expect(values(compare('>=', d, scalar(DataTypes.decimal(15, 2), 6n), DataTypes.decimal(15, 2), 3))).toEqual([false, true, true]);
  });

  it('gives every operator the same answer against a constant, on either side, as against a column of it', () => {
    for (const [type, vals, c] of [
      [DataTypes.int32, [1, 5, 9, null, 5, -3, 7, 5, 0, 6], 5],
      [DataTypes.decimal(15, 2), [100n, 250n, null, 249n, 251n, 250n, -1n, 0n, 999n, 250n], 250n],
      [DataTypes.date32, [9000, 9100, 9200, null, 9100, 1, 9099, 9101, 9100, 0], 9100],
    ] as const) {
      const col = array(type, [...vals]);
      const n = vals.length;
      const same = array(type, vals.map(() => c));
      for (const op of OPS) {
        expect(values(compare(op, col, scalar(type, c), type, n))).toEqual(values(compare(op, col, same, type, n)));
        expect(values(compare(op, scalar(type, c), col, type, n))).toEqual(values(compare(op, same, col, type, n)));
      }
    }
  });

  it('compares strings with a constant for (in)equality, on either side and on a sliced column', () => {
    const t = DataTypes.utf8;
    const vals = ['R', 'A', '', 'RR', null, 'R', 'N', 'é', 'R', 'x'];
    for (const c of ['R', '', 'é']) {
      const col = array(t, vals);
      const same = array(t, vals.map(() => c));
      for (const op of ['=', '<>'] as const) {
        expect(values(compare(op, col, scalar(t, c), t, vals.length))).toEqual(values(compare(op, col, same, t, vals.length)));
        expect(values(compare(op, scalar(t, c), col, t, vals.length))).toEqual(values(compare(op, same, col, t, vals.length)));
      }
    }
    expect(values(compare('=', { kind: 'array', data: sliced(t, ['R', 'B', 'R']) }, scalar(t, 'R'), t, 3))).toEqual([true, false, true]);
  });

  it('yields NULL for every row against a NULL scalar', () => {
    expect(values(compare('=', array(DataTypes.int32, [1, 2]), scalar(DataTypes.int32, null), DataTypes.int32, 2))).toEqual([null, null]);
  });

  it('orders intervals by total length', () => {
    const t = DataTypes.interval;
    const a = array(t, [{ months: 1, days: 0, nanos: 0n }, { months: 0, days: 1, nanos: 1n }]);
    const b = array(t, [{ months: 0, days: 30, nanos: 0n }, { months: 0, days: 1, nanos: 0n }]);
    expect(values(compare('=', a, b, t, 2))).toEqual([true, false]);
    expect(values(compare('>', a, b, t, 2))).toEqual([false, true]);
  });

  it('implements IS [NOT] DISTINCT FROM without NULL results', () => {
    const a = array(DataTypes.int32, [1, 1, null, null]);
    const b = array(DataTypes.int32, [1, 2, 1, null]);
    expect(values(compare('IS DISTINCT FROM', a, b, DataTypes.int32, 4))).toEqual([false, true, true, false]);
    expect(values(compare('IS NOT DISTINCT FROM', a, b, DataTypes.int32, 4))).toEqual([true, false, false, true]);
    expect(values(compare('IS DISTINCT FROM', a, scalar(DataTypes.int32, null), DataTypes.int32, 4))).toEqual([true, true, false, false]);
  });
});

describe('float comparisons with NaN', () => {
  it('treat NaN as equal to NaN and greater than any other value, as PostgreSQL does', () => {
    const t = DataTypes.float64;
    const a = array(t, [NaN, NaN, 1, Infinity]);
    const b = array(t, [NaN, 1, NaN, NaN]);
    expect(values(compare('=', a, b, t, 4))).toEqual([true, false, false, false]);
    expect(values(compare('>', a, b, t, 4))).toEqual([false, true, false, false]);
    expect(values(compare('<', a, scalar(t, NaN), t, 4))).toEqual([false, false, true, true]);
  });
});
