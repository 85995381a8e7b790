import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes as T, Field, Schema, type DataType } from '@quiver/common';
import { builtinWindowFunction, defaultFrame, type WindowFrame, type WindowFunction } from '@quiver/planner';
import { batchOf, colExpr, collectRows, schemaOf } from '../test-helpers.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { MemoryScanExec } from './memory-scan-exec.js';
import { WindowExec, type WindowCall } from './window-exec.js';
import { SumFunction } from '../aggregates/sum.js';
import { AvgFunction } from '../aggregates/avg.js';
import { CountFunction } from '../aggregates/count.js';
import { MinMaxFunction } from '../aggregates/min-max.js';
import { LiteralExpr } from '../expressions/literal.js';

// g (partition key, with a NULL), x (order key, with ties and a NULL), v (values).
const input = [
  batchOf([['g', T.utf8, ['a', 'b', 'a', null, 'a']], ['x', T.int32, [3, 1, 1, 5, 3]], ['v', T.int64, [10n, 20n, null, 40n, 50n]]]),
  batchOf([['g', T.utf8, ['b', 'a', 'b']], ['x', T.int32, [null, 2, 1]], ['v', T.int64, [70n, 80n, 90n]]]),
];
const scan = (batches: arrow.RecordBatch[][]) => new MemoryScanExec(schemaOf(input[0]!), batches);
const g = colExpr(0, T.utf8, 'g');
const x = colExpr(1, T.int32, 'x');
const v = colExpr(2, T.int64, 'v');
const byX = [{ expr: x, asc: true, nullsFirst: false }];

function call(func: WindowFunction, args: PhysicalExpr[], returnType: DataType, frame: WindowFrame | null = null, over: Partial<WindowCall> = {}): WindowCall {
  const orderBy = over.orderBy ?? byX;
  return {
    func,
    args,
    partitionBy: [g],
    orderBy,
    frame: frame ?? defaultFrame(orderBy.length > 0),
    rangeKey: null,
    distinct: false,
    filter: null,
    returnType,
    name: `w${Math.random()}`,
    ...over,
  };
}

function builtin(name: string): WindowFunction {
  return builtinWindowFunction(name)!;
}

async function run(calls: WindowCall[], batches: arrow.RecordBatch[][] = [input]): Promise<unknown[][]> {
  const schema = new Schema([...schemaOf(input[0]!).fields, ...calls.map((c, i) => new Field(`w${i}`, c.returnType, true))]);
  return collectRows(new WindowExec(scan(batches), calls, schema));
}

