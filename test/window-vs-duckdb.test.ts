/**
 * Window functions end to end, compared with DuckDB over the generated test tables (NULLs in the
 * PARTITION BY and ORDER BY keys, ties, negative values, decimals): ranking, lag/lead, value
 * functions, aggregates over default, ROWS, RANGE and GROUPS frames, named windows, windows after
 * GROUP BY, in ORDER BY, with FILTER, and over an empty input.
 */
import { describe, expect, it } from 'vitest';
import { itMatchesDuckDb, useTestTableEngines, type DuckDbCase } from './support/duckdb-cases.js';
import { quiverRows } from './support/oracle.js';

const CASES: DuckDbCase[] = [
  // ranking over ties and NULL keys (NULLs sort last ascending, first descending)
  { sql: 'SELECT id, g, row_number() OVER (PARTITION BY g ORDER BY i, id), rank() OVER (PARTITION BY g ORDER BY i), dense_rank() OVER (PARTITION BY g ORDER BY i), percent_rank() OVER (PARTITION BY g ORDER BY i), cume_dist() OVER (PARTITION BY g ORDER BY i) FROM t' },
  { sql: 'SELECT id, rank() OVER (PARTITION BY b, g ORDER BY s DESC), dense_rank() OVER (ORDER BY dt DESC NULLS LAST, g), ntile(7) OVER (PARTITION BY g ORDER BY id), ntile(3) OVER (ORDER BY id) FROM t' },
  { sql: 'SELECT id, rank() OVER (), row_number() OVER (PARTITION BY id) FROM t' },
  // lag / lead with offsets and defaults
  { sql: "SELECT id, lag(i) OVER (PARTITION BY g ORDER BY id), lead(i, 3, -1) OVER (PARTITION BY g ORDER BY id), lag(s, 2, 'none') OVER (ORDER BY id), lead(d) OVER (ORDER BY id DESC), lag(i, 0) OVER (ORDER BY id) FROM t" },
  // first / last / nth value
  { sql: 'SELECT id, first_value(s) OVER (PARTITION BY g ORDER BY id), last_value(s) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), nth_value(i, 3) OVER (PARTITION BY g ORDER BY id), last_value(i) OVER (PARTITION BY g ORDER BY dt, id) FROM t' },
  // aggregates over the default frame (peers included) and the whole partition
  { sql: 'SELECT id, sum(i) OVER (PARTITION BY g ORDER BY i), count(i) OVER (PARTITION BY g ORDER BY i), count(*) OVER (PARTITION BY g ORDER BY i DESC NULLS FIRST), avg(d) OVER (PARTITION BY g ORDER BY i), min(s) OVER (PARTITION BY g ORDER BY i), max(dt) OVER (PARTITION BY g ORDER BY i) FROM t' },
  { sql: 'SELECT id, sum(d) OVER (PARTITION BY g), max(f) OVER (), count(*) OVER (PARTITION BY b), avg(i) OVER (PARTITION BY g), min(b) OVER (PARTITION BY g) FROM t' },
  { sql: 'SELECT id, sum(d) OVER (PARTITION BY g ORDER BY id), avg(f) OVER (PARTITION BY g ORDER BY id) FROM t' },
  // ROWS frames
  { sql: 'SELECT id, sum(i) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 3 FOLLOWING), min(f) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 5 PRECEDING AND 1 PRECEDING), max(s) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), count(d) OVER (ORDER BY id ROWS BETWEEN 3 FOLLOWING AND 6 FOLLOWING) FROM t' },
  { sql: 'SELECT id, sum(d) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 10 PRECEDING AND CURRENT ROW), avg(i) OVER (ORDER BY id ROWS 4 PRECEDING), max(i) OVER (PARTITION BY b ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) FROM t' },
  { sql: 'SELECT id, first_value(i) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING), last_value(s) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING), nth_value(s, 2) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) FROM t' },
  // RANGE with numeric offsets (NULL keys are their own peers), GROUPS
  { sql: 'SELECT id, sum(i) OVER (ORDER BY i RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING), count(*) OVER (PARTITION BY g ORDER BY d DESC RANGE BETWEEN 100.5 PRECEDING AND CURRENT ROW), min(id) OVER (PARTITION BY g ORDER BY i RANGE BETWEEN CURRENT ROW AND 20 FOLLOWING) FROM t' },
  { sql: 'SELECT id, sum(i) OVER (PARTITION BY g ORDER BY i GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING), count(*) OVER (ORDER BY b GROUPS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM t' },
  // windows after GROUP BY / HAVING, named windows, FILTER, DISTINCT
  { sql: 'SELECT g, sum(i), rank() OVER (ORDER BY sum(i) DESC), sum(sum(i)) OVER (ORDER BY g), count(*) OVER () FROM t GROUP BY g HAVING count(*) > 10' },
  { sql: 'SELECT id, sum(i) OVER w, row_number() OVER w, lag(s) OVER (w2 ORDER BY id DESC) FROM t WINDOW w AS (PARTITION BY g ORDER BY id), w2 AS (PARTITION BY b)' },
  { sql: 'SELECT id, count(*) FILTER (WHERE b) OVER (PARTITION BY g ORDER BY id), sum(i) FILTER (WHERE i > 0) OVER (PARTITION BY g), count(DISTINCT s) OVER (PARTITION BY g) FROM t' },
  // in ORDER BY, under a filter on the partition key and on the window value, and over no rows
  { sql: 'SELECT id, i FROM t ORDER BY row_number() OVER (ORDER BY i DESC NULLS LAST, id), id LIMIT 10', ordered: true },
  { sql: "SELECT * FROM (SELECT g, id, row_number() OVER (PARTITION BY g ORDER BY id) AS rn FROM t) x WHERE g = 'a' AND rn <= 3" },
  { sql: 'SELECT id, row_number() OVER (ORDER BY id), sum(i) OVER () FROM t WHERE id < 0' },
  { sql: 'SELECT u.k, t.g, sum(u.amount) OVER (PARTITION BY t.g ORDER BY u.amount, u.uid, u.name), rank() OVER (ORDER BY u.k) FROM u JOIN t ON u.uid = t.id' },
];

