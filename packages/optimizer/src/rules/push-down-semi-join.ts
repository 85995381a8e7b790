/**
 * `push-down-semi-join`: a semi or anti join over an inner join whose keys (and residual filter) read
 * only one input of that inner join filters that input instead, when that is estimated to cost
 * less (the input has fewer rows than the join's output, or the semi join drops most of them): it
 * only keeps or drops rows of that input, by their own values. E.g. TPC-H Q18's `o_orderkey IN (SELECT l_orderkey … HAVING …)` over
 * customer ⋈ orders ⋈ lineitem filters orders (1.5M rows) before the joins, not their 6M-row output.
 */
import type { Schema } from '@quiver/common';
import { joinSchema, transformPlanUp, visitExpr, type Expr, type LogicalPlan, type PlanOf } from '@quiver/planner';
import { CardinalityEstimator } from '../cost/cardinality.js';
import { columnIndex } from '../expr-utils.js';
import type { OptimizerRule } from '../rule.js';

/** Whether every column `e` references resolves in one of `schemas` and none in `excluded`. */
function readsOnly(e: Expr, schemas: readonly Schema[], excluded: Schema): boolean {
  let ok = true;
  visitExpr(e, (x) => {
    if (x.kind !== 'column') return;
    if (columnIndex(excluded, x) >= 0 || schemas.every((s) => columnIndex(s, x) < 0)) ok = false;
  });
  return ok;
}

/**
 * `node` with a semi or anti join at its top pushed as far down its inner-join input as that lowers
 * the estimated cost; `node` itself when nothing moves.
 */
export function pushSemiJoinDown(node: LogicalPlan, estimator: CardinalityEstimator): LogicalPlan {
  if (node.kind !== 'join' || (node.joinType !== 'semi' && node.joinType !== 'anti')) return node;
  const inner = node.left;
  if (inner.kind === 'projection' && inner.exprs.every((e) => e.kind === 'column')) {
    // A projection that only selects columns: the keys read the same columns below it.
    const below = { ...node, left: inner.input, schema: inner.input.schema };
    const pushed = pushSemiJoinDown(below, estimator);
    return pushed === below ? node : { ...inner, input: pushed };
  }
  if (inner.kind !== 'join' || inner.joinType !== 'inner') return node;
  for (const side of ['left', 'right'] as const) {
    const target = inner[side];
    const other = side === 'left' ? inner.right : inner.left;
    if (!node.on.every(([l]) => readsOnly(l, [target.schema], other.schema))) continue;
    if (node.filter !== null && !readsOnly(node.filter, [target.schema, node.right.schema], other.schema)) continue;
    const pushed = pushSemiJoinDown({ ...node, left: target, schema: joinSchema(target.schema, node.right.schema, node.joinType) }, estimator);
    const rebuilt: PlanOf<'join'> = side === 'left' ? { ...inner, left: pushed } : { ...inner, right: pushed };
    if (estimator.estimate(rebuilt).cost < estimator.estimate(node).cost) return rebuilt;
  }
  return node;
}

export class PushDownSemiJoin implements OptimizerRule {
  readonly name = 'push-down-semi-join';

  rewrite(plan: LogicalPlan): LogicalPlan {
    const estimator = new CardinalityEstimator();
    return transformPlanUp(plan, (node) => pushSemiJoinDown(node, estimator));
  }
}
