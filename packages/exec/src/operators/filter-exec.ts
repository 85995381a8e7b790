/**
 * FilterExec: keeps the rows for which the predicate is TRUE (FALSE and NULL drop the row).
 */
import * as arrow from 'apache-arrow';
import { QuiverError, typeToString } from '@quiver/common';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase } from './exec-base.js';
import { filterBatch } from '../selection/record-batch.js';

export class FilterExec extends ExecBase {
  readonly name = 'FilterExec';

  constructor(
    readonly input: ExecutionPlan,
    readonly predicate: PhysicalExpr,
  ) {
    super(input.schema, [input]);
    if (predicate.type.kind !== 'Boolean' && predicate.type.kind !== 'Null') {
      throw new QuiverError('INTERNAL', `filter predicate ${predicate} has type ${typeToString(predicate.type)}, not BOOLEAN`);
    }
  }

  describe(): string {
    return `FilterExec: ${this.predicate}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    for await (const batch of this.pull(this.input, ctx)) {
      const mask = this.predicate.evaluate(batch);
      if (mask.typeId === arrow.Type.Null) continue;
      yield filterBatch(batch, mask);
    }
  }
}
