/**
 * `x [NOT] LIKE/ILIKE pattern [ESCAPE e]`; a literal pattern is compiled once by the kernel.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes } from '@quiver/common';
import { like } from '../kernels/like.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { evaluateColumnar } from './columnar.js';

export class LikeExpr implements PhysicalExpr {
  readonly type = DataTypes.boolean;

  constructor(
    readonly expr: PhysicalExpr,
    readonly pattern: PhysicalExpr,
    readonly negated: boolean,
    readonly caseInsensitive: boolean,
    readonly escape: string | null,
  ) {}

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    const v = evaluateColumnar(this.expr, batch);
    const p = evaluateColumnar(this.pattern, batch);
    return like(v, p, this.escape, this.caseInsensitive, this.negated, batch.numRows);
  }

  toString(): string {
    const op = `${this.negated ? 'NOT ' : ''}${this.caseInsensitive ? 'ILIKE' : 'LIKE'}`;
    return `${this.expr} ${op} ${this.pattern}${this.escape === null ? '' : ` ESCAPE '${this.escape}'`}`;
  }
}
