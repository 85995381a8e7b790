/**
 * ProjectionExec: computes one output column per expression, named as given (subexpressions the
 * expressions share computed once per batch). Columns its consumer does not read are not computed,
 * and it asks its input only for the columns its remaining expressions read.
 */
import type * as arrow from 'apache-arrow';
import { Field, Schema } from '@quiver/common';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase } from './exec-base.js';
import { makeBatch } from '../selection/record-batch.js';
import { shareCommonSubexpressions } from '../expressions/shared-subexpressions.js';
import { columnsReadBy } from '../expressions/referenced-columns.js';
import { unreadColumn } from '../selection/make-column.js';

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
    const needed = this.needed;
    this.requireOf(this.input, columnsReadBy(needed === null ? this.exprs : this.exprs.filter((_, i) => needed.has(i))));
    const fields = this.arrowSchema.fields;
    for await (const batch of this.pull(this.input, ctx)) {
      const n = batch.numRows;
      const columns = this.evaluators.map((e, i) => (needed === null || needed.has(i) ? e.evaluate(batch) : unreadColumn(fields[i]!.type, n)));
      yield makeBatch(this.arrowSchema, columns, n);
    }
  }
}
