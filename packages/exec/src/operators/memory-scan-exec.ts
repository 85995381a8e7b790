/**
 * MemoryScanExec: scans record batches held in memory (one list per partition, read in order),
 * optionally keeping only some columns and at most `limit` rows. Batches larger than the session's
 * batch size are re-sliced.
 */
import type * as arrow from 'apache-arrow';
import type { Schema } from '@quiver/common';
import type { TaskContext } from '../execution-plan.js';
import { ExecBase } from './exec-base.js';
import { makeBatch, columnsOf } from '../selection/record-batch.js';

export class MemoryScanExec extends ExecBase {
  readonly name = 'MemoryScanExec';

  /** `tableSchema` describes the stored batches; `projection` picks (and orders) the output columns, null for all. */
  constructor(
    readonly tableSchema: Schema,
    readonly partitions: readonly (readonly arrow.RecordBatch[])[],
    readonly projection: readonly number[] | null = null,
    readonly limit: number | null = null,
  ) {
    super(projection === null ? tableSchema : tableSchema.project(projection), []);
  }

  describe(): string {
    const rows = this.partitions.reduce((n, p) => n + p.reduce((m, b) => m + b.numRows, 0), 0);
    const cols = this.projection === null ? '' : `, projection=[${this.schema.fields.map((f) => f.name).join(', ')}]`;
    const limit = this.limit === null ? '' : `, limit=${this.limit}`;
    return `MemoryScanExec: partitions=${this.partitions.length}, rows=${rows}${cols}${limit}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const projection = this.projection;
    const size = ctx.config.batchSize;
    let left = this.limit ?? Infinity;
    for (const partition of this.partitions) {
      for (const batch of partition) {
        const all = columnsOf(batch);
        const cols = projection === null ? all : projection.map((i) => all[i]!);
        for (let at = 0; at < batch.numRows && left > 0; at += size) {
          const len = Math.min(size, batch.numRows - at, left);
          left -= len;
          const whole = at === 0 && len === batch.numRows;
          if (whole && projection === null) yield batch;
          else yield makeBatch(this.arrowSchema, whole ? cols : cols.map((c) => c.slice(at, len)), len);
        }
        if (left === 0) return;
      }
    }
  }
}
