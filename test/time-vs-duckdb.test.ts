/**
 * TIME end to end against DuckDB (same data in both): literals and casts, wrapping TIME ± INTERVAL,
 * comparisons, grouping, min/max, joins, windows and the time-of-day fields. TIME − TIME is
 * PostgreSQL's and DuckDB lacks it, so it is covered by test/slt/datafusion-time.slt instead.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { SessionContext } from 'quiver';
import { diffRows, duckDbRows, openDuckDb, quiverRows } from './support/oracle.js';

const SETUP = [
  'CREATE TABLE tt (id INT, t TIME, d DATE)',
  "INSERT INTO tt VALUES (1, '10:00', DATE '2020-01-01'), (2, '00:00:00.000001', DATE '1969-12-31'), (3, NULL, NULL), (4, '23:59:59.999999', DATE '2024-02-29'), (5, '10:00:00.5', DATE '2000-01-01'), (6, '10:00', DATE '2020-01-02')",
];

const CASES = [
  "SELECT id, t, t + INTERVAL '90 minutes', t - INTERVAL '10 hours 1 second', INTERVAL '1 day 1 hour' + t, CAST(t AS VARCHAR) FROM tt ORDER BY id",
  'SELECT id, extract(hour FROM t), extract(minute FROM t), extract(second FROM t), extract(microsecond FROM t) FROM tt ORDER BY id',
  'SELECT t, count(*) FROM tt GROUP BY t ORDER BY t DESC',
  'SELECT min(t), max(t), count(DISTINCT t) FROM tt',
  "SELECT id FROM tt WHERE t BETWEEN '00:00' AND '10:00' ORDER BY id",
  "SELECT id, t < TIME '10:00:00.1', t = '10:00', t IN (TIME '10:00', TIME '23:59:59.999999') FROM tt ORDER BY id",
  "SELECT id, CAST(CAST(d AS TIMESTAMP) + INTERVAL '1 hour 2 minutes 3.25 seconds' AS TIME) FROM tt ORDER BY id",
  'SELECT a.id, b.id FROM tt a JOIN tt b ON a.t = b.t AND a.id < b.id ORDER BY 1, 2',
  'SELECT id, lag(t) OVER (ORDER BY t, id), max(t) OVER (PARTITION BY d IS NULL) FROM tt ORDER BY id',
  "SELECT CAST('12:34:56.7891234' AS TIME), TIME '24:00:00', CAST('1:2' AS TIME)",
];

describe('TIME compared with DuckDB', () => {
  let ctx: SessionContext;
  let duck: DuckDBConnection;
  beforeAll(async () => {
    ctx = await SessionContext.create();
    for (const sql of SETUP) await (await ctx.sql(sql)).collect();
    duck = await openDuckDb(SETUP);
  });

  it.each(CASES)('%s', async (sql) => {
    const ours = quiverRows(await (await ctx.sql(sql)).collect());
    const theirs = await duckDbRows(duck, sql);
    expect(ours.length).toBeGreaterThan(0);
    expect(diffRows(ours, theirs, true)).toBeNull();
  });
});
