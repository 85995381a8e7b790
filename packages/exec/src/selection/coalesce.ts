/**
 * Batch coalescing: gathers small batches (e.g. after a selective filter) into batches of about the
 * target size, so downstream operators see fewer, fuller batches.
 */
import type * as arrow from 'apache-arrow';
import { concatBatches, sliceBatch } from './record-batch.js';

export class BatchCoalescer {
  private pending: arrow.RecordBatch[] = [];
  private pendingRows = 0;

  constructor(
    private readonly schema: arrow.Schema,
    private readonly targetRows: number,
  ) {}

  /** Adds a batch; returns the batches now complete (each of exactly `targetRows` rows). */
  push(batch: arrow.RecordBatch): arrow.RecordBatch[] {
    if (batch.numRows === 0) return [];
    this.pending.push(batch);
    this.pendingRows += batch.numRows;
    if (this.pendingRows < this.targetRows) return [];
    const all = concatBatches(this.schema, this.pending);
    const out: arrow.RecordBatch[] = [];
    let at = 0;
    while (all.numRows - at >= this.targetRows) {
      out.push(sliceBatch(all, at, this.targetRows));
      at += this.targetRows;
    }
    this.pending = at < all.numRows ? [sliceBatch(all, at, all.numRows - at)] : [];
    this.pendingRows = all.numRows - at;
    return out;
  }

  /** The remaining rows as one batch, or null when none are left. */
  finish(): arrow.RecordBatch | null {
    if (this.pendingRows === 0) return null;
    const last = concatBatches(this.schema, this.pending);
    this.pending = [];
    this.pendingRows = 0;
    return last;
  }
}
