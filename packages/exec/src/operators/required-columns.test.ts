import { describe, expect, it } from 'vitest';
import { DataTypes as T, Scalars } from '@quiver/common';
import { batchOf, collectRows, schemaOf, testContext } from '../test-helpers.js';
import { BinaryExpr } from '../expressions/binary.js';
import { ColumnExpr } from '../expressions/column.js';
import { LiteralExpr } from '../expressions/literal.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { FilterExec } from './filter-exec.js';
import { HashAggregateExec } from './hash-aggregate-exec.js';
import { HashJoinExec } from './hash-join-exec.js';
import { MemoryScanExec } from './memory-scan-exec.js';
import { ProjectionExec } from './projection-exec.js';
import { SumFunction } from '../aggregates/sum.js';

/** A memory scan that records the columns each execution was asked for. */
class RecordingScan extends MemoryScanExec {
  readonly asked: Array<number[] | null> = [];
  override requireColumns(columns: ReadonlySet<number>): void {
    super.requireColumns(columns);
    this.asked.push([...columns].sort());
  }
}

const batch = batchOf([
  ['k', T.int32, [1, 2, 3, 4]],
  ['a', T.int64, [10n, 20n, 30n, 40n]],
  ['s', T.utf8, ['w', 'x', 'y', 'z']],
]);
const scan = () => new RecordingScan(schemaOf(batch), [[batch]]);
const col = (name: string, i: number, type = T.int32) => new ColumnExpr(name, i, type);
const kAbove = (v: number, i = 0) => new BinaryExpr('>', col('k', i), new LiteralExpr(Scalars.int32(v)));

describe('required columns', () => {
  it('a projection asks its input only for the columns it reads, and leaves unread outputs NULL', async () => {
    const input = scan();
    const project = new ProjectionExec(input, [col('s', 2, T.utf8), col('k', 0)], ['s', 'k']);
    project.requireColumns(new Set([0]));
    expect(await collectRows(project)).toEqual([['w', null], ['x', null], ['y', null], ['z', null]]);
    expect(input.asked).toEqual([[2]]);
    // The requirement held for that execution only: the next reads both of its expressions' columns.
    expect(await collectRows(project)).toEqual([['w', 1], ['x', 2], ['y', 3], ['z', 4]]);
    expect(input.asked).toEqual([[2], [0, 2]]);
  });

  it('a filter adds its predicate columns and gathers only the read ones', async () => {
    const input = scan();
    const filter = new FilterExec(input, kAbove(2));
    const project = new ProjectionExec(filter, [col('s', 2, T.utf8)], ['s']);
    expect(await collectRows(project)).toEqual([['y'], ['z']]);
    expect(input.asked).toEqual([[0, 2]]);
  });

  it('a join asks each side for the read columns, its keys and its filter columns', async () => {
    const left = scan();
    const right = scan();
    const join = new HashJoinExec(left, right, [[col('k', 0), col('k', 0)] as const], 'inner', kAbove(1, 3));
    // Output: k a s | k a s — read right.s (5) only.
    const project = new ProjectionExec(join, [col('s', 5, T.utf8)], ['s']);
    expect(await collectRows(project)).toEqual([['x'], ['y'], ['z']]);
    expect(left.asked).toEqual([[0]]);
    expect(right.asked).toEqual([[0, 2]]);
  });

  it('an aggregate asks for its key and argument columns', async () => {
    const input = scan();
    const sum = new SumFunction();
    const agg = new HashAggregateExec(input, [{ expr: col('s', 2, T.utf8), name: 's' }], [
      { func: sum, args: [col('a', 1, T.int64) as PhysicalExpr], distinct: false, filter: null, returnType: T.int64, name: 'sum(a)' },
    ]);
    expect((await collectRows(agg, testContext())).length).toBe(4);
    expect(input.asked).toEqual([[1, 2]]);
  });
});
