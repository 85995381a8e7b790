/**
 * `reduce-aggregate-input` (a semi-join reduction, or "magic set"): when an aggregate is joined on
 * one of its group keys to a relation that can only produce a few of that key's values, its input
 * is first semi-joined with a relation holding those values, so groups the join would drop are
 * never built. Decorrelated scalar subqueries take this shape: TPC-H Q17 averages lineitem per part
 * for the 200 parts of one brand and container, Q20 sums it per (part, supplier) for the 'forest%'
 * parts only.
 *
 * The relation holding the values is the cheapest of the join's other input and the sub-plans whose
 * column covers the key's values there (through projections, filters and equi-joins, e.g. `part`
 * under `partsupp ⋉ part ON ps_partkey = p_partkey`). The rewrite is made once per group key, when
 * it is estimated to keep at most half of the aggregate's input and that relation costs less than
 * the input it saves producing; the semi join then moves down the input's inner joins as far as
 * that lowers the estimated cost (TPC-H Q2 filters partsupp before joining it to the suppliers).
 */
import { typesEqual, type Schema } from '@quiver/common';
import { exprType, projectionSchema, transformPlanUp, unalias, visitPlan, type Expr, type LogicalPlan, type PlanOf } from '@quiver/planner';
import { CardinalityEstimator } from '../cost/cardinality.js';
import { colRef, columnIndex, exprEquals, type ColumnExpr } from '../expr-utils.js';
import type { OptimizerRule } from '../rule.js';
import { pushSemiJoinDown } from './push-down-semi-join.js';

/** The reduction must keep at most this share of the aggregate's input rows. */
const MAX_KEPT_FRACTION = 0.5;

/** A plan whose column `index` holds every (non-NULL) value some join key can take. */
interface Cover {
  readonly plan: LogicalPlan;
  readonly index: number;
}

/** The index of `e` in `schema` when `e` is a plain (possibly aliased) column reference, else -1. */
function columnAt(e: Expr, schema: Schema): number {
  const inner = unalias(e);
  return inner.kind === 'column' ? columnIndex(schema, inner) : -1;
}

