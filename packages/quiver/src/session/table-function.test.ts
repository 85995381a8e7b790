import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes, Field, QuiverError, type ScalarValue } from '@quiver/common';
import type { ColumnarValue, TableFunction } from '@quiver/planner';
import { MemTable } from '@quiver/exec';
import { SessionContext } from './context.js';

/**
 * `generate_series(start, stop[, step])`: the BIGINTs from start to stop, written in TypeScript;
 * its `lateral` form takes BIGINT columns (LATERAL) and says which input row each value belongs to.
 */
const generateSeries: TableFunction = {
  name: 'generate_series',
  lateral: {
    strict: true,
    coerceArgs: (types) => types.map(() => DataTypes.int64),
    outputFields: () => [new Field('generate_series', DataTypes.int64, false)],
    *invoke(args: readonly ColumnarValue[], numRows: number) {
      const column = (a: ColumnarValue) => (a.kind === 'scalar' ? () => a.value.value as bigint : (i: number) => (a.data.values as BigInt64Array)[i]!);
      const [start, stop, step = () => 1n] = args.map(column);
      const values: bigint[] = [];
      const rowIndex: number[] = [];
      for (let r = 0; r < numRows; r++) {
        for (let v = start!(r); v <= stop!(r); v += step(r)) {
          values.push(v);
          rowIndex.push(r);
        }
      }
      yield { columns: [arrow.vectorFromArray(BigInt64Array.from(values)).data[0]!], rowIndex: Int32Array.from(rowIndex) };
    },
  },
  call(args: readonly ScalarValue[]) {
    const [start, stop, step = 1n] = args.map((a) => {
      if (typeof a.value !== 'number' && typeof a.value !== 'bigint') throw new QuiverError('TYPE', 'generate_series takes integer arguments');
      return BigInt(a.value);
    });
    if (args.length < 2 || args.length > 3 || step === 0n) throw new QuiverError('PLAN', 'generate_series(start, stop[, step]) needs a non-zero step');
    const values: bigint[] = [];
    for (let v = start!; step > 0n ? v <= stop! : v >= stop!; v += step) values.push(v);
    return MemTable.fromArrow(new arrow.Table({ generate_series: arrow.vectorFromArray(BigInt64Array.from(values)) }));
  },
};

const rows = async (ctx: SessionContext, sql: string) => (await (await ctx.sql(sql)).collect()).toArray().map((r) => r.toJSON());

