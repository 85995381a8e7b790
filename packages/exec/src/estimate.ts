/**
 * Rough output-size estimates of logical plans, used to pick the build side of hash joins until
 * the cost model of the optimizer provides real statistics.
 */
import { splitConjunction, type LogicalPlan } from '@quiver/planner';

const UNKNOWN_TABLE_ROWS = 1_000_000;
const FILTER_SELECTIVITY = 0.3;
const GROUPS_PER_ROW = 0.1;

export function estimateRows(plan: LogicalPlan): number {
  switch (plan.kind) {
    case 'tableScan': {
      const s = plan.source.statistics?.().rowCount; const n = s && s.precision !== "absent" ? s.value : UNKNOWN_TABLE_ROWS;
      return plan.fetch === null ? n : Math.min(n, plan.fetch);
    }
    case 'filter':
      return estimateRows(plan.input) * FILTER_SELECTIVITY ** Math.min(3, splitConjunction(plan.predicate).length);
    case 'projection':
    case 'sort':
    case 'subqueryAlias':
      return estimateRows(plan.input);
    case 'limit':
      return plan.fetch === null ? estimateRows(plan.input) : Math.min(plan.fetch, estimateRows(plan.input));
    case 'aggregate':
      return plan.groupExprs.length === 0 ? 1 : Math.max(1, estimateRows(plan.input) * GROUPS_PER_ROW);
    case 'distinct':
      return Math.max(1, estimateRows(plan.input) * GROUPS_PER_ROW);
    case 'join': {
      const l = estimateRows(plan.left);
      const r = estimateRows(plan.right);
      if (plan.joinType === 'semi' || plan.joinType === 'anti') return l;
      if (plan.joinType === 'full') return l + r;
      if (plan.on.length === 0) return l * r;
      return plan.joinType === 'left' ? l : plan.joinType === 'right' ? r : Math.max(l, r);
    }
    case 'crossJoin':
      return estimateRows(plan.left) * estimateRows(plan.right);
    case 'union':
      return plan.inputs.reduce((n, p) => n + estimateRows(p), 0);
    case 'values':
      return plan.rows.length;
    case 'emptyRelation':
      return plan.produceOneRow ? 1 : 0;
    case 'explain':
    case 'ddl':
      return 1;
  }
}