describe('window functions compared with DuckDB', () => {
  const engines = useTestTableEngines();
  itMatchesDuckDb(engines, CASES);

  it('rejects window functions in WHERE, GROUP BY and HAVING, and nested ones, and keeps working', async () => {
    const { ctx } = engines;
    await expect(ctx.sql('SELECT id FROM t WHERE row_number() OVER () > 1')).rejects.toThrow('window function row_number is not allowed in WHERE');
    await expect(ctx.sql('SELECT count(*) FROM t GROUP BY rank() OVER ()')).rejects.toThrow('window function rank is not allowed in GROUP BY');
    await expect(ctx.sql('SELECT g FROM t GROUP BY g HAVING rank() OVER () > 1')).rejects.toThrow('window functions are not allowed in HAVING');
    await expect(ctx.sql('SELECT sum(rank() OVER ()) FROM t')).rejects.toThrow('not allowed in the arguments of an aggregate function');
    await expect(ctx.sql('SELECT rank() OVER (ORDER BY lag(i) OVER ()) FROM t')).rejects.toThrow('window function calls cannot be nested');
    await expect(ctx.sql('SELECT rank() OVER w FROM t')).rejects.toThrow("window 'w' does not exist");
    await expect(ctx.sql('SELECT abs(i) OVER () FROM t')).rejects.toThrow("'abs' is not a window or aggregate function");
    await expect(ctx.sql('SELECT sum(i) OVER (ORDER BY s RANGE 1 PRECEDING) FROM t')).rejects.toThrow('numeric ORDER BY column');
    const rows = quiverRows(await (await ctx.sql('SELECT count(*) OVER () FROM t LIMIT 1')).collect());
    expect(rows).toEqual([['2000']]);
  });
});
