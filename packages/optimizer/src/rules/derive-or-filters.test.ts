import { describe, expect, it } from 'vitest';
import { makeConfig } from '@quiver/common';
import { and, binary, col, lit, or, planToString, type Expr } from '@quiver/planner';
import { scan, u } from '../test-fixtures.js';
import { Optimizer } from '../optimizer.js';
import { DeriveOrFilters } from './derive-or-filters.js';

const eq = (a: Expr, b: Expr) => binary(a, '=', b);

describe('DeriveOrFilters', () => {
  it('adds, beside the disjunction, the filter it implies on each relation of every branch', () => {
    const plan = scan('t')
      .crossJoin(scan('u', u).build())
      .filter(or(and(eq(col('t.a'), lit(1)), eq(col('u.x'), lit(2))), and(eq(col('t.a'), lit(3)), eq(col('u.x'), lit(4)))))
      .build();
    const out = new DeriveOrFilters().rewrite(plan);
    expect(planToString(out).split('\n')[0]).toBe(
      'Filter: ((((t.a = 1) AND (u.x = 2)) OR ((t.a = 3) AND (u.x = 4))) AND ((t.a = 1) OR (t.a = 3))) AND ((u.x = 2) OR (u.x = 4))',
    );
  });

  it('derives nothing for a relation some branch does not constrain, or for a one-relation disjunction', () => {
    const rule = new DeriveOrFilters();
    const partial = scan('t').crossJoin(scan('u', u).build()).filter(or(and(eq(col('t.a'), lit(1)), eq(col('u.x'), lit(2))), eq(col('u.x'), lit(4)))).build();
    expect(planToString(rule.rewrite(partial)).split('\n')[0]).toBe('Filter: (((t.a = 1) AND (u.x = 2)) OR (u.x = 4)) AND ((u.x = 2) OR (u.x = 4))');
    const single = scan('t').filter(or(eq(col('t.a'), lit(1)), eq(col('t.b'), lit(2)))).build();
    expect(rule.rewrite(single)).toBe(single);
  });

  it('expands each disjunction once, so the default rules reach a fixed point with the derived filters pushed down', () => {
    const plan = scan('t')
      .crossJoin(scan('u', u).build())
      .filter(and(eq(col('t.b'), col('u.y')), or(and(eq(col('t.a'), lit(1)), eq(col('u.x'), lit(2))), and(eq(col('t.a'), lit(3)), eq(col('u.x'), lit(4))))))
      .build();
    const optimizer = new Optimizer();
    const out = optimizer.optimize(plan, makeConfig());
    expect(optimizer.optimize(out, makeConfig())).toBe(out);
    const text = planToString(out);
    expect(text).toContain('Filter: (t.a = 1) OR (t.a = 3)');
    expect(text).toContain('Filter: (u.x = 2) OR (u.x = 4)');
    expect(text).toContain('filter=((t.a = 1) AND (u.x = 2)) OR ((t.a = 3) AND (u.x = 4))');
  });
});
