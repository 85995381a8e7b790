/**
 * A batch together with the rows of it that count: how a filter hands its output to a consumer
 * that can work on the unfiltered batch (skipping the other rows) instead of on a gathered copy.
 */
import type * as arrow from 'apache-arrow';
import { columnsOf, makeBatch } from './record-batch.js';
import { takeData } from './take.js';
import { unreadColumn } from './make-column.js';

export interface SelectedBatch {
  readonly batch: arrow.RecordBatch;
  /** The rows of `batch` that are output, ascending; null: all of them. */
  readonly rows: Int32Array | null;
}

/** The rows `rows` of `batch` as a batch of their own, gathering only the columns in `read` (null: all). */
export function gatherRows(batch: arrow.RecordBatch, rows: Int32Array, read: ReadonlySet<number> | null): arrow.RecordBatch {
  const columns = columnsOf(batch).map((c, i) => (read === null || read.has(i) ? takeData(c, rows) : unreadColumn(c.type, rows.length)));
  return makeBatch(batch.schema, columns, rows.length);
}

/** One flag per row of an `n`-row batch: 1 for the rows not in `rows` (ascending); written into `scratch` when it is long enough. */
export function unselectedFlags(rows: Int32Array, n: number, scratch: Uint8Array | null = null): Uint8Array {
  const flags = scratch !== null && scratch.length >= n ? scratch.subarray(0, n) : new Uint8Array(n);
  flags.fill(1);
  for (let i = 0; i < rows.length; i++) flags[rows[i]!] = 0;
  return flags;
}
