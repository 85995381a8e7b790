import { DataTypes } from '@quiver/common';
import { and, binary, col, lit, planToString, type Expr } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { pullCorrelated } from './correlation.js';
import { scan, u } from './test-fixtures.js';

const outer = (name: string): Expr => ({ kind: 'outerColumn', qualifier: 't', name, type: DataTypes.int32 });

describe('pullCorrelated', () => {
  it('takes correlated conjuncts out of filters and widens projections to pass their columns on', () => {
    const sub = scan('u', u).filter(and(binary(col('u.x'), '=', outer('a')), binary(col('u.y'), '>', lit(1)))).project([col('u.y')]).build();
    const pulled = pullCorrelated(sub)!;
    expect(planToString(pulled.plan)).toBe('Projection: u.y, u.x\n  Filter: u.y > 1\n    TableScan: u');
    expect(pulled.predicates).toEqual([binary(col('u.x'), '=', outer('a'))]);
  });

  it('returns the plan itself when nothing is correlated', () => {
    const sub = scan('u', u).project([col('u.y')]).build();
    expect(pullCorrelated(sub)).toEqual({ plan: sub, predicates: [] });
  });

  it('gives up on outer references below other operators', () => {
    const sub = scan('u', u).filter(binary(col('u.x'), '=', outer('a'))).limit(0, 1).build();
    expect(pullCorrelated(sub)).toBeNull();
    const projected = scan('u', u).project([binary(col('u.x'), '+', outer('a'))]).build();
    expect(pullCorrelated(projected)).toBeNull();
  });
});
