/**
 * The optimizer driver: runs its rules in order, pass after pass, until a whole pass changes nothing
 * (or `maxPasses` is reached), skipping the rules the session disabled. Subqueries that remain
 * expressions afterwards (those decorrelation left alone) are optimized on their own.
 * A session's rule list can be changed: `addRule` (at the end, or before/after a named rule),
 * `removeRule`, `setRules` (any order).
 */
import { didYouMean, QuiverError, type SessionConfig } from '@quiver/common';
import { mapPlanExprs, transformExprUp, transformPlanUp, type LogicalPlan } from '@quiver/planner';
import { defaultRules } from './default-rules.js';
import type { OptimizerContext, OptimizerRule } from './rule.js';

export class Optimizer {
  private ruleList: OptimizerRule[];

  constructor(rules: OptimizerRule[] = defaultRules(), readonly maxPasses = 8) {
    this.ruleList = [...rules];
  }

  /** The rules, in the order each pass applies them. */
  get rules(): readonly OptimizerRule[] {
    return this.ruleList;
  }

  /** Add `rule` at the end, or just before / after the rule named in `at`. */
  addRule(rule: OptimizerRule, at: { readonly before?: string; readonly after?: string } = {}): void {
    if (this.ruleList.some((r) => r.name === rule.name)) throw new QuiverError('PLAN', `optimizer rule '${rule.name}' is already registered`);
    const anchor = at.before ?? at.after;
    const index = anchor === undefined ? this.ruleList.length : this.indexOf(anchor) + (at.before === undefined ? 1 : 0);
    this.ruleList.splice(index, 0, rule);
  }

  /** Remove the rule called `name` and return it. */
  removeRule(name: string): OptimizerRule {
    return this.ruleList.splice(this.indexOf(name), 1)[0]!;
  }

  /** Replace the whole list (to reorder, pass the same rules in a new order). */
  setRules(rules: readonly OptimizerRule[]): void {
    this.ruleList = [...rules];
  }

  private indexOf(name: string): number {
    const i = this.ruleList.findIndex((r) => r.name === name);
    if (i < 0) throw new QuiverError('PLAN', `optimizer rule '${name}' not found${didYouMean(name, this.ruleList.map((r) => r.name))}`);
    return i;
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
