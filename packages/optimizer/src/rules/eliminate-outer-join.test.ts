import { binary, col, lit, planToString, type Expr, type JoinType } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { abs, call, scan, u, w } from '../test-fixtures.js';
import { EliminateOuterJoin } from './eliminate-outer-join.js';

function joinTypeAfter(joinType: JoinType, predicate: Expr): string {
  const plan = scan('t').join(scan('u', u).build(), joinType, [[col('t.a'), col('u.x')]]).filter(predicate).build();
  const out = new EliminateOuterJoin().rewrite(plan);
  return /type=(\w+)/.exec(planToString(out))![1]!;
}

const isNull = (e: Expr): Expr => ({ kind: 'unary', op: 'IS NULL', expr: e });
const notNull = (e: Expr): Expr => ({ kind: 'unary', op: 'IS NOT NULL', expr: e });

describe('EliminateOuterJoin', () => {
  it('turns a left join into an inner join under a filter rejecting NULLs of the right side', () => {
    expect(joinTypeAfter('left', binary(col('u.y'), '>', lit(5)))).toBe('inner');
    expect(joinTypeAfter('left', binary(binary(col('u.y'), '+', lit(1)), '<', col('t.b')))).toBe('inner');
    expect(joinTypeAfter('left', notNull(col('u.y')))).toBe('inner');
    expect(joinTypeAfter('left', binary(binary(col('u.y'), '>', lit(5)), 'OR', binary(col('u.x'), '<', lit(0))))).toBe('inner');
  });

  it('keeps the left join when the filter can be TRUE for NULL-padded rows', () => {
    expect(joinTypeAfter('left', isNull(col('u.y')))).toBe('left');
    expect(joinTypeAfter('left', binary(col('t.b'), '>', lit(5)))).toBe('left');
    expect(joinTypeAfter('left', binary(binary(col('u.y'), '>', lit(5)), 'OR', binary(col('t.b'), '>', lit(0))))).toBe('left');
    expect(joinTypeAfter('left', binary(col('u.y'), 'IS DISTINCT FROM', lit(5)))).toBe('left');
    expect(joinTypeAfter('left', binary(call(abs, col('u.y')), '>', lit(5)))).toBe('left');
  });

  it('narrows right and full joins by the side whose NULLs are rejected', () => {
    expect(joinTypeAfter('right', binary(col('t.b'), '>', lit(5)))).toBe('inner');
    expect(joinTypeAfter('right', binary(col('u.y'), '>', lit(5)))).toBe('right');
    expect(joinTypeAfter('full', binary(col('t.b'), '>', lit(5)))).toBe('left');
    expect(joinTypeAfter('full', binary(col('u.y'), '>', lit(5)))).toBe('right');
    expect(joinTypeAfter('full', binary(binary(col('u.y'), '>', lit(5)), 'AND', binary(col('t.b'), '>', lit(5))))).toBe('inner');
  });

  it('returns the same plan when nothing changes and re-derives nullability when it does', () => {
    const kept = scan('t').join(scan('u', u).build(), 'left', [[col('t.a'), col('u.x')]]).filter(isNull(col('u.y'))).build();
    expect(new EliminateOuterJoin().rewrite(kept)).toBe(kept);
    const changed = scan('t').join(scan('w', w).build(), 'left', [[col('t.a'), col('w.k')]]).filter(binary(col('w.q'), '>', lit(1))).project([col('w.q')]).build();
    expect(changed.schema.field(0).nullable).toBe(true);
    const out = new EliminateOuterJoin().rewrite(changed);
    expect(planToString(out)).toContain('Join: type=inner');
    expect(out.schema.field(0).nullable).toBe(false);
  });
});
