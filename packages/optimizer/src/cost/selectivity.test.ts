import { describe, expect, it } from 'vitest';
import { DataTypes, Scalars } from '@quiver/common';
import { and, binary, cast, col, lit, not, or, type Expr } from '@quiver/planner';
import { scan } from '../test-fixtures.js';
import { CardinalityEstimator } from './cardinality.js';
import { DEFAULT_SELECTIVITY, selectivity } from './selectivity.js';
import { statsTable } from './test-stats.js';

const t = statsTable(1000, {
  k: { ndv: 100, min: 1, max: 100, nulls: 0 },
  v: { ndv: 10, min: 0, max: 90, nulls: 200 },
  d: { type: DataTypes.date32, ndv: 365, min: 0, max: 364, nulls: 0 },
  s: { type: DataTypes.utf8 },
});
const plan = scan('t', t).build();
const input = new CardinalityEstimator().estimate(plan);
const sel = (e: Expr) => selectivity(e, plan.schema, input);
const k = col('t.k');

describe('selectivity', () => {
  it('equality is 1/NDV, 0 outside [min, max], and discounts NULLs', () => {
    expect(sel(binary(k, '=', lit(7)))).toBeCloseTo(0.01);
    expect(sel(binary(lit(7), '=', k))).toBeCloseTo(0.01);
    expect(sel(binary(k, '=', lit(500)))).toBe(0);
    expect(sel(binary(col('t.v'), '=', lit(30)))).toBeCloseTo(0.1 * 0.8);
    expect(sel(binary(k, '<>', lit(7)))).toBeCloseTo(0.99);
  });

  it('ranges interpolate between min and max over the distinct values', () => {
    expect(sel(binary(k, '<=', lit(50)))).toBeCloseTo(0.5, 2);
    expect(sel(binary(k, '<', lit(1)))).toBeCloseTo(0, 2);
    expect(sel(binary(k, '>', lit(100)))).toBeCloseTo(0, 2);
    expect(sel(binary(k, '>=', lit(91)))).toBeCloseTo(0.1, 2);
    expect(sel({ kind: 'between', expr: k, low: lit(11), high: lit(30), negated: false })).toBeCloseTo(0.2, 2);
    expect(sel({ kind: 'between', expr: k, low: lit(11), high: lit(30), negated: true })).toBeCloseTo(0.8, 2);
  });

  it('reads dates from DATE literals and casts of strings', () => {
    expect(sel(binary(col('t.d'), '<', lit({ type: DataTypes.date32, value: 73 })))).toBeCloseTo(0.2, 2);
    expect(sel(binary(col('t.d'), '>=', cast(lit('1970-07-20'), DataTypes.date32)))).toBeCloseTo(165 / 365, 2);
  });

  it('IN sums its equalities; IS NULL uses the null fraction', () => {
    expect(sel({ kind: 'inList', expr: k, list: [lit(1), lit(2), lit(3)], negated: false })).toBeCloseTo(0.03);
    expect(sel({ kind: 'inList', expr: k, list: [lit(1), lit(2), lit(3)], negated: true })).toBeCloseTo(0.97);
    expect(sel({ kind: 'unary', op: 'IS NULL', expr: col('t.v') })).toBeCloseTo(0.2);
    expect(sel({ kind: 'unary', op: 'IS NOT NULL', expr: col('t.v') })).toBeCloseTo(0.8);
  });

  it('combines with AND (product), OR (sum less overlap) and NOT (complement)', () => {
    const a = binary(k, '<=', lit(50));
    const b = binary(k, '=', lit(7));
    expect(sel(and(a, b))).toBeCloseTo(0.5 * 0.01, 3);
    expect(sel(or(a, b))).toBeCloseTo(0.5 + 0.01 - 0.005, 2);
    expect(sel(not(a))).toBeCloseTo(0.5, 2);
    expect(sel(lit(Scalars.boolean(true)))).toBe(1);
    expect(sel(lit(Scalars.boolean(false)))).toBe(0);
  });

  it('falls back to defaults without statistics; longer LIKE patterns select less', () => {
    expect(sel(binary(col('t.s'), '=', lit('x')))).toBe(DEFAULT_SELECTIVITY.equality);
    expect(sel(binary(col('t.s'), '<', lit('x')))).toBe(DEFAULT_SELECTIVITY.range);
    const like = (p: string, negated = false): Expr => ({ kind: 'like', expr: col('t.s'), pattern: lit(p), negated, caseInsensitive: false, escape: null });
    expect(sel(like('%ab%'))).toBe(DEFAULT_SELECTIVITY.like);
    expect(sel(like('%special%requests%'))).toBeLessThan(DEFAULT_SELECTIVITY.like);
    expect(sel(like('%ab%', true))).toBeCloseTo(1 - DEFAULT_SELECTIVITY.like);
    expect(sel(binary(k, '<', col('t.v')))).toBe(DEFAULT_SELECTIVITY.range);
  });
});
