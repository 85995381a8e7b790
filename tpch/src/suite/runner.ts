/** Runs one TPC-H query script on Quiver or DuckDB, timed, and checks Quiver's answer against DuckDB's. */
import type { DuckDBConnection, DuckDBResultReader } from '@duckdb/node-api';
import type * as arrow from 'apache-arrow';
import type { SessionContext } from 'quiver';
import { diffRows, duckDbReaderRows, duckDbTolerances, quiverRows, quiverTolerances, type Row } from './compare.js';
import { runDuckDbScript } from './duckdb.js';

export interface Timed<T> {
  readonly result: T;
  readonly ms: number;
}

/** Runs a script on Quiver (views created and dropped on the way); the result of its last query. */
export async function runQuiver(ctx: SessionContext, script: string): Promise<Timed<arrow.Table>> {
  const start = performance.now();
  let last: arrow.Table | null = null;
  for await (const { dataframe } of ctx.executeScript(script)) {
    const table = await dataframe.collect();
    if (!dataframe.isDdl) last = table;
  }
  if (last === null) throw new Error('the script has no query');
  return { result: last, ms: performance.now() - start };
}

export async function runDuckDb(con: DuckDBConnection, script: string): Promise<Timed<DuckDBResultReader>> {
  const start = performance.now();
  let result: DuckDBResultReader;
  try {
    result = await runDuckDbScript(con, script);
  } catch (e) {
    throw new Error(`duckdb: ${(e as Error).message}`);
  }
  return { result, ms: performance.now() - start };
}

/**
 * The first difference between Quiver's and DuckDB's answers, or null when they agree: floats
 * (in either engine's result) within a relative 1e-9, everything else exactly. Every TPC-H query
 * orders its result (or returns one row), so rows are compared in order.
 */
export function answerDiff(quiver: arrow.Table, duckdb: DuckDBResultReader): string | null {
  return answerDiffRows(quiver, duckDbReaderRows(duckdb), duckDbTolerances(duckdb));
}

/** `answerDiff` against DuckDB's rows as text and its columns' float tolerances. */
export function answerDiffRows(quiver: arrow.Table, duckdbRows: Row[], duckdbTolerances: readonly number[]): string | null {
  const tolerances = quiverTolerances(quiver).map((t, c) => Math.max(t, duckdbTolerances[c] ?? 0));
  return diffRows(quiverRows(quiver), duckdbRows, true, tolerances);
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
