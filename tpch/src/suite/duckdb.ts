/**
 * DuckDB as the reference engine of the TPC-H suite: an in-memory instance with a given thread
 * count and PostgreSQL's NULL ordering, the eight tables loaded from Parquet or `.tbl` files, and
 * scripts run statement by statement with the last query's result kept.
 */
import { DuckDBInstance, StatementType, type DuckDBConnection, type DuckDBResultReader } from '@duckdb/node-api';
import type * as arrow from 'apache-arrow';
import { Type } from 'apache-arrow';
import { tpchSchema, type TpchTable } from '../schema.js';

/** An in-memory DuckDB connection using `threads` threads. */
export async function openDuckDb(threads: number): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const con = await instance.connect();
  // PostgreSQL's NULL ordering (NULLS LAST ascending, NULLS FIRST descending), which Quiver follows.
  await con.run("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
  return con;
}

function duckDbType(type: arrow.DataType): string {
  switch (type.typeId) {
    case Type.Int:
      return (type as arrow.Int).bitWidth === 64 ? 'BIGINT' : 'INTEGER';
    case Type.Decimal:
      return `DECIMAL(${(type as arrow.Decimal).precision}, ${(type as arrow.Decimal).scale})`;
    case Type.Date:
      return 'DATE';
    case Type.Utf8:
      return 'VARCHAR';
    default:
      throw new Error(`no DuckDB type for Arrow ${String(type)}`);
  }
}

function quotePath(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}

/** Creates `table` with the TPC-H column types and fills it from a Parquet or `.tbl` file. */
export async function loadDuckDbTable(con: DuckDBConnection, table: TpchTable, path: string): Promise<void> {
  const columns = tpchSchema(table).fields.map((f) => `${f.name} ${duckDbType(f.type)}`);
  await con.run(`CREATE OR REPLACE TABLE ${table} (${columns.join(', ')})`);
  const format = path.endsWith('.parquet') ? '(FORMAT parquet)' : "(FORMAT csv, DELIMITER '|', HEADER false)";
  await con.run(`COPY ${table} FROM ${quotePath(path)} ${format}`);
}

/** The script in DuckDB's dialect: DuckDB does not take the spec's interval precision (`interval '90' day (3)`). */
export function toDuckDbDialect(script: string): string {
  return script.replace(/(interval\s+'[^']*'\s+day)\s*\(\s*\d+\s*\)/gi, '$1');
}

/** Runs a script of one or more statements; the result of its last query. */
export async function runDuckDbScript(con: DuckDBConnection, script: string): Promise<DuckDBResultReader> {
  const statements = await con.extractStatements(toDuckDbDialect(script));
  let result: DuckDBResultReader | null = null;
  for (let i = 0; i < statements.count; i++) {
    const reader = await (await statements.prepare(i)).runAndReadAll();
    if (reader.statementType === StatementType.SELECT) result = reader;
  }
  if (result === null) throw new Error('the script has no query');
  return result;
}
