/**
 * `LateralSubquery`: a subquery in FROM that reads columns of the FROM items before it
 * (`FROM t, LATERAL (SELECT … FROM u WHERE u.x = t.x)`), carried as a user-defined node over those
 * items and the subquery, whose `outerColumn` references read the items' columns. No operator runs it
 * as it is: the optimizer's subquery decorrelation turns it into an ordinary join.
 */
import type { Schema } from '@quiver/common';
import { exprToString, type Expr } from './expr.js';
import type { UserDefinedLogicalNode } from './extension.js';
import type { LogicalPlan } from './plan.js';
import { joinSchema } from './rebuild.js';

export class LateralSubquery implements UserDefinedLogicalNode {
  readonly name = 'LateralSubquery';
  readonly inputs: readonly LogicalPlan[];
  readonly exprs: readonly Expr[];
  readonly schema: Schema;

  /**
   * `left` joined with `subquery` evaluated for each of its rows: every pair (`inner`), or with the
   * left rows without a pair padded with NULLs (`left`); `on` (over left then subquery columns) further
   * restricts the pairs (`JOIN LATERAL … ON on`).
   */
  constructor(
    readonly left: LogicalPlan,
    readonly subquery: LogicalPlan,
    readonly joinType: 'inner' | 'left',
    readonly on: Expr | null,
  ) {
    this.inputs = [left, subquery];
    this.exprs = on === null ? [] : [on];
    this.schema = joinSchema(left.schema, subquery.schema, joinType);
  }

  describe(): string {
    return `${this.joinType}${this.on === null ? '' : ` on ${exprToString(this.on)}`}`;
  }

  withNewInputs(inputs: readonly LogicalPlan[], exprs: readonly Expr[]): LateralSubquery {
    return new LateralSubquery(inputs[0]!, inputs[1]!, this.joinType, exprs[0] ?? null);
  }
}
