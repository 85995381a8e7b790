import { DataTypes } from '@quiver/common';
import { binary, col, lit, type Expr } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { exprEquals, isMovable, referencedColumns } from './expr-utils.js';
import { call, random, scan, u } from './test-fixtures.js';

describe('expression helpers', () => {
  it('compares expressions structurally, literals by type and value', () => {
    expect(exprEquals(binary(col('t.a'), '+', lit(1)), binary(col('t.a'), '+', lit(1)))).toBe(true);
    expect(exprEquals(binary(col('t.a'), '+', lit(1)), binary(col('t.a'), '-', lit(1)))).toBe(false);
    expect(exprEquals(lit(1), lit(1n))).toBe(false); // INTEGER vs BIGINT
    expect(exprEquals(col('t.a'), col('a'))).toBe(false);
  });

  it('collects the outer references made from inside subqueries as needed columns', () => {
    const outer: Expr = { kind: 'outerColumn', qualifier: 't', name: 'b', type: DataTypes.int32 };
    const sub = scan('u', u).filter(binary(col('u.x'), '=', outer)).build();
    const e = binary(col('t.a'), 'AND', { kind: 'exists', plan: sub, negated: false });
    expect(referencedColumns(e)).toEqual([col('t.a'), col('t.b')]);
  });

  it('treats volatile calls and subqueries as immovable', () => {
    expect(isMovable(binary(col('t.a'), '>', lit(1)))).toBe(true);
    expect(isMovable(binary(call(random), '>', lit(1)))).toBe(false);
    expect(isMovable({ kind: 'exists', plan: scan('u', u).build(), negated: false })).toBe(false);
  });
});
