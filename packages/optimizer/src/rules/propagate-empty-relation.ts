/**
 * `propagate-empty-relation`: an input known to have no rows (an `EmptyRelation` without its one
 * row, as a false filter or `LIMIT 0` becomes) empties the operators that can only pass rows on:
 * projections, filters, sorts, limits, distincts, window nodes, grouped aggregates, inner and cross joins, the
 * preserved side of outer joins, and the left side of semi and anti joins. An anti join against an
 * empty right side keeps its left input, and a mark join against one its left input with every mark
 * FALSE; empty UNION ALL inputs are dropped. Aggregates without
 * groups still return their one row, so they stay.
 */
import { alias, lit, rebuildPlan, transformPlanUp, type LogicalPlan, type PlanOf } from '@quiver/planner';
import { colRef } from '../expr-utils.js';
import type { OptimizerRule } from '../rule.js';

function isEmpty(p: LogicalPlan): boolean {
  return p.kind === 'emptyRelation' && !p.produceOneRow;
}

function empty(p: LogicalPlan): LogicalPlan {
  return { kind: 'emptyRelation', produceOneRow: false, schema: p.schema };
}

/** A mark join's left rows, each with its mark FALSE (nothing on the right can match). */
function allUnmarked(join: PlanOf<'join'>): LogicalPlan {
  const mark = join.schema.field(join.schema.length - 1);
  const exprs = [...join.left.schema.fields.map((f) => colRef(f.qualifier, f.name)), alias(lit(false), mark.name)];
  return rebuildPlan({ kind: 'projection', input: join.left, exprs: [], schema: join.schema }, [join.left], exprs);
}

function propagate(node: LogicalPlan): LogicalPlan {
  switch (node.kind) {
    case 'projection':
    case 'filter':
    case 'sort':
    case 'limit':
    case 'distinct':
    case 'subqueryAlias':
    case 'lateralTableFunction':
    case 'window':
      return isEmpty(node.input) ? empty(node) : node;
    case 'aggregate':
      // No groups over no rows, except for an empty grouping set (`ROLLUP`'s grand total).
      return isEmpty(node.input) && node.groupExprs.length > 0 && !node.groupingSets?.some((set) => set.length === 0) ? empty(node) : node;
    case 'crossJoin':
      return isEmpty(node.left) || isEmpty(node.right) ? empty(node) : node;
    case 'join': {
      const l = isEmpty(node.left);
      const r = isEmpty(node.right);
      switch (node.joinType) {
        case 'inner':
        case 'semi':
          return l || r ? empty(node) : node;
        case 'left':
          return l ? empty(node) : node;
        case 'right':
          return r ? empty(node) : node;
        case 'full':
          return l && r ? empty(node) : node;
        case 'anti':
          // Without a residual filter nothing on the right can match, so every left row is kept.
          return l ? empty(node) : r && node.filter === null ? node.left : node;
        case 'leftMark':
          return l ? empty(node) : r ? allUnmarked(node) : node;
      }
    }
    case 'union': {
      const kept = node.inputs.filter((p) => !isEmpty(p));
      if (kept.length === 0) return empty(node);
      // The union's columns are named after its first input, so that one stays.
      const first = node.inputs[0]!;
      const inputs = [first, ...node.inputs.slice(1).filter((p) => !isEmpty(p))];
      return inputs.length === node.inputs.length ? node : { ...node, inputs };
    }
    default:
      return node;
  }
}

export class PropagateEmptyRelation implements OptimizerRule {
  readonly name = 'propagate-empty-relation';

  rewrite(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, propagate);
  }
}
