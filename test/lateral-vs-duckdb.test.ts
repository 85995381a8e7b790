/**
 * LATERAL subqueries (`FROM t, LATERAL (SELECT … WHERE … t.x …)`), decorrelated into joins, checked
 * against DuckDB over the generated test tables; and the clear error for the forms not decorrelated.
 */
import { describe, expect, it } from 'vitest';
import { itMatchesDuckDb, useTestTableEngines, type DuckDbCase } from './support/duckdb-cases.js';

const CASES: DuckDbCase[] = [
  // correlated by an equality: an inner join on it
  { sql: 'SELECT t.id, t.i, x.name, x.k FROM t, LATERAL (SELECT * FROM u WHERE u.uid = t.id) x' },
  { sql: 'SELECT t.id, x.name FROM t CROSS JOIN LATERAL (SELECT name, k FROM u WHERE u.uid = t.id AND u.k > 0) AS x' },
  // correlated by other predicates only: the join filter
  { sql: 'SELECT t.id, x.uid FROM t, LATERAL (SELECT uid FROM u WHERE u.k * 100 > t.i AND u.uid < t.id) x WHERE t.id < 40' },
  // uncorrelated: a cross join
  { sql: 'SELECT t.id, x.one FROM t, LATERAL (SELECT 1 AS one) x WHERE t.id < 10' },
  { sql: 'SELECT t.id, x.uid FROM t JOIN LATERAL (SELECT uid FROM u WHERE k = 3) x ON x.uid > t.id WHERE t.id < 30' },
  // LEFT JOIN LATERAL: outer rows without a match are padded with NULLs
  { sql: 'SELECT t.id, x.name FROM t LEFT JOIN LATERAL (SELECT name FROM u WHERE u.uid = t.id AND u.k > 5) x ON true' },
  { sql: 'SELECT t.id, x.name FROM t LEFT JOIN LATERAL (SELECT name, k FROM u WHERE u.uid = t.id) x ON x.k < t.i' },
  // a one-row aggregate correlated by an equality (NULL where there is no group)
  { sql: 'SELECT t.id, x.total FROM t, LATERAL (SELECT sum(k) AS total FROM u WHERE u.uid = t.id) x' },
];

describe('LATERAL subqueries compared with DuckDB', () => {
  const engines = useTestTableEngines();
  itMatchesDuckDb(engines, CASES);

  it('reports a LATERAL subquery read elsewhere than in its WHERE conditions as not implemented, and keeps working', async () => {
    const failing = (sql: string) => engines.ctx.sql(sql).then((df) => df.collect());
    for (const sql of [
      'SELECT * FROM t, LATERAL (SELECT t.i + 1 AS j) x',
      'SELECT * FROM t, LATERAL (SELECT count(*) AS n FROM u WHERE u.uid = t.id) x',
      'SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.uid = t.id LIMIT 1) x',
    ]) {
      await expect(failing(sql)).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED', message: expect.stringContaining('a LATERAL subquery that reads the FROM items before it') });
    }
    expect((await (await engines.ctx.sql('SELECT count(*) AS n FROM t')).collect()).numRows).toBe(1);
  });
});
