/**
 * CoalesceBatchesExec: merges the small batches a selective filter or join leaves into batches of
 * the session's batch size.
 */
import type * as arrow from 'apache-arrow';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import { ExecBase } from './exec-base.js';
import { BatchCoalescer } from '../selection/coalesce.js';

export class CoalesceBatchesExec extends ExecBase {
  readonly name = 'CoalesceBatchesExec';

  constructor(readonly input: ExecutionPlan) {
    super(input.schema, [input]);
  }

  describe(): string {
    return 'CoalesceBatchesExec';
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const coalescer = new BatchCoalescer(this.arrowSchema, ctx.config.batchSize);
    for await (const batch of this.pull(this.input, ctx)) {
      // Batches already at least half full pass through untouched (after what is pending).
      if (batch.numRows >= ctx.config.batchSize / 2) {
        const rest = coalescer.finish();
        if (rest) yield rest;
        yield batch;
        continue;
      }
      yield* coalescer.push(batch);
    }
    const rest = coalescer.finish();
    if (rest) yield rest;
  }
}