describe('table functions written in TypeScript', () => {
  it('are called in FROM with constant arguments and scanned like tables', async () => {
    const ctx = await SessionContext.create();
    ctx.functions.registerTableFunction(generateSeries);
    expect(await rows(ctx, 'SELECT sum(x) AS s, count(*) AS n FROM generate_series(1, 10) AS g(x)')).toEqual([{ s: 55n, n: 10n }]);
    expect(await rows(ctx, 'SELECT * FROM generate_series(3, -3, -3)')).toEqual([{ generate_series: 3n }, { generate_series: 0n }, { generate_series: -3n }]);
    expect(await rows(ctx, 'SELECT a.x * b.y AS p FROM generate_series(1, 2) a(x) JOIN generate_series(2, 3) b(y) ON a.x < b.y ORDER BY p')).toEqual([{ p: 2n }, { p: 3n }, { p: 6n }]);
  });

  it('report unknown names, non-constant arguments and the function’s own errors', async () => {
    const ctx = await SessionContext.create();
    ctx.functions.registerTableFunction(generateSeries);
    await expect(ctx.sql('SELECT * FROM generate_serie(1, 2)')).rejects.toThrow("table function 'generate_serie' not found (did you mean 'generate_series'?)");
    // Computed arguments reading no column run through the LATERAL form over one row; without that form they must be constants.
    expect(await rows(ctx, 'SELECT * FROM generate_series(1, 1 + 1)')).toEqual([{ generate_series: 1n }, { generate_series: 2n }]);
    ctx.functions.registerTableFunction({ name: 'constant_series', call: generateSeries.call });
    await expect(ctx.sql('SELECT * FROM constant_series(1, 1 + 1)')).rejects.toThrow('the arguments of table function constant_series must be constants');
    await expect(ctx.sql("SELECT * FROM generate_series(1, 'x')")).rejects.toThrow('generate_series takes integer arguments');
    ctx.functions.deregister('generate_series');
    await expect(ctx.sql('SELECT * FROM generate_series(1, 2)')).rejects.toThrow("table function 'generate_series' not found");
  });

  it('take columns of the FROM items before them (LATERAL), joined to their input rows', async () => {
    const ctx = await SessionContext.create();
    ctx.functions.registerTableFunction(generateSeries);
    await ctx.sql("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a', 2), (2, 'b', 0), (3, 'c', NULL)) v(id, name, n)");
    const expected = [{ id: 1, x: 1n }, { id: 1, x: 2n }];
    expect(await rows(ctx, 'SELECT t.id, g.x FROM t, LATERAL generate_series(1, t.n) AS g(x) ORDER BY 1, 2')).toEqual(expected);
    expect(await rows(ctx, 'SELECT t.id, g.x FROM t CROSS JOIN LATERAL generate_series(1, t.n) g(x) ORDER BY 1, 2')).toEqual(expected);
    // A function call with a column argument is lateral without the keyword (as in PostgreSQL).
    expect(await rows(ctx, 'SELECT id, generate_series AS x FROM t, generate_series(1, n) ORDER BY 1, 2')).toEqual(expected);
    expect(await rows(ctx, 'SELECT t.id, g.x FROM t JOIN LATERAL generate_series(t.id, 3) g(x) ON g.x > t.id ORDER BY 1, 2')).toEqual([
      { id: 1, x: 2n },
      { id: 1, x: 3n },
      { id: 2, x: 3n },
    ]);
    // LEFT JOIN LATERAL … ON true keeps rows the function returns nothing for (n = 0, n NULL).
    expect(await rows(ctx, 'SELECT t.id, g.x FROM t LEFT JOIN LATERAL generate_series(1, t.n) g(x) ON true ORDER BY 1, 2')).toEqual([
      { id: 1, x: 1n },
      { id: 1, x: 2n },
      { id: 2, x: null },
      { id: 3, x: null },
    ]);
    // id 1: 1..1000, id 2: 2..2000, id 3: 3..3000
    expect(await rows(ctx, 'SELECT count(*) AS c, sum(x) AS s FROM t, LATERAL generate_series(t.id, t.id * 1000) g(x)')).toEqual([{ c: 5997n, s: 500500n + 2000999n + 4501497n }]);
    // Rows beyond the first batch of the input keep their own outputs.
    expect(await rows(ctx, 'SELECT count(*) AS c, sum(x) AS s FROM generate_series(1, 20000) a(k), LATERAL generate_series(k, k) g(x)')).toEqual([{ c: 20000n, s: 200010000n }]);
  });

  it('push filters on the input below a lateral call and prune the input’s columns', async () => {
    const ctx = await SessionContext.create();
    ctx.functions.registerTableFunction(generateSeries);
    await ctx.sql("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a', 2), (2, 'b', 3)) v(id, name, n)");
    const plan = await (await ctx.sql('EXPLAIN SELECT g.x FROM t, LATERAL generate_series(1, t.n) g(x) WHERE t.id = 2 AND g.x > 1')).collect();
    const text = plan.getChild('plan')!.get(0) as string;
    const lines = text.split('\n').map((l) => l.trim());
    const lateral = lines.findIndex((l) => l.startsWith('LateralTableFunction: generate_series(CAST(1 AS BIGINT), CAST(t.n AS BIGINT)) AS g(x)'));
    expect(lateral).toBeGreaterThan(0);
    expect(lines[lateral - 1]).toBe('Filter: g.x > 1');
    expect(lines.slice(lateral + 1).join('\n')).toMatch(/TableScan: t projection=\[id, n\].*t.id = 2/);
    expect(await rows(ctx, 'SELECT g.x FROM t, LATERAL generate_series(1, t.n) g(x) WHERE t.id = 2 AND g.x > 1 ORDER BY 1')).toEqual([{ x: 2n }, { x: 3n }]);
  });

  it('report LATERAL forms they cannot run', async () => {
    const ctx = await SessionContext.create();
    ctx.functions.registerTableFunction(generateSeries);
    ctx.functions.registerTableFunction({ name: 'constant_only', call: generateSeries.call });
    await ctx.sql('CREATE TABLE t AS SELECT 1 AS n');
    await expect(ctx.sql('SELECT * FROM t, LATERAL constant_only(1, t.n)')).rejects.toThrow('table function constant_only takes only constant arguments (it has no batch form for LATERAL use)');
    await expect(ctx.sql('SELECT * FROM t, LATERAL (SELECT t.n) s').then((df) => df.collect())).rejects.toThrow(/a LATERAL subquery that reads the FROM items before it other than in its WHERE conditions/);
    await expect(ctx.sql('SELECT * FROM t LEFT JOIN LATERAL generate_series(1, t.n) g(x) ON g.x > 1')).rejects.toThrow('LEFT JOIN LATERAL with an ON condition other than true is not supported');
    await expect(ctx.sql('SELECT * FROM t FULL JOIN LATERAL generate_series(1, t.n) g(x) ON true')).rejects.toThrow(/FullOuter join with a LATERAL item/);
    await expect(ctx.sql('SELECT * FROM t, LATERAL generate_series(1, t.n) t')).rejects.toThrow("table name 't' is used more than once in FROM");
    expect(await rows(ctx, 'SELECT count(*) AS c FROM t, LATERAL generate_series(1, t.n)')).toEqual([{ c: 1n }]);
  });
});
