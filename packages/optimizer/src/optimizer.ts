/**
 * The optimizer driver: runs its rules in order, pass after pass, until a whole pass changes nothing
 * (or `maxPasses` is reached), skipping the rules the session disabled. Subqueries that remain
 * expressions afterwards (those decorrelation left alone) are optimized on their own.
 */
import type { SessionConfig } from '@quiver/common';
import { mapPlanExprs, transformExprUp, transformPlanUp, type LogicalPlan } from '@quiver/planner';
import { defaultRules } from './default-rules.js';
import type { OptimizerContext, OptimizerRule } from './rule.js';

export class Optimizer {
  readonly rules: readonly OptimizerRule[];

  constructor(rules: OptimizerRule[] = defaultRules(), readonly maxPasses = 8) {
    this.rules = rules;
  }

  optimize(plan: LogicalPlan, config: SessionConfig): LogicalPlan {
    const ctx: OptimizerContext = { config };
    const active = this.rules.filter((r) => !config.disabledRules.has(r.name));
    let current = plan;
    for (let pass = 0; pass < this.maxPasses; pass++) {
      const before = current;
      for (const rule of active) current = rule.rewrite(current, ctx);
      if (current === before) break;
    }
    return this.optimizeSubqueries(current, config);
  }

  private optimizeSubqueries(plan: LogicalPlan, config: SessionConfig): LogicalPlan {
    return transformPlanUp(plan, (node) =>
      mapPlanExprs(node, (e) =>
        transformExprUp(e, (x) => {
          if (x.kind !== 'scalarSubquery' && x.kind !== 'exists' && x.kind !== 'inSubquery') return x;
          const sub = this.optimize(x.plan, config);
          return sub === x.plan ? x : { ...x, plan: sub };
        }),
      ),
    );
  }
}
