import { describe, expect, it } from 'vitest';
import { DataTypes as T, Scalars, type DataType, type ScalarValue } from '@quiver/common';
import { BinaryExpr } from '../expressions/binary.js';
import { ColumnExpr } from '../expressions/column.js';
import { LiteralExpr } from '../expressions/literal.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { batchOf, predicateExpr } from '../test-helpers.js';
import { RangeSelect } from './range-select.js';

const big = 2n ** 70n;
const dec = T.decimal(38, 2);
const ints = [5, -3, null, 7, 5, 0, 12, -40];
const wide = [5n, -3n, null, big, 5n, -big, 2n ** 52n, -(2n ** 52n) - 1n];
const batch = batchOf([
  ['i', T.int32, ints],
  ['d', T.date32, ints],
  ['l', T.int64, wide.map((v) => (v === null ? null : BigInt.asIntN(64, v)))],
  ['m', dec, wide],
]);
const columns: [number, DataType, (v: bigint) => ScalarValue][] = [
  [0, T.int32, (v) => Scalars.int32(Number(v))],
  [1, T.date32, (v) => ({ type: T.date32, value: Number(v) })],
  [2, T.int64, (v) => Scalars.int64(v)],
  [3, dec, (v) => ({ type: dec, value: v })],
];
const ops = ['=', '<>', '<', '<=', '>', '>='] as const;
const holds = (op: string, a: bigint, b: bigint) => ({ '=': a === b, '<>': a !== b, '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b })[op]!;

function valuesOf(c: number): (bigint | null)[] {
  const raw = c < 2 ? ints.map((v) => (v === null ? null : BigInt(v))) : wide;
  return c === 2 ? raw.map((v) => (v === null ? null : BigInt.asIntN(64, v))) : raw;
}

const rowsWhere = (test: (row: number) => boolean) => [...Array(batch.numRows).keys()].filter(test);
const keep = (conjuncts: PhysicalExpr[], sel: Int32Array | null = null) => {
  const { ranges, others } = RangeSelect.split(conjuncts);
  expect(others).toEqual([]);
  return ranges.reduce<Int32Array | null>((s, r) => r.keep(batch, s), sel);
};

describe('RangeSelect', () => {
  it('keeps the rows where a column compares true with a constant, for every operator and integer-valued type (NULLs never)', () => {
    for (const [c, type, scalar] of columns) {
      const col = new ColumnExpr('x', c, type);
      const values = valuesOf(c);
      for (const constant of [5n, -3n, 0n, 2n ** 52n, big]) {
        if (c < 2 && constant > 2n ** 31n) continue;
        const lit = new LiteralExpr(scalar(c === 2 ? BigInt.asIntN(64, constant) : constant));
        const k = c === 2 ? BigInt.asIntN(64, constant) : constant;
        for (const op of ops) {
          const expected = rowsWhere((r) => values[r] !== null && holds(op, values[r]!, k));
          expect([...keep([new BinaryExpr(op, col, lit)])!], `${type.kind} ${op} ${constant}`).toEqual(expected);
          // The constant on the left flips the operator.
          expect([...keep([new BinaryExpr(op, lit, col)])!]).toEqual(rowsWhere((r) => values[r] !== null && holds(op, k, values[r]!)));
        }
      }
    }
  });

  it('merges the comparisons on one column into one range, applied at the rows still selected', () => {
    const m = new ColumnExpr('m', 3, dec);
    const i = new ColumnExpr('i', 0, T.int32);
    const between = [new BinaryExpr('>=', m, new LiteralExpr({ type: dec, value: -3n })), new BinaryExpr('<', m, new LiteralExpr({ type: dec, value: big }))];
    const notFive = new BinaryExpr('<>', i, new LiteralExpr(Scalars.int32(5)));
    const { ranges } = RangeSelect.split([...between, notFive]);
    expect(ranges.map((r) => r.column)).toEqual([3, 0]);
    expect([...keep([...between, notFive])!]).toEqual([1, 6]);
    expect([...keep(between, Int32Array.of(0, 3, 6))!]).toEqual([0, 6]);
    // An empty range and a comparison with NULL keep nothing.
    expect(keep([new BinaryExpr('>', i, new LiteralExpr(Scalars.int32(5))), new BinaryExpr('<', i, new LiteralExpr(Scalars.int32(6)))])).toHaveLength(0);
    expect(keep([new BinaryExpr('=', i, new LiteralExpr(Scalars.null(T.int32)))])).toHaveLength(0);
  });

  it('leaves other conjuncts alone (column against column, other types, casts)', () => {
    const i = new ColumnExpr('i', 0, T.int32);
    const other = [
      new BinaryExpr('<', i, new ColumnExpr('d', 1, T.int32)),
      new BinaryExpr('=', new ColumnExpr('s', 0, T.utf8), new LiteralExpr(Scalars.utf8('a'))),
      new BinaryExpr('<', new ColumnExpr('f', 0, T.float64), new LiteralExpr(Scalars.float64(1.5))),
      predicateExpr('i > 0', () => true),
    ];
    expect(RangeSelect.split(other)).toEqual({ ranges: [], others: [0, 1, 2, 3] });
  });
});
