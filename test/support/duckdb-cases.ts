/**
 * SQL cases checked against DuckDB over the generated test tables (support/data.ts): both engines
 * get the tables before the enclosing `describe`'s tests, and every case is one test comparing
 * Quiver's rows with DuckDB's.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SessionContext } from 'quiver';
import { makeTestTables, toArrowTable, toDuckDbSql } from './data.js';
import { diffRows, duckDbRows, openDuckDb, quiverRows } from './oracle.js';

export interface DuckDbCase {
  readonly sql: string;
  /** DuckDB spelling when it differs (e.g. `//` for PostgreSQL's truncating integer division). */
  readonly duckdb?: string;
  /** Whether row order counts. */
  readonly ordered?: boolean;
}

/** The two engines over the test tables, filled in before the tests of the enclosing `describe`. */
export interface TestTableEngines {
  duck: DuckDBConnection;
  ctx: SessionContext;
}

/** Loads the test tables into DuckDB and a Quiver session before the enclosing `describe`'s tests; closes DuckDB after. */
export function useTestTableEngines(): TestTableEngines {
  const engines = {} as TestTableEngines;
  beforeAll(async () => {
    const tables = makeTestTables();
    engines.duck = await openDuckDb(tables.flatMap(toDuckDbSql));
    engines.ctx = await SessionContext.create();
    for (const t of tables) engines.ctx.registerTable(t.name, toArrowTable(t));
  });
  afterAll(() => {
    engines.duck?.closeSync();
  });
  return engines;
}

/** One test per case, named by its SQL: Quiver's rows equal DuckDB's. */
export function itMatchesDuckDb(engines: TestTableEngines, cases: readonly DuckDbCase[]): void {
  for (const c of cases) {
    it(c.sql, async () => {
      const expected = await duckDbRows(engines.duck, c.duckdb ?? c.sql);
      const actual = quiverRows(await (await engines.ctx.sql(c.sql)).collect());
      expect(diffRows(actual, expected, c.ordered ?? false)).toBeNull();
    });
  }
}