/** `cover` and every sub-plan column whose values include all those of `cover`'s column. */
function coversOf(cover: Cover, out: Cover[] = []): Cover[] {
  out.push(cover);
  const { plan, index } = cover;
  const descend = (input: LogicalPlan, i: number) => {
    if (i >= 0) coversOf({ plan: input, index: i }, out);
  };
  switch (plan.kind) {
    case 'filter':
      // A scan's estimate counts the filters pushed into it, which it may apply only in part.
      if (plan.input.kind !== 'tableScan') descend(plan.input, index);
      break;
    case 'subqueryAlias':
    case 'sort':
    case 'limit':
    case 'distinct':
      descend(plan.input, index);
      break;
    case 'projection':
      descend(plan.input, columnAt(plan.exprs[index]!, plan.input.schema));
      break;
    case 'aggregate':
      if (index < plan.groupExprs.length) descend(plan.input, columnAt(plan.groupExprs[index]!, plan.input.schema));
      break;
    case 'crossJoin':
    case 'join': {
      const leftWidth = plan.left.schema.length;
      if (plan.kind === 'join' && plan.joinType === 'leftMark' && index >= leftWidth) break; // the mark is the join's own
      const [own, other, i] = index < leftWidth ? [plan.left, plan.right, index] : [plan.right, plan.left, index - leftWidth];
      descend(own, i);
      // An inner or semi join's output keys also occur on the other side of their equality.
      if (plan.kind === 'join' && (plan.joinType === 'inner' || plan.joinType === 'semi')) {
        for (const pair of plan.on) {
          const [mine, theirs] = own === plan.left ? pair : [pair[1], pair[0]];
          if (columnAt(mine, own.schema) === i) descend(other, columnAt(theirs, other.schema));
        }
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/**
 * `side` with the aggregate under it (through aliases, filters and column projections) rebuilt by
 * `reduce` for the input expression of output column `index`; null when there is none or `reduce` declines.
 */
function reduceUnder(side: LogicalPlan, index: number, reduce: (agg: PlanOf<'aggregate'>, key: ColumnExpr) => LogicalPlan | null): LogicalPlan | null {
  let input: LogicalPlan | null = null;
  switch (side.kind) {
    case 'subqueryAlias':
    case 'filter':
      input = reduceUnder(side.input, index, reduce);
      break;
    case 'projection': {
      const i = columnAt(side.exprs[index]!, side.input.schema);
      if (i >= 0) input = reduceUnder(side.input, i, reduce);
      break;
    }
    case 'aggregate': {
      if (index >= side.groupExprs.length) return null;
      const key = unalias(side.groupExprs[index]!);
      return key.kind === 'column' ? reduce(side, key) : null;
    }
    default:
      return null;
  }
  return input && { ...side, input };
}

/** Whether `plan` already holds a semi join on `key` (this rule's, possibly pushed down since). */
function reducedOn(plan: LogicalPlan, key: Expr): boolean {
  let found = false;
  visitPlan(plan, (p) => {
    if (p.kind === 'join' && p.joinType === 'semi' && p.on.some(([l]) => exprEquals(l, key))) found = true;
  });
  return found;
}

export class ReduceAggregateInput implements OptimizerRule {
  readonly name = 'reduce-aggregate-input';

  rewrite(plan: LogicalPlan): LogicalPlan {
    const estimator = new CardinalityEstimator();

    /** The aggregate with its input semi-joined to the best of `other`'s covers of group key `key`, or null. */
    const reduceAggregate = (agg: PlanOf<'aggregate'>, key: ColumnExpr, other: Cover): LogicalPlan | null => {
      if (reducedOn(agg.input, key)) return null;
      const input = estimator.estimate(agg.input);
      const k = columnIndex(agg.input.schema, key);
      const keyNdv = Math.max(1, (k >= 0 ? input.columns[k]!.ndv : null) ?? estimator.estimate(agg).rows);
      const keyType = exprType(key, agg.input.schema);
      let best: { cover: Cover; kept: number; score: number } | null = null;
      for (const cover of coversOf(other)) {
        const field = cover.plan.schema.field(cover.index);
        if (!typesEqual(field.type, keyType) || columnIndex(cover.plan.schema, field) !== cover.index) continue;
        const e = estimator.estimate(cover.plan);
        const kept = Math.min(1, (e.columns[cover.index]!.ndv ?? e.rows) / keyNdv);
        const score = e.cost + input.rows * kept;
        if (kept <= MAX_KEPT_FRACTION && e.cost < input.cost * (1 - kept) && (best === null || score < best.score)) best = { cover, kept, score };
      }
      if (best === null) return null;
      const field = best.cover.plan.schema.field(best.cover.index);
      const values: Expr[] = [colRef(field.qualifier, field.name)];
      const right: LogicalPlan = { kind: 'projection', input: best.cover.plan, exprs: values, schema: projectionSchema(best.cover.plan.schema, values) };
      const semi: LogicalPlan = { kind: 'join', left: agg.input, right, joinType: 'semi', on: [[key, values[0]!]], filter: null, nullEqualsNull: false, schema: agg.input.schema };
      return { ...agg, input: pushSemiJoinDown(semi, estimator) };
    };

    /** `side` of `join` reduced by the other side's key values, or null. */
    const reduceSide = (join: PlanOf<'join'>, side: 'left' | 'right'): LogicalPlan | null => {
      const [target, other] = side === 'left' ? [join.left, join.right] : [join.right, join.left];
      for (const pair of join.on) {
        const [mine, theirs] = side === 'left' ? pair : [pair[1], pair[0]];
        const i = columnAt(mine, target.schema);
        const j = columnAt(theirs, other.schema);
        if (i < 0 || j < 0) continue;
        const reduced = reduceUnder(target, i, (agg, key) => reduceAggregate(agg, key, { plan: other, index: j }));
        if (reduced !== null) return reduced;
      }
      return null;
    };

    return transformPlanUp(plan, (node) => {
      if (node.kind !== 'join' || node.nullEqualsNull || node.on.length === 0) return node;
      // Rows of a side the join only matches against (never preserves) may be dropped when unmatched.
      const left = node.joinType === 'inner' || node.joinType === 'right' ? reduceSide(node, 'left') : null;
      const right = node.joinType === 'right' || node.joinType === 'full' ? null : reduceSide(node, 'right');
      if (left === null && right === null) return node;
      return { ...node, left: left ?? node.left, right: right ?? node.right };
    });
  }
}
