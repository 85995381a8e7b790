/**
 * Correlated EXISTS / IN / NOT IN that are not top-level WHERE conjuncts (under OR, NOT, CASE, in a
 * SELECT list) against DuckDB: they run as mark joins, so these check the three-valued results with
 * NULLs on both sides, duplicate matches, residual and non-equi correlations and empty subqueries;
 * and EXPLAIN shows a join and no per-row SubqueryApplyExec for them.
 */
import { describe, expect, it } from 'vitest';
import { itMatchesDuckDb, useTestTableEngines, type DuckDbCase } from './support/duckdb-cases.js';

const CASES: DuckDbCase[] = [
  { sql: 'SELECT id FROM t WHERE i > 900 OR EXISTS (SELECT 1 FROM u WHERE u.uid = t.id AND u.k > 5)' },
  { sql: 'SELECT id FROM t WHERE i > 900 OR NOT EXISTS (SELECT 1 FROM u WHERE u.uid = t.id)' },
  { sql: 'SELECT id, EXISTS (SELECT 1 FROM u WHERE u.uid = t.id), NOT EXISTS (SELECT 1 FROM u WHERE u.uid = t.id + 1) FROM t' },
  { sql: 'SELECT id, CASE WHEN EXISTS (SELECT 1 FROM u WHERE u.uid = t.id AND u.k > t.i % 10) THEN \'y\' ELSE \'n\' END FROM t' },
  // non-equi correlation only: a nested-loop mark join
  { sql: 'SELECT id FROM t WHERE id < 20 OR EXISTS (SELECT 1 FROM u WHERE u.k * 100 > t.i)' },
  // IN / NOT IN: NULL needles, NULLs in the subquery, correlated and not
  { sql: 'SELECT id, i % 10 IN (SELECT k FROM u WHERE u.uid = t.id) FROM t' },
  { sql: 'SELECT id, i % 10 NOT IN (SELECT k FROM u WHERE u.uid = t.id) FROM t' },
  { sql: 'SELECT id, i % 10 IN (SELECT k FROM u), i % 10 NOT IN (SELECT k FROM u WHERE k IS NOT NULL) FROM t' },
  { sql: 'SELECT id FROM t WHERE b OR i % 10 NOT IN (SELECT k FROM u WHERE u.k > 0)' },
  { sql: 'SELECT id FROM t WHERE NOT (i % 10 IN (SELECT k FROM u WHERE u.uid < t.id + 5 AND u.uid > t.id - 5))' },
  { sql: 'SELECT id, id IN (SELECT uid FROM u WHERE u.k = t.i % 10) FROM t' },
  // keys of different types (INTEGER against DECIMAL, DECIMALs of different scales), as semi joins and as marks
  { sql: 'SELECT id FROM t WHERE i IN (SELECT amount FROM u)' },
  { sql: 'SELECT id, i IN (SELECT amount FROM u WHERE u.k = t.i % 10), d * 10 IN (SELECT amount FROM u) FROM t' },
  // a subquery two deep reading the outermost query's columns
  { sql: 'SELECT id FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k > 0 AND EXISTS (SELECT 1 FROM u AS u2 WHERE u2.uid = t.id))' },
  { sql: 'SELECT id FROM t WHERE id <= 60 AND (i > 900 OR EXISTS (SELECT 1 FROM u WHERE u.k > 8 AND (u.k = 9 OR EXISTS (SELECT 1 FROM u AS u2 WHERE u2.uid = t.id))))' },
  // nothing in the subquery: every mark FALSE
  { sql: 'SELECT id, i IN (SELECT k FROM u WHERE u.uid = t.id AND 1 = 0), EXISTS (SELECT 1 FROM u WHERE u.uid = t.id AND 1 = 0) FROM t' },
];

describe('correlated subqueries outside WHERE conjuncts compared with DuckDB', () => {
  const engines = useTestTableEngines();
  itMatchesDuckDb(engines, CASES);

  it.each([
    'SELECT id FROM t WHERE i > 900 OR EXISTS (SELECT 1 FROM u WHERE u.uid = t.id)',
    'SELECT id, i % 10 NOT IN (SELECT k FROM u WHERE u.uid = t.id) FROM t',
    'SELECT id, CASE WHEN EXISTS (SELECT 1 FROM u WHERE u.k > t.i) THEN 1 END FROM t',
  ])('EXPLAIN of %s shows a mark join and no SubqueryApplyExec', async (sql) => {
    const plans = await (await engines.ctx.sql(`EXPLAIN ${sql}`)).collect();
    const text = Array.from({ length: plans.numRows }, (_, i) => plans.getChild('plan')!.get(i) as string).join('\n');
    expect(text).toMatch(/Join.*leftMark/);
    expect(text).toMatch(/JoinExec: type=(left|right)Mark/);
    expect(text).not.toContain('SubqueryApply');
  });
});
