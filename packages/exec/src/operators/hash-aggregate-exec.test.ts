import { describe, expect, it, vi } from 'vitest';
import { DataTypes as T, type DataType } from '@quiver/common';
import { BinaryExpr } from '../expressions/binary.js';
import { ColumnExpr } from '../expressions/column.js';
import { SumAccumulator } from '../aggregates/sum.js';
import { batchOf, colExpr, collectRows, predicateExpr, schemaOf, testContext } from '../test-helpers.js';
import { MemoryScanExec } from './memory-scan-exec.js';
import { HashAggregateExec, type AggregateCall } from './hash-aggregate-exec.js';
import { builtinAggregateFunctions } from '../aggregates/builtin.js';

const fns = new Map(builtinAggregateFunctions().map((f) => [f.name, f]));
function call(name: string, args: { index: number; type: DataType }[], opts: Partial<AggregateCall> = {}): AggregateCall {
  const func = fns.get(name)!;
  const argTypes = args.map((a) => a.type);
  return {
    func,
    args: args.map((a) => colExpr(a.index, a.type)),
    distinct: false,
    filter: null,
    returnType: func.returnType(func.coerceArgs(argTypes)),
    name: `${name}${opts.distinct ? '_distinct' : ''}`,
    ...opts,
  };
}

const dec = T.decimal(15, 2);
const batches = [
  batchOf([['g', T.utf8, ['a', 'b', null, 'a']], ['x', T.int32, [1, null, 3, 4]], ['d', dec, [100n, 250n, null, 1n]]]),
  batchOf([['g', T.utf8, ['b', null, 'a', 'c']], ['x', T.int32, [5, 6, 1, null]], ['d', dec, [5n, 7n, 99n, null]]]),
];
const scan = (bs = batches) => new MemoryScanExec(schemaOf(batches[0]!), [bs]);
const x = { index: 1, type: T.int32 };
const d = { index: 2, type: dec };

describe('HashAggregateExec', () => {
  it('groups across batches (NULL is one group) computing every built-in aggregate', async () => {
    const agg = new HashAggregateExec(scan(), [{ expr: colExpr(0, T.utf8), name: 'g' }], [
      call('count', []),
      call('count', [x]),
      call('sum', [x]),
      call('avg', [x]),
      call('min', [x]),
      call('max', [d]),
      call('sum', [d]),
      call('count', [x], { distinct: true }),
    ]);
    expect(agg.schema.fields.map((f) => f.name)).toEqual(['g', 'count', 'count', 'sum', 'avg', 'min', 'max', 'sum', 'count_distinct']);
    const rows = await collectRows(agg);
    expect(rows).toEqual([
      ['a', 3n, 3n, 6n, 2, 1, 100n, 200n, 2n],
      ['b', 2n, 1n, 5n, 5, 5, 250n, 255n, 1n],
      [null, 2n, 2n, 9n, 4.5, 3, 7n, 7n, 2n],
      ['c', 1n, 0n, null, null, null, null, null, 0n],
    ]);
  });

  it('without groups yields exactly one row, even for empty input', async () => {
    const aggs = [call('count', []), call('count', [x]), call('sum', [x]), call('max', [d])];
    expect(await collectRows(new HashAggregateExec(scan(), [], aggs))).toEqual([[8n, 6n, 20n, 250n]]);
    expect(await collectRows(new HashAggregateExec(scan([]), [], aggs))).toEqual([[0n, 0n, null, null]]);
  });

  it('with groups yields no rows for empty input', async () => {
    expect(await collectRows(new HashAggregateExec(scan([]), [{ expr: colExpr(0, T.utf8), name: 'g' }], [call('count', [])]))).toEqual([]);
  });

  it('applies FILTER (WHERE …) per aggregate', async () => {
    const bigOnly = predicateExpr('x > 2', (row) => (row[1] === null ? null : (row[1] as number) > 2));
    const agg = new HashAggregateExec(scan(), [], [call('count', [], { filter: bigOnly }), call('sum', [x])]);
    expect(await collectRows(agg)).toEqual([[4n, 20n]]);
  });

  it('serves DISTINCT with group keys and no aggregates, in batches of the batch size', async () => {
    const agg = new HashAggregateExec(scan(), [{ expr: colExpr(0, T.utf8), name: 'g' }], []);
    const sizes: number[] = [];
    for await (const b of agg.execute(testContext({ batchSize: 3 }))) sizes.push(b.numRows);
    expect(sizes).toEqual([3, 1]);
  });

  it('sums a DECIMAL expression from its exact scaled values, falling back per batch for NULLs and values beyond 2^53', async () => {
    const d2 = T.decimal(15, 2);
    const big = 10n ** 9n; // its square passes 2^53
    const parts = [
      { g: ['a', 'b', 'a'], d: [150n, -25n, 3n] },
      { g: ['b', 'a'], d: [7n, null] },
      { g: ['a', 'b'], d: [big, 1n] },
    ];
    const scanD = new MemoryScanExec(schemaOf(batchOf([['g', T.utf8, []], ['d', d2, []]])), [parts.map((p) => batchOf([['g', T.utf8, p.g], ['d', d2, p.d]]))]);
    const col = new ColumnExpr('d', 1, d2);
    const square = new BinaryExpr('*', col, col);
    const fn = fns.get('sum')!;
    const scaled = vi.spyOn(SumAccumulator.prototype, 'updateScaled');
    try {
      const rows = await collectRows(new HashAggregateExec(scanD, [{ expr: colExpr(0, T.utf8), name: 'g' }], [
        { func: fn, args: [square], distinct: false, filter: null, returnType: fn.returnType(fn.coerceArgs([square.type])), name: 's' },
        call('avg', [{ index: 1, type: d2 }]),
      ]));
      const expected = (g: string) => parts.flatMap((p) => p.d.filter((_, i) => p.g[i] === g)).reduce<bigint>((s, v) => s + (v === null ? 0n : v * v), 0n);
      expect(rows.map((r) => r.slice(0, 2))).toEqual([['a', expected('a')], ['b', expected('b')]]);
      // The first batch took the scaled path; the NULL and the value beyond 2^53 sent the others through Decimal128 words.
      expect(scaled).toHaveBeenCalledTimes(1);
    } finally {
      scaled.mockRestore();
    }
  });

  it('groups on two keys; memory is released afterwards', async () => {
    const ctx = testContext();
    const agg = new HashAggregateExec(scan(), [{ expr: colExpr(0, T.utf8), name: 'g' }, { expr: colExpr(1, T.int32), name: 'x' }], [call('count', [])]);
    const rows = await collectRows(agg, ctx);
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r[0] === 'a' && r[1] === 1)).toEqual(['a', 1, 2n]);
    expect(agg.metrics.peakMemoryBytes).toBeGreaterThan(0);
    expect(ctx.memory.usedBytes).toBe(0);
  });
});
