/**
 * GROUPING SETS, ROLLUP, CUBE and grouping() end to end, compared with DuckDB over the generated
 * test tables (NULLs in the keys, so a real NULL and a rolled-up NULL meet), with DISTINCT and
 * FILTER aggregates, filters above the aggregate, a join below it, and no input rows; and the
 * order-sensitive FIRST_VALUE/LAST_VALUE/NTH_VALUE aggregates (DuckDB spells them first/last/list).
 */
import { describe, expect, it } from 'vitest';
import { itMatchesDuckDb, useTestTableEngines, type DuckDbCase } from './support/duckdb-cases.js';
import { quiverRows } from './support/oracle.js';

const CASES: DuckDbCase[] = [
  { sql: 'SELECT g, b, count(*), sum(i), avg(d), min(s) FROM t GROUP BY ROLLUP (g, b)' },
  { sql: 'SELECT g, b, count(*), max(dt), sum(f) FROM t GROUP BY CUBE (g, b)' },
  { sql: 'SELECT g, b, sum(d), grouping(g), grouping(b), grouping(g, b), grouping(b, g) FROM t GROUP BY GROUPING SETS ((g), (b), (g, b), ())' },
  { sql: 'SELECT g, b, count(DISTINCT s), sum(i) FILTER (WHERE i > 0), count(*) FILTER (WHERE b) FROM t GROUP BY g, ROLLUP (b)' },
  { sql: 'SELECT i % 3 AS m, g, count(*), sum(f) FROM t GROUP BY CUBE (i % 3, g)' },
  { sql: 'SELECT g, b, count(*) FROM t GROUP BY GROUPING SETS ((g, b), (g, b), (g))' },
  { sql: 'SELECT g, b, s IS NULL, count(*) FROM t GROUP BY ROLLUP (g, (b, s IS NULL))' },
  { sql: "SELECT * FROM (SELECT g, b, count(*) AS n FROM t GROUP BY CUBE (g, b)) x WHERE g = 'a' OR b IS NULL" },
  { sql: 'SELECT g, count(*) FROM t GROUP BY ROLLUP (g) HAVING g IS NULL' },
  { sql: 'SELECT g, b, count(*) AS n FROM t GROUP BY g, CUBE (b) HAVING g IS NOT NULL AND count(*) > 50' },
  { sql: 'SELECT g, count(*), sum(i) FROM t WHERE id < 0 GROUP BY ROLLUP (g)' },
  { sql: 'SELECT u.k, t.g, sum(u.amount), count(*) FROM u JOIN t ON u.uid = t.id GROUP BY ROLLUP (u.k, t.g)' },
  { sql: 'SELECT g, sum(i), rank() OVER (ORDER BY sum(i) DESC NULLS LAST, g) FROM t GROUP BY ROLLUP (g)' },
  // FIRST_VALUE / LAST_VALUE / NTH_VALUE as aggregates
  {
    sql: 'SELECT g, first_value(s ORDER BY id), last_value(i ORDER BY dt, id), first_value(d ORDER BY f DESC, id), nth_value(s, 3 ORDER BY id) FROM t GROUP BY g',
    duckdb: 'SELECT g, first(s ORDER BY id), last(i ORDER BY dt, id), first(d ORDER BY f DESC, id), list(s ORDER BY id)[3] FROM t GROUP BY g',
  },
  {
    sql: 'SELECT b, first_value(i ORDER BY i NULLS FIRST, id), last_value(s ORDER BY s, id), nth_value(i, -2 ORDER BY id) FROM t GROUP BY b',
    duckdb: 'SELECT b, first(i ORDER BY i NULLS FIRST, id), last(s ORDER BY s, id), list(i ORDER BY id)[-2] FROM t GROUP BY b',
  },
];

describe('grouping sets compared with DuckDB', () => {
  const engines = useTestTableEngines();
  itMatchesDuckDb(engines, CASES);

  it('keeps a filter on a column some set lacks above the aggregate', async () => {
    const { ctx } = engines;
    const plan = await (await ctx.sql("SELECT * FROM (SELECT g, b, count(*) AS n FROM t GROUP BY ROLLUP (g, b)) x WHERE b AND g = 'a'")).explain();
    expect(plan).toMatch(/Filter: t\.b AND \(t\.g = 'a'\)\n\s*Aggregate: groupBy=\[GROUPING SETS/);
  });

  it('rejects grouping() of a non-GROUP BY expression and keeps working', async () => {
    const { ctx } = engines;
    await expect(ctx.sql('SELECT grouping(i) FROM t GROUP BY ROLLUP (g)')).rejects.toThrow('the arguments of grouping() must be GROUP BY expressions, and t.i is not one');
    await expect(ctx.sql('SELECT grouping(g) FROM t')).rejects.toThrow('must be GROUP BY expressions');
    await expect(ctx.sql('SELECT count(*) FROM t WHERE grouping(g) = 0')).rejects.toThrow('aggregate function grouping is not allowed in WHERE');
    expect(quiverRows(await (await ctx.sql('SELECT grouping(g) AS x, count(*) FROM t GROUP BY g HAVING g = \'a\'')).collect()).map((r) => r[0])).toEqual(['0']);
  });
});
