/**
 * UnionExec: UNION ALL — the batches of every input in turn (inputs have the same column types).
 */
import type * as arrow from 'apache-arrow';
import { QuiverError } from '@quiver/common';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import { ExecBase } from './exec-base.js';
import { makeBatch, columnsOf } from '../selection/record-batch.js';

export class UnionExec extends ExecBase {
  readonly name = 'UnionExec';

  constructor(readonly inputs: readonly ExecutionPlan[]) {
    if (inputs.length === 0) throw new QuiverError('INTERNAL', 'UnionExec needs at least one input');
    super(inputs[0]!.schema, inputs);
  }

  describe(): string {
    return 'UnionExec';
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    for (const input of this.inputs) {
      for await (const batch of this.pull(input, ctx)) {
        // Re-label with this operator's schema (inputs may name their columns differently).
        yield makeBatch(this.arrowSchema, columnsOf(batch), batch.numRows);
      }
    }
  }
}
