/**
 * End-to-end SQL: the same queries on Quiver and on DuckDB over the same generated tables
 * (NULLs, negatives, empty strings, decimals, dates), compared value by value.
 */
import { describe } from 'vitest';
import { itMatchesDuckDb, useTestTableEngines, type DuckDbCase } from './support/duckdb-cases.js';

const CASES: DuckDbCase[] = [
  // scans, projections and arithmetic
  { sql: 'SELECT id, i, d, f, s, g, dt, b FROM t' },
  { sql: 'SELECT id, i + 1, i - 7, i * 3, -i, d + d, d - 1, d * 2, d * d, f * 2.5 FROM t' },
  { sql: 'SELECT id, i / 7, i % 7 FROM t', duckdb: 'SELECT id, i // 7, i % 7 FROM t' },
  { sql: 'SELECT id, i / 0, d / 0, i % 0 FROM t', duckdb: 'SELECT id, NULL::INT, NULL::DOUBLE, NULL::INT FROM t' },
  { sql: 'SELECT id, d * 0.05, d + 1.005, 1 - d, d / 3 FROM t' },
  { sql: 'SELECT id, CAST(i AS BIGINT) * 3000000000, CAST(d AS DOUBLE), CAST(i AS VARCHAR), CAST(f AS DECIMAL(10,1)) FROM t' },
  // filters and three-valued logic
  { sql: 'SELECT id FROM t WHERE i > 0 AND b' },
  { sql: 'SELECT id FROM t WHERE i > 0 OR b' },
  { sql: 'SELECT id FROM t WHERE NOT (i > 0 OR b)' },
  { sql: 'SELECT id, i > 0 AND b, i > 0 OR b, NOT b FROM t' },
  { sql: 'SELECT id FROM t WHERE i IS NULL OR d IS NULL' },
  { sql: 'SELECT id FROM t WHERE s IS NOT NULL AND s <> \'\'' },
  { sql: 'SELECT id FROM t WHERE i BETWEEN -10 AND 10' },
  { sql: 'SELECT id FROM t WHERE i NOT BETWEEN -900 AND 900' },
  { sql: 'SELECT id FROM t WHERE i IN (1, 2, 3, -5) OR s IN (\'apple\', \'\')' },
  { sql: 'SELECT id FROM t WHERE i NOT IN (1, 2, 3)' },
  { sql: 'SELECT id FROM t WHERE i IS DISTINCT FROM 5' },
  { sql: 'SELECT id, s LIKE \'%an%\', s LIKE \'a%\', s NOT LIKE \'%e\', s ILIKE \'b%\', s LIKE \'a\\%b\' ESCAPE \'\\\' FROM t' },
  { sql: 'SELECT id FROM t WHERE dt >= DATE \'1993-01-01\' AND dt < DATE \'1994-01-01\'' },
  { sql: 'SELECT id FROM t WHERE d > 5000.50 AND f < 0' },
  // expressions
  { sql: 'SELECT id, CASE WHEN i > 0 THEN \'pos\' WHEN i < 0 THEN \'neg\' ELSE \'zero-or-null\' END FROM t' },
  { sql: 'SELECT id, CASE g WHEN \'a\' THEN 1 WHEN \'b\' THEN 2 END FROM t' },
  { sql: 'SELECT id, COALESCE(i, 0), NULLIF(i, 0), ABS(i), ABS(d) FROM t' },
  { sql: 'SELECT id, UPPER(s), LOWER(s), LENGTH(s), TRIM(\'  \' || s || \' \'), s || \'-\' || g FROM t' },
  { sql: 'SELECT id, SUBSTRING(s FROM 2 FOR 3), SUBSTRING(s, 1, 1) FROM t' },
  { sql: 'SELECT id, EXTRACT(YEAR FROM dt), EXTRACT(MONTH FROM dt), EXTRACT(DAY FROM dt) FROM t' },
  {
    // DuckDB (like PostgreSQL) widens date ± interval to a timestamp; Quiver keeps a DATE, as DataFusion does.
    sql: 'SELECT id, dt + INTERVAL \'3\' MONTH, dt - INTERVAL \'1\' YEAR, dt + INTERVAL \'10\' DAY FROM t',
    duckdb: 'SELECT id, CAST(dt + INTERVAL 3 MONTH AS DATE), CAST(dt - INTERVAL 1 YEAR AS DATE), CAST(dt + INTERVAL 10 DAY AS DATE) FROM t',
  },
  // aggregates
  { sql: 'SELECT COUNT(*), COUNT(i), SUM(i), MIN(i), MAX(i), SUM(d), MIN(d), MAX(d), MIN(s), MAX(s), MIN(dt), MAX(dt) FROM t' },
  { sql: 'SELECT AVG(i), AVG(d), AVG(f), SUM(f) FROM t' },
  { sql: 'SELECT g, COUNT(*), SUM(d), AVG(i), MIN(s), MAX(dt), COUNT(DISTINCT s) FROM t GROUP BY g' },
  { sql: 'SELECT g, b, COUNT(*) FROM t GROUP BY g, b' },
  { sql: 'SELECT g, SUM(d) AS total FROM t GROUP BY g HAVING SUM(d) > 0' },
  { sql: 'SELECT COUNT(*), SUM(i) FROM t WHERE i > 100000' },
  { sql: 'SELECT DISTINCT g FROM t' },
  { sql: 'SELECT DISTINCT g, b FROM t' },
  // sorting and limits
  { sql: 'SELECT id, i FROM t ORDER BY i, id', ordered: true },
  { sql: 'SELECT id, i FROM t ORDER BY i DESC NULLS LAST, id', ordered: true },
  { sql: 'SELECT id, s FROM t ORDER BY s NULLS FIRST, id DESC', ordered: true },
  { sql: 'SELECT id, d FROM t ORDER BY d DESC, id LIMIT 10', ordered: true },
  { sql: 'SELECT id FROM t ORDER BY id LIMIT 5 OFFSET 10', ordered: true },
  { sql: 'SELECT g, SUM(d) AS total FROM t GROUP BY g ORDER BY total DESC', ordered: true },
  // joins
  { sql: 'SELECT t.id, u.name FROM t JOIN u ON t.id = u.uid' },
  { sql: 'SELECT t.id, u.name FROM t, u WHERE t.id = u.uid AND u.k > 0' },
  { sql: 'SELECT t.id, u.name FROM t LEFT JOIN u ON t.id = u.uid' },
  { sql: 'SELECT t.id, u.name FROM t RIGHT JOIN u ON t.id = u.uid' },
  { sql: 'SELECT t.id, u.uid FROM t FULL JOIN u ON t.id = u.uid' },
  { sql: 'SELECT t.id, u.name FROM t JOIN u ON t.id = u.uid AND t.i > u.k' },
  { sql: 'SELECT t.id, u.name FROM t LEFT JOIN u ON t.id = u.uid AND u.k > 0' },
  { sql: 'SELECT COUNT(*) FROM t JOIN u ON t.i < u.k WHERE t.id < 50' },
  { sql: 'SELECT u.name, COUNT(*), SUM(t.d) FROM t JOIN u ON t.id = u.uid GROUP BY u.name' },
  // set operations and subqueries in FROM
  { sql: 'SELECT i FROM t UNION ALL SELECT k FROM u' },
  { sql: 'SELECT g FROM t UNION SELECT name FROM u' },
  // multiset INTERSECT ALL / EXCEPT ALL: min(m, n) and max(m − n, 0) copies, NULLs equal
  { sql: 'SELECT g, b FROM t INTERSECT ALL SELECT g, b FROM t WHERE i > 0' },
  { sql: 'SELECT g, b FROM t EXCEPT ALL SELECT g, b FROM t WHERE i > 0' },
  { sql: 'SELECT k, uid % 3 FROM u EXCEPT ALL SELECT i % 10, id % 3 FROM t' },
  { sql: 'SELECT i % 10 FROM t INTERSECT ALL SELECT k FROM u' },
  { sql: 'SELECT s, dt IS NULL, d > 0 FROM t INTERSECT ALL (SELECT s, dt IS NULL, d > 0 FROM t UNION ALL SELECT s, false, NULL FROM t)' },
  { sql: 'SELECT x.g, x.n FROM (SELECT g, COUNT(*) AS n FROM t GROUP BY g) AS x WHERE x.n > 10' },
  { sql: 'WITH big AS (SELECT * FROM t WHERE d > 0) SELECT COUNT(*), SUM(d) FROM big' },
  { sql: 'SELECT * FROM (VALUES (1, \'a\'), (2, NULL), (-3, \'c\')) AS v(x, y)' },
  { sql: 'SELECT 1 + 2, \'x\' || \'y\', CAST(\'2020-02-29\' AS DATE), 7 / 2', duckdb: 'SELECT 1 + 2, \'x\' || \'y\', CAST(\'2020-02-29\' AS DATE), 7 // 2' },
];

describe('SQL compared with DuckDB', () => {
  const engines = useTestTableEngines();
  itMatchesDuckDb(engines, CASES);
});
