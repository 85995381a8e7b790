import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { QuiverError, type ScalarValue } from '@quiver/common';
import type { TableFunction } from '@quiver/planner';
import { MemTable } from '@quiver/exec';
import { SessionContext } from './context.js';

/** `generate_series(start, stop[, step])`: the BIGINTs from start to stop, written in TypeScript. */
const generateSeries: TableFunction = {
  name: 'generate_series',
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
    await expect(ctx.sql('SELECT * FROM generate_series(1, 1 + 1)')).rejects.toThrow('the arguments of table function generate_series must be constants');
    await expect(ctx.sql("SELECT * FROM generate_series(1, 'x')")).rejects.toThrow('generate_series takes integer arguments');
    ctx.functions.deregister('generate_series');
    await expect(ctx.sql('SELECT * FROM generate_series(1, 2)')).rejects.toThrow("table function 'generate_series' not found");
  });
});