describe('WindowExec', () => {
  it('emits rows grouped by partition and ordered within, with ranking functions over ties and NULL keys', async () => {
    const out = await run([
      call(builtin('row_number'), [], T.int64),
      call(builtin('rank'), [], T.int64),
      call(builtin('dense_rank'), [], T.int64),
      call(builtin('percent_rank'), [], T.float64),
      call(builtin('cume_dist'), [], T.float64),
      call(builtin('ntile'), [new LiteralExpr({ type: T.int64, value: 2n })], T.int64),
    ]);
    expect(out.map((r) => r.slice(0, 2).concat(r.slice(3)))).toEqual([
      ['a', 1, 1n, 1n, 1n, 0, 0.25, 1n],
      ['a', 2, 2n, 2n, 2n, 1 / 3, 0.5, 1n],
      ['a', 3, 3n, 3n, 3n, 2 / 3, 1, 2n],
      ['a', 3, 4n, 3n, 3n, 2 / 3, 1, 2n],
      ['b', 1, 1n, 1n, 1n, 0, 2 / 3, 1n],
      ['b', 1, 2n, 1n, 1n, 0, 2 / 3, 1n],
      ['b', null, 3n, 3n, 2n, 1, 1, 2n],
      [null, 5, 1n, 1n, 1n, 0, 1, 1n],
    ]);
  });

  it('lag and lead read offsets and defaults per row, out-of-partition offsets of any size give the default', async () => {
    const lit = (n: bigint) => new LiteralExpr({ type: T.int64, value: n });
    const out = await run([
      call(builtin('lag'), [v], T.int64),
      call(builtin('lead'), [v, lit(2n), lit(-1n)], T.int64),
      call(builtin('lag'), [v, lit(-(2n ** 63n)), lit(0n)], T.int64),
      call(builtin('lead'), [v, lit(2n ** 63n - 1n)], T.int64),
    ]);
    expect(out.map((r) => r.slice(3))).toEqual([
      [null, 10n, 0n, null],
      [null, 50n, 0n, null],
      [80n, -1n, 0n, null],
      [10n, -1n, 0n, null],
      [null, 70n, 0n, null],
      [20n, -1n, 0n, null],
      [90n, -1n, 0n, null],
      [null, -1n, 0n, null],
    ]);
  });

  it('aggregates over the default frame count peers; without ORDER BY the frame is the whole partition', async () => {
    const sum = new SumFunction();
    const out = await run([
      call(sum, [v], T.int64),
      call(new CountFunction(), [], T.int64),
      call(new AvgFunction(), [v], T.float64, null, { orderBy: [] }),
      call(new MinMaxFunction('max'), [v], T.int64),
    ]);
    expect(out.map((r) => r.slice(3))).toEqual([
      [null, 1n, 140 / 3, null],
      [80n, 2n, 140 / 3, 80n],
      [140n, 4n, 140 / 3, 80n],
      [140n, 4n, 140 / 3, 80n],
      [110n, 2n, 60, 90n],
      [110n, 2n, 60, 90n],
      [180n, 3n, 60, 90n],
      [40n, 1n, 40, 40n],
    ]);
  });

  it('ROWS frames slide: sum, min, max and count over 1 PRECEDING to 1 FOLLOWING, and first/last/nth_value', async () => {
    const frame: WindowFrame = { units: 'rows', start: { kind: 'preceding', offset: 1 }, end: { kind: 'following', offset: 1 } };
    const two = new LiteralExpr({ type: T.int64, value: 2n });
    const out = await run([
      call(new SumFunction(), [v], T.int64, frame),
      call(new MinMaxFunction('min'), [v], T.int64, frame),
      call(new CountFunction(), [v], T.int64, frame),
      call(builtin('first_value'), [v], T.int64, frame),
      call(builtin('last_value'), [v], T.int64, frame),
      call(builtin('nth_value'), [v, two], T.int64, frame),
    ]);
    expect(out.map((r) => r.slice(3))).toEqual([
      [80n, 80n, 1n, null, 80n, 80n],
      [90n, 10n, 2n, null, 10n, 80n],
      [140n, 10n, 3n, 80n, 50n, 10n],
      [60n, 10n, 2n, 10n, 50n, 50n],
      [110n, 20n, 2n, 20n, 90n, 90n],
      [180n, 20n, 3n, 20n, 70n, 90n],
      [160n, 70n, 2n, 90n, 70n, 70n],
      [40n, 40n, 1n, 40n, 40n, null],
    ]);
  });

  it('GROUPS and RANGE offset frames count peer groups and key distance', async () => {
    const groups: WindowFrame = { units: 'groups', start: { kind: 'preceding', offset: 1 }, end: { kind: 'currentRow' } };
    const range: WindowFrame = { units: 'range', start: { kind: 'preceding', offset: 1 }, end: { kind: 'following', offset: 0 } };
    const xAsDouble: PhysicalExpr = { type: T.float64, evaluate: (b) => toDouble(x.evaluate(b)), toString: () => 'x' };
    const out = await run([
      call(new SumFunction(), [v], T.int64, groups),
      call(new SumFunction(), [v], T.int64, range, { rangeKey: xAsDouble }),
    ]);
    // a: x=1 (null), x=2 (80), x=3 (10, 50); b: x=1 (20, 90), x=NULL (70).
    expect(out.map((r) => r.slice(3))).toEqual([
      [null, null],
      [80n, 80n],
      [140n, 140n],
      [140n, 140n],
      [110n, 110n],
      [110n, 110n],
      [180n, 70n],
      [40n, 40n],
    ]);
  });

  it('sums beyond 2^53 exactly, through the accumulator', async () => {
    const big = batchOf([['g', T.utf8, ['a', 'a', 'a']], ['x', T.int32, [1, 2, 3]], ['v', T.int64, [2n ** 61n, 2n ** 61n, 7n - 2n ** 61n]]]);
    const out = await run([call(new SumFunction(), [v], T.int64)], [[big]]);
    expect(out.map((r) => r[3])).toEqual([2n ** 61n, 2n ** 62n, 2n ** 61n + 7n]);
  });

  it('returns no rows for an empty input', async () => {
    expect(await run([call(builtin('row_number'), [], T.int64)], [])).toEqual([]);
  });
});

/** An Int32 column as Float64 (the RANGE key the physical planner casts to DOUBLE). */
function toDouble(d: arrow.Data): arrow.Data {
  const out = new Float64Array(d.length);
  const ints = d.values as Int32Array;
  for (let i = 0; i < d.length; i++) out[i] = ints[i]!;
  return arrow.makeData({ type: new arrow.Float64(), length: d.length, nullCount: d.nullCount, nullBitmap: d.nullBitmap, data: out });
}
