/**
 * A constant: evaluates to a batch-length array of one value; parents that accept scalars read
 * `value` directly instead (see `evaluateColumnar`).
 */
import type * as arrow from 'apache-arrow';
import { scalarToSql, type DataType, type ScalarValue } from '@quiver/common';
import { broadcastScalar } from '../kernels/scalar.js';
import type { PhysicalExpr } from '../physical-expr.js';

export class LiteralExpr implements PhysicalExpr {
  constructor(readonly value: ScalarValue) {}

  get type(): DataType {
    return this.value.type;
  }

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    return broadcastScalar(this.value, batch.numRows);
  }

  toString(): string {
    return scalarToSql(this.value);
  }
}
