/** Loads all eight TPC-H tables into a session (anything with `registerTable`) as in-memory Arrow tables. */
import type { Table } from 'apache-arrow';
import { generateTable, type ParallelOptions } from './api.js';
import { WorkerPool } from './parallel.js';
import { TPCH_TABLES, type TpchTable } from './schema.js';

/** The part of a session this package needs. */
export interface TableRegistry {
  registerTable(name: string, table: Table): void;
}

export interface RegisterTpchOptions extends Omit<ParallelOptions, 'workers'> {
  readonly sf: number;
  /** Tables to load (default all eight). */
  readonly tables?: readonly TpchTable[];
}

/** Generates the tables at scale factor `sf` and registers each under its TPC-H name. */
export async function registerTpch(ctx: TableRegistry, options: RegisterTpchOptions): Promise<void> {
  const workers = WorkerPool.create(options.threads);
  try {
    for (const name of options.tables ?? TPCH_TABLES) {
      ctx.registerTable(name, await generateTable(name, { sf: options.sf, workers }));
    }
  } finally {
    await workers?.close();
  }
}
