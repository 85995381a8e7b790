/**
 * MemTable: a table over record batches held in memory (e.g. an apache-arrow Table). Columns are
 * normalized to Quiver's Arrow types once, up front; scans re-slice batches to the session's batch size.
 */
import * as arrow from 'apache-arrow';
import type { Schema } from '@quiver/common';
import type { Expr } from '@quiver/planner';
import type { TableProvider } from './table-provider.js';
import { MemoryScanExec } from '../operators/memory-scan-exec.js';
import { normalizeBatch, quiverSchema } from './normalize.js';

export class MemTable implements TableProvider {
  readonly batches: readonly arrow.RecordBatch[];

  /** `batches` must match `schema`'s column types (up to normalization). */
  constructor(
    readonly schema: Schema,
    batches: readonly arrow.RecordBatch[],
  ) {
    const target = schema.toArrow();
    this.batches = batches.filter((b) => b.numRows > 0).map((b) => normalizeBatch(b, target));
  }

  static fromArrow(table: arrow.Table, name = 'arrow table'): MemTable {
    return new MemTable(quiverSchema(table.schema, name), table.batches);
  }

  get numRows(): number {
    return this.batches.reduce((n, b) => n + b.numRows, 0);
  }

  scan(projection: readonly number[] | null, _filters: readonly Expr[], limit: number | null): MemoryScanExec {
    return new MemoryScanExec(this.schema, [this.batches], projection, limit);
  }
}
