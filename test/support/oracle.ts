/**
 * DuckDB as a test oracle: a single-threaded DuckDB with PostgreSQL's NULL ordering, and the rows
 * of a query on it; the comparison itself is the TPC-H suite's (tpch/src/suite/compare.ts).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { duckDbReaderRows, type Row } from '../../tpch/src/suite/compare.js';

export { diffRows, quiverRows, type Row } from '../../tpch/src/suite/compare.js';

export async function openDuckDb(setup: string[]): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  // PostgreSQL's NULL ordering (NULLS LAST ascending, NULLS FIRST descending), which Quiver follows.
  await con.run("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
  for (const sql of setup) await con.run(sql);
  return con;
}

export async function duckDbRows(con: DuckDBConnection, sql: string): Promise<Row[]> {
  return duckDbReaderRows(await con.runAndReadAll(sql));
}
