/**
 * A column of the input batch, bound to its index.
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, type DataType } from '@quiver/common';
import type { PhysicalExpr } from '../physical-expr.js';

export class ColumnExpr implements PhysicalExpr {
  constructor(
    readonly name: string,
    readonly index: number,
    readonly type: DataType,
  ) {}

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    const data = batch.data.children[this.index];
    if (data === undefined) {
      throw new QuiverError('INTERNAL', `column ${this} is out of range for a batch of ${batch.numCols} columns`);
    }
    return data;
  }

  toString(): string {
    return `${this.name}@${this.index}`;
  }
}
