/**
 * `eliminate-outer-join`: a filter above an outer join that can never be TRUE for the NULL-padded
 * rows of a side makes padding that side pointless: `left` becomes `inner` when the filter rejects
 * NULLs of the right side (and `right` vice versa); `full` becomes `left`, `right` or `inner`.
 * E.g. `WHERE r.x > 5` over `l LEFT JOIN r`, the shape decorrelated scalar subqueries take.
 */
import type { Schema } from '@quiver/common';
import { joinSchema, splitConjunction, transformPlanUp, type Expr, type JoinType, type LogicalPlan } from '@quiver/planner';
import { columnIndex } from '../expr-utils.js';
import type { OptimizerRule } from '../rule.js';

const NULL_PROPAGATING = new Set(['=', '<>', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '||']);

/** Whether `e` is NULL whenever every column of `side` is NULL. */
function nullOnNullSide(e: Expr, side: Schema): boolean {
  switch (e.kind) {
    case 'column':
      return columnIndex(side, e) >= 0;
    case 'binary':
      return NULL_PROPAGATING.has(e.op) && (nullOnNullSide(e.left, side) || nullOnNullSide(e.right, side));
    case 'unary':
      return (e.op === 'NOT' || e.op === '-') && nullOnNullSide(e.expr, side);
    case 'cast':
      return !e.try && nullOnNullSide(e.expr, side);
    case 'between':
    case 'inList':
      return nullOnNullSide(e.expr, side);
    case 'like':
      return nullOnNullSide(e.expr, side) || nullOnNullSide(e.pattern, side);
    default:
      return false;
  }
}

/** Whether predicate `e` is never TRUE when every column of `side` is NULL. */
function rejectsNulls(e: Expr, side: Schema): boolean {
  if (e.kind === 'binary' && e.op === 'AND') return rejectsNulls(e.left, side) || rejectsNulls(e.right, side);
  if (e.kind === 'binary' && e.op === 'OR') return rejectsNulls(e.left, side) && rejectsNulls(e.right, side);
  if (e.kind === 'unary' && e.op === 'IS NOT NULL') return nullOnNullSide(e.expr, side);
  return nullOnNullSide(e, side);
}

/** The join type once rows whose left (right) side is all NULL are known to be filtered out. */
function narrowed(joinType: JoinType, leftRejected: boolean, rightRejected: boolean): JoinType {
  // Unmatched left rows carry a NULL right side, and vice versa.
  const unmatchedLeft = (joinType === 'left' || joinType === 'full') && !rightRejected;
  const unmatchedRight = (joinType === 'right' || joinType === 'full') && !leftRejected;
  if (unmatchedLeft && unmatchedRight) return 'full';
  return unmatchedLeft ? 'left' : unmatchedRight ? 'right' : 'inner';
}

export class EliminateOuterJoin implements OptimizerRule {
  readonly name = 'eliminate-outer-join';

  rewrite(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, (node) => {
      if (node.kind !== 'filter' || node.input.kind !== 'join') return node;
      const join = node.input;
      if (join.joinType !== 'left' && join.joinType !== 'right' && join.joinType !== 'full') return node;
      const conjuncts = splitConjunction(node.predicate);
      const leftRejected = conjuncts.some((c) => rejectsNulls(c, join.left.schema));
      const rightRejected = conjuncts.some((c) => rejectsNulls(c, join.right.schema));
      const joinType = narrowed(join.joinType, leftRejected, rightRejected);
      if (joinType === join.joinType) return node;
      const input: LogicalPlan = { ...join, joinType, schema: joinSchema(join.left.schema, join.right.schema, joinType) };
      return { ...node, input, schema: input.schema };
    });
  }
}
