/**
 * LimitExec: skips the first `skip` rows and passes on at most `fetch` rows, then stops pulling its input.
 */
import type * as arrow from 'apache-arrow';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import { ExecBase } from './exec-base.js';
import { sliceBatch } from '../selection/record-batch.js';

export class LimitExec extends ExecBase {
  readonly name = 'LimitExec';

  constructor(
    readonly input: ExecutionPlan,
    readonly skip: number,
    readonly fetch: number | null,
  ) {
    super(input.schema, [input]);
  }

  describe(): string {
    return `LimitExec: skip=${this.skip}, fetch=${this.fetch ?? 'None'}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    let toSkip = this.skip;
    let left = this.fetch ?? Infinity;
    if (left === 0) return;
    for await (const batch of this.pull(this.input, ctx)) {
      let start = 0;
      if (toSkip > 0) {
        start = Math.min(toSkip, batch.numRows);
        toSkip -= start;
      }
      const take = Math.min(batch.numRows - start, left);
      if (take <= 0) continue;
      yield take === batch.numRows ? batch : sliceBatch(batch, start, take);
      left -= take;
      if (left === 0) return;
    }
  }
}
