/**
 * Unary operators: NOT, IS [NOT] NULL / TRUE / FALSE, and arithmetic negation.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, typeToString, type DataType, type ScalarValue } from '@quiver/common';
import type { UnaryOp } from '@quiver/planner';
import { arithmetic } from '../kernels/arithmetic.js';
import { isBoolean, isNull, not } from '../kernels/boolean.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { evaluateColumnar } from './columnar.js';

export class NotExpr implements PhysicalExpr {
  readonly type = DataTypes.boolean;
  constructor(readonly expr: PhysicalExpr) {}

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    return not(evaluateColumnar(this.expr, batch), batch.numRows);
  }

  toString(): string {
    return `NOT ${this.expr}`;
  }
}

export type IsOp = Exclude<UnaryOp, 'NOT' | '-'>;

/** IS [NOT] NULL, IS [NOT] TRUE, IS [NOT] FALSE: never NULL. */
export class IsExpr implements PhysicalExpr {
  readonly type = DataTypes.boolean;
  constructor(
    readonly op: IsOp,
    readonly expr: PhysicalExpr,
  ) {}

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    const v = evaluateColumnar(this.expr, batch);
    const n = batch.numRows;
    switch (this.op) {
      case 'IS NULL': return isNull(v, n, false);
      case 'IS NOT NULL': return isNull(v, n, true);
      default: return isBoolean(this.op, v, n);
    }
  }

  toString(): string {
    return `${this.expr} ${this.op}`;
  }
}

function zeroOf(type: DataType): ScalarValue {
  switch (type.kind) {
    case 'Int8':
    case 'Int16':
    case 'Int32':
    case 'Float32':
    case 'Float64':
      return { type, value: 0 };
    case 'Int64':
    case 'Decimal128':
      return { type, value: 0n };
    case 'Interval':
      return { type, value: { months: 0, days: 0, nanos: 0n } };
    case 'Null':
      return { type, value: null };
    default:
      throw new QuiverError('TYPE', `cannot negate a value of type ${typeToString(type)}`);
  }
}

/** `-x`, computed as `0 - x` (so negating the most negative integer is an overflow error). */
export class NegativeExpr implements PhysicalExpr {
  readonly type: DataType;
  private readonly zero: ScalarValue;

  constructor(readonly expr: PhysicalExpr) {
    this.type = expr.type;
    this.zero = zeroOf(expr.type);
  }

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    const t = this.type;
    return arithmetic('-', { kind: 'scalar', value: this.zero }, t, evaluateColumnar(this.expr, batch), t, t, batch.numRows);
  }

  toString(): string {
    return `-${this.expr}`;
  }
}
