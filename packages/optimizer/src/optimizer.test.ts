import { makeConfig } from '@quiver/common';
import { binary, col, lit, planToString, type LogicalPlan } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { Optimizer } from './optimizer.js';
import type { OptimizerRule } from './rule.js';
import { scan } from './test-fixtures.js';

/** A rule that counts its calls and rewrites `limit` fetch down by one until it reaches 1. */
function countdown(): OptimizerRule & { calls: number } {
  return {
    name: 'countdown',
    calls: 0,
    rewrite(plan: LogicalPlan) {
      this.calls++;
      if (plan.kind === 'limit' && plan.fetch !== null && plan.fetch > 1) return { ...plan, fetch: plan.fetch - 1 };
      return plan;
    },
  };
}

describe('Optimizer', () => {
  const plan = scan('t').limit(0, 4).build();

  it('runs the rules until a pass changes nothing', () => {
    const rule = countdown();
    const out = new Optimizer([rule]).optimize(plan, makeConfig());
    expect(planToString(out)).toBe('Limit: skip=0, fetch=1\n  TableScan: t');
    expect(rule.calls).toBe(4); // 4→3, 3→2, 2→1, then a pass without change
  });

  it('stops after maxPasses', () => {
    const rule = countdown();
    const out = new Optimizer([rule], 2).optimize(plan, makeConfig());
    expect(out.kind === 'limit' && out.fetch).toBe(2);
    expect(rule.calls).toBe(2);
  });

  it('skips disabled rules', () => {
    const rule = countdown();
    const out = new Optimizer([rule]).optimize(plan, makeConfig({ disabledRules: new Set(['countdown']) }));
    expect(out).toBe(plan);
    expect(rule.calls).toBe(0);
  });

  it('applies the default rules end to end', () => {
    const p = scan('t').project([col('t.a'), col('t.b')]).filter(binary(col('a'), '>', binary(lit(1), '+', lit(2)))).project([col('b')]).build();
    expect(planToString(new Optimizer().optimize(p, makeConfig()))).toBe(
      [
        'Projection: b',
        '  Projection: t.b',
        '    Filter: t.a > 3',
        '      TableScan: t projection=[a, b] filters=[t.a > 3]',
      ].join('\n'),
    );
  });
});

describe('Optimizer on subqueries left in place', () => {
  it('optimizes the plans of subqueries that decorrelation did not turn into joins', () => {
    const sub = scan('u').filter(binary(col('u.a'), '>', binary(lit(1), '+', lit(1)))).build();
    const exists = { kind: 'exists', plan: sub, negated: false } as const;
    const plan = scan('t').filter(binary(exists, 'OR', binary(col('t.a'), '>', lit(0)))).build();
    const out = new Optimizer().optimize(plan, makeConfig());
    const filter = out.kind === 'filter' ? out : null;
    const kept = filter?.predicate.kind === 'binary' && filter.predicate.left.kind === 'exists' ? filter.predicate.left.plan : null;
    expect(kept && planToString(kept)).toBe('Filter: u.a > 2\n  TableScan: u filters=[u.a > 2]');
  });
});

describe('Optimizer rule list', () => {
  const named = (name: string): OptimizerRule => ({ name, rewrite: (p) => p });
  const names = (o: Optimizer) => o.rules.map((r) => r.name);

  it('adds rules at the end or before/after a named rule, removes and reorders them', () => {
    const o = new Optimizer([named('a'), named('b')]);
    o.addRule(named('z'));
    o.addRule(named('x'), { before: 'b' });
    o.addRule(named('y'), { after: 'b' });
    expect(names(o)).toEqual(['a', 'x', 'b', 'y', 'z']);
    expect(o.removeRule('x').name).toBe('x');
    o.setRules([...o.rules].reverse());
    expect(names(o)).toEqual(['z', 'y', 'b', 'a']);
  });

  it('names unknown and duplicate rules', () => {
    const o = new Optimizer();
    expect(() => o.removeRule('push-down-filtr')).toThrow("optimizer rule 'push-down-filtr' not found (did you mean 'push-down-filter' or 'push-down-limit'?)");
    expect(() => o.addRule(named('x'), { after: 'nope' })).toThrow("optimizer rule 'nope' not found");
    expect(() => o.addRule(named('push-down-filter'))).toThrow("optimizer rule 'push-down-filter' is already registered");
  });

  it('an added rule runs in the fixed-point loop with the others', () => {
    const o = new Optimizer([]);
    const rule = countdown();
    o.addRule(rule);
    expect(planToString(o.optimize(scan('t').limit(0, 3).build(), makeConfig()))).toBe('Limit: skip=0, fetch=1\n  TableScan: t');
  });
});
