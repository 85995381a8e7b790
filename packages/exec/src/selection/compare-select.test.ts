import { describe, expect, it } from 'vitest';
import { DataTypes as T, Scalars } from '@quiver/common';
import { BinaryExpr } from '../expressions/binary.js';
import { ColumnExpr } from '../expressions/column.js';
import { LiteralExpr } from '../expressions/literal.js';
import { batchOf } from '../test-helpers.js';
import { compareSelect } from './compare-select.js';

const a = [1, 5, null, 3, 3, -2, 9];
const b = [2, 5, 4, null, 3, -7, 10];
const s = ['R', 'RR', null, 'A', 'R', '', 'é'];
const batch = batchOf([['a', T.date32, a], ['b', T.date32, b], ['s', T.utf8, s]]);
const all = [...a.keys()];
const holds = (op: string, x: number, y: number) => ({ '=': x === y, '<>': x !== y, '<': x < y, '<=': x <= y, '>': x > y, '>=': x >= y })[op]!;

describe('compareSelect', () => {
  it('keeps the rows where two columns compare true, NULLs never, at the rows still selected', () => {
    const ca = new ColumnExpr('a', 0, T.date32);
    const cb = new ColumnExpr('b', 1, T.date32);
    for (const op of ['=', '<>', '<', '<=', '>', '>='] as const) {
      const select = compareSelect(new BinaryExpr(op, ca, cb))!;
      expect([...select.keep(batch, null)], op).toEqual(all.filter((r) => a[r] !== null && b[r] !== null && holds(op, a[r]!, b[r]!)));
      expect([...select.keep(batch, Int32Array.of(0, 4, 6))]).toEqual([0, 4, 6].filter((r) => holds(op, a[r]!, b[r]!)));
    }
  });

  it('keeps the rows where a string equals (or not) a constant by bytes, NULLs never', () => {
    const col = new ColumnExpr('s', 2, T.utf8);
    for (const value of ['R', 'é', '', 'RR']) {
      const lit = new LiteralExpr(Scalars.utf8(value));
      expect([...compareSelect(new BinaryExpr('=', col, lit))!.keep(batch, null)], value).toEqual(all.filter((r) => s[r] === value));
      expect([...compareSelect(new BinaryExpr('<>', lit, col))!.keep(batch, null)]).toEqual(all.filter((r) => s[r] !== null && s[r] !== value));
    }
    expect([...compareSelect(new BinaryExpr('=', col, new LiteralExpr(Scalars.utf8('R'))))!.keep(batch, Int32Array.of(1, 4, 5))]).toEqual([4]);
    expect(compareSelect(new BinaryExpr('=', col, new LiteralExpr(Scalars.null(T.utf8))))!.keep(batch, null)).toHaveLength(0);
  });

  it('declines other comparisons', () => {
    const col = new ColumnExpr('s', 2, T.utf8);
    expect(compareSelect(new BinaryExpr('<', col, new LiteralExpr(Scalars.utf8('R'))))).toBeNull();
    expect(compareSelect(new BinaryExpr('<', new ColumnExpr('a', 0, T.int64), new ColumnExpr('x', 1, T.int64)))).toBeNull();
    expect(compareSelect(new BinaryExpr('<', new ColumnExpr('f', 0, T.float64), new ColumnExpr('g', 1, T.float64)))).toBeNull();
    expect(compareSelect(new BinaryExpr('||', col, col))).toBeNull();
  });
});
