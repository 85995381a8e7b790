import { binary, col, lit, type JoinType } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { equiPair, onPushable, sideOf, wherePushable } from './join-sides.js';
import { scan, u } from './test-fixtures.js';

const left = scan('t').build().schema;
const right = scan('u', u).build().schema;

describe('join sides', () => {
  it('tells which inputs an expression reads', () => {
    expect(sideOf(col('t.a'), left, right)).toBe('left');
    expect(sideOf(col('y'), left, right)).toBe('right');
    expect(sideOf(binary(col('t.a'), '<', col('u.x')), left, right)).toBe('both');
    expect(sideOf(lit(1), left, right)).toBe('none');
  });

  it('orients equalities between the two sides as (left, right)', () => {
    expect(equiPair(binary(col('u.x'), '=', col('t.a')), left, right)).toEqual([col('t.a'), col('u.x')]);
    expect(equiPair(binary(col('u.x'), '<', col('t.a')), left, right)).toBeNull();
    expect(equiPair(binary(col('t.b'), '=', col('t.a')), left, right)).toBeNull();
  });

  it('allows WHERE predicates into preserved sides and ON predicates into null-supplying ones', () => {
    const table = (f: (j: JoinType, s: 'left' | 'right') => boolean) =>
      (['inner', 'left', 'right', 'full', 'semi', 'anti'] as const).map((j) => `${j}:${+f(j, 'left')}${+f(j, 'right')}`).join(' ');
    expect(table(wherePushable)).toBe('inner:11 left:10 right:01 full:00 semi:10 anti:10');
    expect(table(onPushable)).toBe('inner:11 left:01 right:10 full:00 semi:11 anti:01');
  });
});
