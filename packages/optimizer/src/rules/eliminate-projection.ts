/**
 * `eliminate-projection`: removes projections that pass their input through unchanged (the same
 * columns, in the same order, under the same names), as other rewrites leave behind when they
 * restore a node's output columns.
 */
import { transformPlanUp, type LogicalPlan, type PlanOf } from '@quiver/planner';
import type { OptimizerRule } from '../rule.js';

function isIdentity(p: PlanOf<'projection'>): boolean {
  const fields = p.input.schema.fields;
  return (
    p.exprs.length === fields.length &&
    p.exprs.every((e, i) => e.kind === 'column' && e.name === fields[i]!.name && (e.qualifier === null ? fields[i]!.qualifier === null : e.qualifier === fields[i]!.qualifier))
  );
}

export class EliminateProjection implements OptimizerRule {
  readonly name = 'eliminate-projection';

  rewrite(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, (node) => (node.kind === 'projection' && isIdentity(node) ? node.input : node));
  }
}
