/**
 * Which side of a join an expression reads, and recognising `left = right` equi-join predicates.
 */
import type { Schema } from '@quiver/common';
import { visitExpr, type Expr, type JoinType } from '@quiver/planner';
import { columnIndex } from './expr-utils.js';

export type Side = 'left' | 'right' | 'both' | 'none';

/** The join input(s) whose columns `e` references (outer references and subqueries aside). */
export function sideOf(e: Expr, left: Schema, right: Schema): Side {
  let l = false;
  let r = false;
  visitExpr(e, (x) => {
    if (x.kind !== 'column') return;
    const inLeft = columnIndex(left, x) >= 0;
    const inRight = columnIndex(right, x) >= 0;
    if (inLeft === inRight) {
      l = r = true; // unresolvable or ambiguous: never move it
    } else if (inLeft) l = true;
    else r = true;
  });
  return l && r ? 'both' : l ? 'left' : r ? 'right' : 'none';
}

/** `[leftExpr, rightExpr]` when `e` is an equality between an expression of each side. */
export function equiPair(e: Expr, left: Schema, right: Schema): readonly [Expr, Expr] | null {
  if (e.kind !== 'binary' || e.op !== '=') return null;
  const a = sideOf(e.left, left, right);
  const b = sideOf(e.right, left, right);
  if (a === 'left' && b === 'right') return [e.left, e.right];
  if (a === 'right' && b === 'left') return [e.right, e.left];
  return null;
}

/** Join predicates split into hash keys (equalities between the sides) and the residual filter. */
export function splitJoinKeys(
  predicates: readonly Expr[],
  left: Schema,
  right: Schema,
): { on: (readonly [Expr, Expr])[]; residual: Expr[] } {
  const on: (readonly [Expr, Expr])[] = [];
  const residual: Expr[] = [];
  for (const p of predicates) {
    const pair = equiPair(p, left, right);
    if (pair) on.push(pair);
    else residual.push(p);
  }
  return { on, residual };
}

/** Whether a WHERE predicate over only this side of a join may be evaluated below the join. */
export function wherePushable(joinType: JoinType, side: 'left' | 'right'): boolean {
  if (joinType === 'inner') return true;
  if (side === 'left') return joinType === 'left' || joinType === 'semi' || joinType === 'anti' || joinType === 'leftMark';
  return joinType === 'right';
}

/** Whether an ON predicate over only this side of a join may filter that input before the join. */
export function onPushable(joinType: JoinType, side: 'left' | 'right'): boolean {
  if (joinType === 'inner' || joinType === 'semi') return true;
  if (side === 'left') return joinType === 'right';
  return joinType === 'left' || joinType === 'anti' || joinType === 'leftMark';
}
