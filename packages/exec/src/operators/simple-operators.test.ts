import { describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import { DataTypes as T, Scalars, Schema } from '@quiver/common';
import { BinaryExpr } from '../expressions/binary.js';
import { ColumnExpr } from '../expressions/column.js';
import { LiteralExpr } from '../expressions/literal.js';
import { batchOf, colExpr, collectRows, predicateExpr, schemaOf, testContext, column } from '../test-helpers.js';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { MemoryScanExec } from './memory-scan-exec.js';
import { FilterExec } from './filter-exec.js';
import { ProjectionExec } from './projection-exec.js';
import { LimitExec } from './limit-exec.js';
import { UnionExec } from './union-exec.js';
import { ValuesExec, EmptyExec } from './values-exec.js';
import { CoalesceBatchesExec } from './coalesce-batches-exec.js';

const b1 = batchOf([
  ['id', T.int32, [1, 2, 3]],
  ['name', T.utf8, ['a', null, 'c']],
]);
const b2 = batchOf([
  ['id', T.int32, [4, 5]],
  ['name', T.utf8, ['d', 'e']],
]);
const scan = () => new MemoryScanExec(schemaOf(b1), [[b1], [b2]]);

/** Counts the batches a consumer actually pulled. */
class CountingScan extends MemoryScanExec {
  pulled = 0;
  override async *execute(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    for await (const b of super.execute(ctx)) {
      this.pulled++;
      yield b;
    }
  }
}

function lit(type: typeof T.int32, value: unknown): PhysicalExpr {
  return { type, evaluate: () => column(type, [value]), toString: () => String(value) };
}

describe('MemoryScanExec', () => {
  it('reads all partitions in order, with projection', async () => {
    expect(await collectRows(scan())).toEqual([[1, 'a'], [2, null], [3, 'c'], [4, 'd'], [5, 'e']]);
    const projected = new MemoryScanExec(schemaOf(b1), [[b1]], [1]);
    expect(projected.schema.fields.map((f) => f.name)).toEqual(['name']);
    expect(await collectRows(projected)).toEqual([['a'], [null], ['c']]);
  });

  it('records output metrics', async () => {
    const s = scan();
    await collectRows(s);
    expect(s.metrics.outputRows).toBe(5);
    expect(s.metrics.outputBatches).toBe(2);
  });
});

describe('FilterExec', () => {
  it('keeps TRUE rows only (NULL predicate drops)', async () => {
    const f = new FilterExec(scan(), predicateExpr('name <> c', ([, name]) => (name === null ? null : name !== 'c')));
    expect(await collectRows(f)).toEqual([[1, 'a'], [4, 'd'], [5, 'e']]);
    expect(f.describe()).toBe('FilterExec: name <> c');
  });

  it('evaluates a conjunction one operand at a time, later ones on the rows still passing once few pass', async () => {
    const n = 100;
    const rows = batchOf([
      ['id', T.int32, Array.from({ length: n }, (_, i) => i)],
      ['v', T.int32, Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : i % 10))],
    ]);
    const seen: number[] = [];
    /** A predicate on column v that records how many rows it was given. */
    const vAtLeast = (min: number): PhysicalExpr => {
      const p = predicateExpr(`v >= ${min}`, ([, v]) => (v === null ? null : (v as number) >= min));
      return { ...p, evaluate: (b) => (seen.push(b.numRows), p.evaluate(b)) };
    };
    const idBelow = new BinaryExpr('<', new ColumnExpr('id', 0, T.int32), new LiteralExpr(Scalars.int32(20)));
    const three = new BinaryExpr('AND', new BinaryExpr('AND', new BinaryExpr('AND', idBelow, vAtLeast(3)), vAtLeast(5)), vAtLeast(8));
    const f = new FilterExec(new MemoryScanExec(schemaOf(rows), [[rows]]), three);
    const expected = Array.from({ length: 20 }, (_, i) => i).filter((i) => i % 7 !== 0 && i % 10 >= 8).map((i) => [i, i % 10]);
    expect(await collectRows(f)).toEqual(expected);
    // id < 20 keeps 20 of 100 rows: v >= 3 sees those 20 and keeps 12 (over half: no new gather), so
    // v >= 5 sees the same 20; it leaves 9 (under half), gathered for v >= 8 (NULL v dropped all along).
    expect(seen).toEqual([20, 20, 9]);
    expect(f.describe()).toBe('FilterExec: (((id@0 < 20) AND v >= 3) AND v >= 5) AND v >= 8');

    // id >= 10 keeps 90%: v >= 3 then runs over the whole batch, its NULLs dropping rows too.
    seen.length = 0;
    const idFrom = new BinaryExpr('>=', new ColumnExpr('id', 0, T.int32), new LiteralExpr(Scalars.int32(10)));
    const wide = new FilterExec(new MemoryScanExec(schemaOf(rows), [[rows]]), new BinaryExpr('AND', idFrom, vAtLeast(3)));
    const wideExpected = Array.from({ length: n }, (_, i) => i).filter((i) => i >= 10 && i % 7 !== 0 && i % 10 >= 3).map((i) => [i, i % 10]);
    expect(await collectRows(wide)).toEqual(wideExpected);
    expect(seen).toEqual([100]);
  });
});

