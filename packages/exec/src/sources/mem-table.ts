/**
 * MemTable: a table over record batches held in memory (e.g. an apache-arrow Table). Columns are
 * normalized to Quiver's Arrow types once, up front; scans re-slice batches to the session's batch size.
 * The table is mutable (INSERT appends, DELETE/UPDATE replace the rows); each scan reads a snapshot.
 */
import * as arrow from 'apache-arrow';
import type { Schema } from '@quiver/common';
import type { Expr, TableStatistics } from '@quiver/planner';
import type { TableProvider } from './table-provider.js';
import { MemoryScanExec } from '../operators/memory-scan-exec.js';
import { concatBatches } from '../selection/record-batch.js';
import { normalizeBatch, quiverSchema } from './normalize.js';
import { batchStatistics } from '../stats/column-stats.js';

/** Appended batches smaller than this are merged before the next scan (row-at-a-time INSERTs). */
const SMALL_BATCH_ROWS = 4096;

export class MemTable implements TableProvider {
  private rows: readonly arrow.RecordBatch[];
  /** Whether `rows` holds small batches that the next read merges. */
  private fragmented = false;
  private readonly arrowSchema: arrow.Schema;
  /** Statistics of the current rows; dropped when the rows change. */
  private stats: TableStatistics | null = null;

  /** `batches` must match `schema`'s column types (up to normalization). */
  constructor(
    readonly schema: Schema,
    batches: readonly arrow.RecordBatch[],
  ) {
    this.arrowSchema = schema.toArrow();
    this.rows = this.normalize(batches);
  }

  static fromArrow(table: arrow.Table, name = 'arrow table'): MemTable {
    return new MemTable(quiverSchema(table.schema, name), table.batches);
  }

  /** The current rows (a snapshot: later mutations do not change the returned array). */
  get batches(): readonly arrow.RecordBatch[] {
    if (this.fragmented) {
      const small = this.rows.filter((b) => b.numRows < SMALL_BATCH_ROWS);
      this.rows = [...this.rows.filter((b) => b.numRows >= SMALL_BATCH_ROWS), concatBatches(this.arrowSchema, small)];
      this.fragmented = false;
    }
    return this.rows;
  }

  get numRows(): number {
    return this.rows.reduce((n, b) => n + b.numRows, 0);
  }

  /** Append rows (batches matching the schema up to normalization). */
  append(batches: readonly arrow.RecordBatch[]): void {
    this.rows = [...this.rows, ...this.normalize(batches)];
    this.stats = null;
    this.fragmented = this.rows.filter((b) => b.numRows < SMALL_BATCH_ROWS).length > 1;
  }

  /** Replace all rows. */
  replaceRows(batches: readonly arrow.RecordBatch[]): void {
    this.rows = this.normalize(batches);
    this.fragmented = false;
    this.stats = null;
  }

  /** Computed on first use (one pass over the typed arrays) and kept until the rows change. */
  statistics(): TableStatistics {
    this.stats ??= batchStatistics(this.schema, this.batches);
    return this.stats;
  }

  scan(projection: readonly number[] | null, _filters: readonly Expr[], limit: number | null): MemoryScanExec {
    return new MemoryScanExec(this.schema, [this.batches], projection, limit);
  }

  private normalize(batches: readonly arrow.RecordBatch[]): arrow.RecordBatch[] {
    return batches.filter((b) => b.numRows > 0).map((b) => normalizeBatch(b, this.arrowSchema));
  }
}
