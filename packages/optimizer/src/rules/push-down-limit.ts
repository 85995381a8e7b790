/**
 * `push-down-limit`: a LIMIT 0 becomes an empty relation; nested limits merge; a limit over a sort
 * gives the sort a fetch (a top-k); a limit moves below a projection; and a limit over a table scan
 * tells the scan how many rows are needed (the limit stays above: the scan's fetch is a hint).
 */
import { planInputs, withNewInputs, type LogicalPlan, type PlanOf } from '@quiver/planner';
import type { OptimizerRule } from '../rule.js';

type Limit = PlanOf<'limit'>;

function minFetch(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function pushLimit(limit: Limit): LogicalPlan {
  if (limit.fetch === 0) return { kind: 'emptyRelation', produceOneRow: false, schema: limit.schema };
  const input = limit.input;
  const needed = limit.fetch === null ? null : limit.skip + limit.fetch;
  switch (input.kind) {
    case 'limit': {
      // Outer (skip s2, fetch f2) over inner (skip s1, fetch f1).
      const innerLeft = input.fetch === null ? null : Math.max(0, input.fetch - limit.skip);
      return { ...limit, input: input.input, skip: input.skip + limit.skip, fetch: minFetch(innerLeft, limit.fetch) };
    }
    case 'sort':
      if (needed === null || (input.fetch !== null && input.fetch <= needed)) return limit;
      return { ...limit, input: { ...input, fetch: needed } };
    case 'projection':
      return { ...input, input: { ...limit, input: input.input, schema: input.input.schema } };
    case 'tableScan':
      if (needed === null || (input.fetch !== null && input.fetch <= needed)) return limit;
      return { ...limit, input: { ...input, fetch: needed } };
    default:
      return limit;
  }
}

export class PushDownLimit implements OptimizerRule {
  readonly name = 'push-down-limit';

  rewrite(plan: LogicalPlan): LogicalPlan {
    return transformDown(plan);
  }
}

/** Apply `pushLimit` top-down, re-examining a limit after each move until it settles. */
function transformDown(plan: LogicalPlan): LogicalPlan {
  const top = plan.kind === 'limit' ? pushLimit(plan) : plan;
  if (top !== plan) return transformDown(top);
  const inputs = planInputs(top);
  const next = inputs.map(transformDown);
  return next.every((p, i) => p === inputs[i]) ? top : withNewInputs(top, next);
}
