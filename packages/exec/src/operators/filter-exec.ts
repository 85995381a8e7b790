/**
 * FilterExec: keeps the rows for which the predicate is TRUE (FALSE and NULL drop the row), gathering
 * only the columns its consumer reads.
 */
import * as arrow from 'apache-arrow';
import { QuiverError, typeToString } from '@quiver/common';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase } from './exec-base.js';
import { columnsOf, filterBatch, makeBatch } from '../selection/record-batch.js';
import { selectionFromMask } from '../selection/filter.js';
import { takeData } from '../selection/take.js';
import { unreadColumn } from '../selection/make-column.js';
import { columnsReadBy } from '../expressions/referenced-columns.js';

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
    const needed = this.needed;
    this.requireOf(this.input, needed === null ? null : columnsReadBy([this.predicate], needed));
    for await (const batch of this.pull(this.input, ctx)) {
      const mask = this.predicate.evaluate(batch);
      if (mask.typeId === arrow.Type.Null) continue;
      yield needed === null ? filterBatch(batch, mask) : this.filterNeeded(batch, mask, needed);
    }
  }

  /** The rows `mask` keeps, gathering only the columns the consumer reads. */
  private filterNeeded(batch: arrow.RecordBatch, mask: arrow.Data, needed: ReadonlySet<number>): arrow.RecordBatch {
    const sel = selectionFromMask(mask);
    if (sel.length === batch.numRows) return batch;
    const columns = columnsOf(batch).map((c, i) => (needed.has(i) ? takeData(c, sel) : unreadColumn(c.type, sel.length)));
    return makeBatch(batch.schema, columns, sel.length);
  }
}
