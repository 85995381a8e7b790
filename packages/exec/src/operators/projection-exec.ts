/**
 * ProjectionExec: computes one output column per expression, named as given (subexpressions the
 * expressions share computed once per batch).
 */
import type * as arrow from 'apache-arrow';
import { Field, Schema } from '@quiver/common';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase } from './exec-base.js';
import { makeBatch } from '../selection/record-batch.js';
import { shareCommonSubexpressions } from '../expressions/shared-subexpressions.js';

export class ProjectionExec extends ExecBase {
  readonly name = 'ProjectionExec';

  constructor(
    readonly input: ExecutionPlan,
    readonly exprs: readonly PhysicalExpr[],
    readonly names: readonly string[],
  ) {
    super(new Schema(exprs.map((e, i) => new Field(names[i]!, e.type))), [input]);
    this.evaluators = shareCommonSubexpressions(exprs);
  }

  /** `exprs` with repeated subexpressions computed once per batch. */
  private readonly evaluators: readonly PhysicalExpr[];

  describe(): string {
    return `ProjectionExec: ${this.exprs.map((e, i) => `${e} AS ${this.names[i]}`).join(', ')}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    for await (const batch of this.pull(this.input, ctx)) {
      yield makeBatch(this.arrowSchema, this.evaluators.map((e) => e.evaluate(batch)), batch.numRows);
    }
  }
}
