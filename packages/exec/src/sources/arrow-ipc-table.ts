/**
 * ArrowIpcTable: a table loaded from Arrow IPC data (file or stream format, told apart by the
 * reader), held in memory like a `MemTable`.
 */
import * as arrow from 'apache-arrow';
import { QuiverError } from '@quiver/common';
import { MemTable } from './mem-table.js';
import { quiverSchema } from './normalize.js';

export class ArrowIpcTable extends MemTable {
  /** Loads `source` (a file path in Node, or the IPC bytes named `name`); IO error when missing or not Arrow IPC. */
  static async open(source: string | Uint8Array, name = typeof source === 'string' ? source : 'arrow ipc data'): Promise<ArrowIpcTable> {
    let bytes: Uint8Array;
    try {
      bytes = typeof source === 'string' ? await (await import('node:fs/promises')).readFile(source) : source;
    } catch (e) {
      throw new QuiverError('IO', `${name}: cannot open: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    let table: arrow.Table;
    try {
      table = arrow.tableFromIPC(bytes);
    } catch (e) {
      throw new QuiverError('IO', `${name}: not Arrow IPC data: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    if (table.schema.fields.length === 0 && bytes.length > 0) {
      throw new QuiverError('IO', `${name}: not Arrow IPC data (no schema found)`);
    }
    return new ArrowIpcTable(quiverSchema(table.schema, name), table.batches);
  }
}
