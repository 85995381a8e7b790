/**
 * CAST / TRY_CAST of an expression to a type.
 */
import type * as arrow from 'apache-arrow';
import { typeToString, type DataType } from '@quiver/common';
import { castArray } from '../kernels/cast.js';
import type { PhysicalExpr } from '../physical-expr.js';

export class CastExpr implements PhysicalExpr {
  constructor(
    readonly expr: PhysicalExpr,
    readonly type: DataType,
    readonly tryCast: boolean,
  ) {}

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    return castArray(this.expr.evaluate(batch), this.expr.type, this.type, this.tryCast);
  }

  toString(): string {
    return `${this.tryCast ? 'TRY_CAST' : 'CAST'}(${this.expr} AS ${typeToString(this.type)})`;
  }
}
