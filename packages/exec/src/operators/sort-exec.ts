/**
 * SortExec: ORDER BY over the whole input. Buffers every batch, sorts a row permutation with
 * typed-array comparators (see `sortIndices`), and emits the rows in order, a batch at a time.
 */
import type * as arrow from 'apache-arrow';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import { ExecBase, batchBytes } from './exec-base.js';
import { evaluateSortKeys, describeSortKeys, type PhysicalSortKey } from './sort-key.js';
import { concatBatches, takeBatch } from '../selection/record-batch.js';
import { sortIndices } from '../selection/sort-indices.js';

export class SortExec extends ExecBase {
  readonly name = 'SortExec';

  constructor(
    readonly input: ExecutionPlan,
    readonly keys: readonly PhysicalSortKey[],
  ) {
    super(input.schema, [input]);
  }

  describe(): string {
    return `SortExec: ${describeSortKeys(this.keys)}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const memory = this.reserve(ctx);
    try {
      const batches: arrow.RecordBatch[] = [];
      for await (const batch of this.pull(this.input, ctx)) {
        if (batch.numRows === 0) continue;
        memory.add(batchBytes(batch));
        batches.push(batch);
      }
      if (batches.length === 0) return;
      const all = concatBatches(this.arrowSchema, batches);
      batches.length = 0;
      const perm = sortIndices(evaluateSortKeys(this.keys, all), all.numRows);
      memory.add(perm.byteLength);
      const size = ctx.config.batchSize;
      for (let at = 0; at < perm.length; at += size) {
        yield takeBatch(all, perm.subarray(at, Math.min(perm.length, at + size)));
      }
    } finally {
      memory.free();
    }
  }
}
