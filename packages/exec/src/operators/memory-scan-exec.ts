/**
 * MemoryScanExec: scans record batches held in memory (one list per partition, read in order),
 * optionally keeping only some columns.
 */
import type * as arrow from 'apache-arrow';
import type { Schema } from '@quiver/common';
import type { TaskContext } from '../execution-plan.js';
import { ExecBase } from './exec-base.js';
import { makeBatch, columnsOf } from '../selection/record-batch.js';

export class MemoryScanExec extends ExecBase {
  readonly name = 'MemoryScanExec';

  /** `schema` describes the stored batches; `projection` picks (and orders) the output columns, null for all. */
  constructor(
    readonly tableSchema: Schema,
    readonly partitions: readonly (readonly arrow.RecordBatch[])[],
    readonly projection: readonly number[] | null = null,
  ) {
    super(projection === null ? tableSchema : tableSchema.project(projection), []);
  }

  describe(): string {
    const rows = this.partitions.reduce((n, p) => n + p.reduce((m, b) => m + b.numRows, 0), 0);
    const cols = this.projection === null ? '' : `, projection=[${this.schema.fields.map((f) => f.name).join(', ')}]`;
    return `MemoryScanExec: partitions=${this.partitions.length}, rows=${rows}${cols}`;
  }

  protected async *run(_ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const projection = this.projection;
    for (const partition of this.partitions) {
      for (const batch of partition) {
        if (projection === null) {
          yield batch;
        } else {
          const cols = columnsOf(batch);
          yield makeBatch(this.arrowSchema, projection.map((i) => cols[i]!), batch.numRows);
        }
      }
    }
  }
}
