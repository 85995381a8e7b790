/**
 * Two-phase aggregation over UNION ALL: the physical planner runs a GROUP BY whose input is a
 * UNION ALL as one partial `HashAggregateExec` per branch (each reducing its branch to one row of
 * states per group), a union of the partials, and a final `HashAggregateExec` that groups the
 * partial rows again and merges their states. It applies when every aggregate's function can
 * merge states (`stateTypes`) and none is DISTINCT (order-sensitive functions have no mergeable state).
 */
import { unalias, type LogicalPlan, type PlanOf } from '@quiver/planner';
import type { ExecutionPlan } from './execution-plan.js';
import { ColumnExpr } from './expressions/column.js';
import { HashAggregateExec, type AggregateCall, type GroupExpr } from './operators/hash-aggregate-exec.js';
import { UnionExec } from './operators/union-exec.js';

/** The UNION ALL branches `plan` aggregates (looking through aliases), when it can run in two phases. */
export function partialAggregateBranches(plan: PlanOf<'aggregate'>): readonly LogicalPlan[] | null {
  if (plan.groupingSets) return null;
  let input = plan.input;
  while (input.kind === 'subqueryAlias') input = input.input;
  if (input.kind !== 'union' || input.inputs.length < 2) return null;
  const mergeable = plan.aggrExprs.every((a) => {
    const agg = unalias(a);
    return agg.kind === 'aggregate' && !agg.distinct && agg.func.stateTypes !== undefined;
  });
  return mergeable ? input.inputs : null;
}

/**
 * Partial aggregates over `branches` (each producing the columns `groups` and `aggregates` are
 * bound to), their union, and the final aggregate over it.
 */
export function twoPhaseAggregate(branches: readonly ExecutionPlan[], groups: readonly GroupExpr[], aggregates: readonly AggregateCall[]): ExecutionPlan {
  const partials = branches.map((b) => new HashAggregateExec(b, groups, aggregates, 'partial'));
  const states = partials[0]!.schema.fields;
  const finalGroups = groups.map((g, i) => ({ expr: new ColumnExpr(g.name, i, g.expr.type), name: g.name }));
  let at = groups.length;
  const finalAggregates: AggregateCall[] = aggregates.map((a) => {
    const width = a.func.stateTypes!(a.args.map((e) => e.type), a.returnType).length;
    const args = states.slice(at, at + width).map((f, k) => new ColumnExpr(f.name, at + k, f.type));
    at += width;
    return { ...a, args, filter: null, argTypes: a.args.map((e) => e.type) };
  });
  return new HashAggregateExec(new UnionExec(partials), finalGroups, finalAggregates, 'final');
}
