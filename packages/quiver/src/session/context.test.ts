import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { QuiverError } from '@quiver/common';
import { SessionContext } from './context.js';

const nums = () => new arrow.Table({ n: arrow.vectorFromArray([3, 1, 2], new arrow.Int32()), s: arrow.vectorFromArray(['c', 'a', 'b'], new arrow.Utf8()) });

async function rows(ctx: SessionContext, sql: string): Promise<unknown[][]> {
  const t = await (await ctx.sql(sql)).collect();
  return t.toArray().map((r) => Object.values(r.toJSON()));
}

describe('SessionContext', () => {
  it('runs SQL over registered Arrow tables', async () => {
    const ctx = await SessionContext.create();
    ctx.registerTable('nums', nums());
    expect(await rows(ctx, 'SELECT s FROM nums WHERE n > 1 ORDER BY n')).toEqual([['b'], ['c']]);
  });

  it('suggests table names and stays usable after errors', async () => {
    const ctx = await SessionContext.create();
    ctx.registerTable('nums', nums());
    const err = await ctx.sql('SELECT * FROM num').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuiverError);
    expect((err as QuiverError).message).toContain("table 'num' not found (did you mean 'nums'?)");
    await expect(ctx.sql('SELEC 1')).rejects.toThrow('syntax error');
    expect(await rows(ctx, 'SELECT count(*) FROM nums')).toEqual([[3n]]);
  });

  it('applies views in scripts and reports dropping unknown ones', async () => {
    const ctx = await SessionContext.create();
    ctx.registerTable('nums', nums());
    const results = [];
    for await (const { dataframe } of ctx.executeScript('CREATE VIEW big AS SELECT n FROM nums WHERE n >= 2; SELECT sum(n) AS s FROM big; DROP VIEW big;')) {
      results.push(await dataframe.collect());
    }
    expect(results[1]!.getChild('s')!.get(0)).toBe(5n);
    expect(ctx.tableNames()).toEqual(['nums']);
    await expect(ctx.sql('DROP VIEW nums')).rejects.toThrow("view 'nums' not found ('nums' is a table)");
    await expect(ctx.sql('DROP VIEW IF EXISTS nope')).resolves.toBeDefined();
  });

  it('creates tables from queries', async () => {
    const ctx = await SessionContext.create();
    ctx.registerTable('nums', nums());
    await ctx.sql('CREATE TABLE doubled AS SELECT n * 2 AS d FROM nums');
    expect(await rows(ctx, 'SELECT d FROM doubled ORDER BY d')).toEqual([[2], [4], [6]]);
  });

  it('takes exactly one statement in sql()', async () => {
    const ctx = await SessionContext.create();
    await expect(ctx.sql('SELECT 1; SELECT 2')).rejects.toThrow('sql() takes exactly one statement, got 2');
  });

  it('rejects unknown file formats and missing files clearly', async () => {
    const ctx = await SessionContext.create();
    await expect(ctx.registerFile('x', 'data.xlsx')).rejects.toThrow("no file format for the extension of 'data.xlsx'");
    await expect(ctx.registerParquet('x', '/nonexistent/x.parquet')).rejects.toThrow('/nonexistent/x.parquet: no such file');
    await expect(ctx.registerFile('x', 'a.csv', { format: 'parket' })).rejects.toThrow("format 'parket' (did you mean 'parquet'?)");
  });
});
