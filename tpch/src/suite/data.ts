/**
 * Where the TPC-H tables of a run come from — generated in memory at a scale factor, or Parquet or
 * `.tbl` files in a directory — and how each engine gets them: Quiver registers the generated Arrow
 * tables or the files (or, for benchmarks, the files read into memory); DuckDB loads the same files,
 * or for a scale factor the generator's `.tbl` text written to a temporary directory.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Schema, type SessionContext } from 'quiver';
import { generateTblAsync } from '../api.js';
import { writeBytesFile } from '../files.js';
import { WorkerPool } from '../parallel.js';
import { registerTpch } from '../register.js';
import { TPCH_TABLES, tpchSchema, type TpchTable } from '../schema.js';
import { loadDuckDbTable } from './duckdb.js';

/** Generated data at scale factor `sf`, or the files in `dir`. */
export type TpchSource = { readonly sf: number } | { readonly dir: string };

/** The file of each table in `dir`: `<table>.parquet` or `<table>.tbl`. */
export function tableFiles(dir: string): Record<TpchTable, string> {
  const files = {} as Record<TpchTable, string>;
  for (const table of TPCH_TABLES) {
    const candidates = [`${table}.parquet`, `${table}.tbl`].map((f) => join(dir, f));
    const found = candidates.find((p) => existsSync(p));
    if (found === undefined) throw new Error(`${dir}: no ${table}.parquet or ${table}.tbl`);
    files[table] = found;
  }
  return files;
}

async function registerFile(ctx: SessionContext, table: TpchTable, path: string): Promise<void> {
  if (path.endsWith('.parquet')) return ctx.registerParquet(table, path);
  const schema = Schema.fromArrow(tpchSchema(table));
  return ctx.registerFile(table, path, { format: 'csv', hasHeader: false, delimiter: '|', schema });
}

/**
 * Registers the eight tables in `ctx`. Files are scanned by each query unless `inMemory`, which
 * reads them into Arrow tables first; generated data is always in memory.
 */
export async function registerQuiver(ctx: SessionContext, source: TpchSource, inMemory = false): Promise<void> {
  if ('sf' in source) return registerTpch(ctx, { sf: source.sf });
  for (const [table, path] of Object.entries(tableFiles(source.dir)) as Array<[TpchTable, string]>) {
    await registerFile(ctx, table, path);
    if (inMemory) ctx.registerTable(table, await (await ctx.sql(`select * from ${table}`)).collect());
  }
}

/** Loads the eight tables into DuckDB (always in memory). */
export async function loadDuckDb(con: DuckDBConnection, source: TpchSource): Promise<void> {
  if ('dir' in source) {
    for (const [table, path] of Object.entries(tableFiles(source.dir)) as Array<[TpchTable, string]>) await loadDuckDbTable(con, table, path);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'quiver-tpch-'));
  const workers = WorkerPool.create();
  try {
    for (const table of TPCH_TABLES) {
      const path = join(dir, `${table}.tbl`);
      await writeBytesFile(path, generateTblAsync(table, { sf: source.sf, workers }));
      await loadDuckDbTable(con, table, path);
      rmSync(path);
    }
  } finally {
    await workers?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
