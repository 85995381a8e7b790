/**
 * `x [NOT] IN (literal, ...)`: the list is compiled once into a hash set. (Lists with non-literal
 * items are planned as OR-ed equality comparisons instead; see `createPhysicalExpr`.)
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, scalarToSql, type ScalarValue } from '@quiver/common';
import { compileInList, inList, type InListSet } from '../kernels/in-list.js';
import type { PhysicalExpr } from '../physical-expr.js';

export class InListExpr implements PhysicalExpr {
  readonly type = DataTypes.boolean;
  private readonly set: InListSet;

  constructor(
    readonly expr: PhysicalExpr,
    readonly list: readonly ScalarValue[],
    readonly negated: boolean,
  ) {
    this.set = compileInList(expr.type, list);
  }

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    return inList(this.expr.evaluate(batch), this.set, this.negated);
  }

  toString(): string {
    return `${this.expr} ${this.negated ? 'NOT IN' : 'IN'} (${this.list.map(scalarToSql).join(', ')})`;
  }
}