describe('ProjectionExec', () => {
  it('evaluates expressions into named columns', async () => {
    const p = new ProjectionExec(scan(), [colExpr(1, T.utf8), colExpr(0, T.int32)], ['n', 'i']);
    expect(p.schema.fields.map((f) => `${f.name}:${f.type.kind}`)).toEqual(['n:Utf8', 'i:Int32']);
    expect((await collectRows(p))[1]).toEqual([null, 2]);
  });
});

describe('LimitExec', () => {
  it('skips and fetches across batches', async () => {
    expect(await collectRows(new LimitExec(scan(), 2, 2))).toEqual([[3, 'c'], [4, 'd']]);
    expect(await collectRows(new LimitExec(scan(), 4, null))).toEqual([[5, 'e']]);
    expect(await collectRows(new LimitExec(scan(), 0, 0))).toEqual([]);
  });

  it('stops pulling its input once it has enough rows', async () => {
    const src = new CountingScan(schemaOf(b1), [[b1, b2, b1, b2]]);
    expect(await collectRows(new LimitExec(src, 0, 2))).toHaveLength(2);
    expect(src.pulled).toBe(1);
  });
});

describe('UnionExec', () => {
  it('concatenates its inputs', async () => {
    const u = new UnionExec([scan(), new MemoryScanExec(schemaOf(b2), [[b2]])]);
    expect(await collectRows(u)).toHaveLength(7);
  });
});

describe('ValuesExec and EmptyExec', () => {
  it('evaluates literal rows, NULL literals included', async () => {
    const schema = new Schema([...schemaOf(b1).fields]);
    const v = new ValuesExec(schema, [
      [lit(T.int32, 7), lit(T.utf8, 'x')],
      [lit(T.int32, 8), { type: T.null, evaluate: () => column(T.null, [null]), toString: () => 'NULL' }],
    ]);
    expect(await collectRows(v)).toEqual([[7, 'x'], [8, null]]);
  });

  it('produces no rows or one column-less row', async () => {
    expect(await collectRows(new EmptyExec(Schema.empty(), false))).toEqual([]);
    const one: ExecutionPlan = new EmptyExec(Schema.empty(), true);
    let rows = 0;
    for await (const b of one.execute(testContext())) rows += b.numRows;
    expect(rows).toBe(1);
  });
});

describe('CoalesceBatchesExec', () => {
  it('merges small batches up to the batch size', async () => {
    const small = Array.from({ length: 10 }, () => b1);
    const c = new CoalesceBatchesExec(new MemoryScanExec(schemaOf(b1), [small]));
    const sizes: number[] = [];
    for await (const b of c.execute(testContext({ batchSize: 8 }))) sizes.push(b.numRows);
    expect(sizes).toEqual([8, 8, 8, 6]);
  });
});

describe('MemoryScanExec slicing and limit', () => {
  it('re-slices batches to the batch size and stops at the limit', async () => {
    const sizes: number[] = [];
    for await (const b of new MemoryScanExec(schemaOf(b1), [[b1, b2]], [0]).execute(testContext({ batchSize: 2 }))) sizes.push(b.numRows);
    expect(sizes).toEqual([2, 1, 2]);
    expect(await collectRows(new MemoryScanExec(schemaOf(b1), [[b1], [b2]], null, 4), testContext({ batchSize: 2 }))).toEqual([
      [1, 'a'], [2, null], [3, 'c'], [4, 'd'],
    ]);
  });
});
