import { DataTypes, makeConfig, Scalars } from '@quiver/common';
import { and, binary, cast, col, exprToString, lit, not, or, planToString, type Expr } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { Optimizer } from '../optimizer.js';
import { agg, call, random, scan, t } from '../test-fixtures.js';
import { SimplifyExpressions, simplifyExpr } from './simplify-expressions.js';

const schema = t.schema.withQualifier('t');
const s = (e: Expr) => exprToString(simplifyExpr(e, schema));
const dec = (v: bigint, p: number, sc: number) => lit(Scalars.decimal(v, p, sc));
const run = (b: ReturnType<typeof scan>) => planToString(new Optimizer([new SimplifyExpressions()]).optimize(b.build(), makeConfig()));

describe('constant folding', () => {
  it('folds integer arithmetic exactly, truncating division toward zero', () => {
    expect(s(binary(lit(7), '/', lit(-2)))).toBe('-3');
    expect(s(binary(lit(-7), '%', lit(2)))).toBe('-1');
    expect(s(binary(binary(lit(1), '+', lit(2)), '*', lit(4)))).toBe('12');
    expect(s(binary(lit(2n ** 62n), '+', lit(2n ** 62n - 1n)))).toBe('9223372036854775807');
  });

  it('folds division and modulo by zero to NULL', () => {
    expect(s(binary(lit(1), '/', lit(0)))).toBe('NULL');
    expect(s(binary(lit(1), '%', lit(0)))).toBe('NULL');
    expect(s(binary(lit(1.5), '/', lit(0)))).toBe('NULL');
  });

  it('leaves overflowing arithmetic to execution (which raises the error)', () => {
    expect(s(binary(lit(2147483647), '+', lit(1)))).toBe('2147483647 + 1');
    expect(s(binary(lit(2n ** 62n), '*', lit(2n)))).toBe('4611686018427387904 * 2');
  });

  it('folds decimal arithmetic exactly, with the result type of the type rules', () => {
    const sum = simplifyExpr(binary(dec(10n, 3, 2), '+', dec(2n, 2, 1)), schema); // 0.10 + 0.2
    expect(sum.kind === 'literal' && sum.value).toEqual({ type: DataTypes.decimal(4, 2), value: 30n });
    expect(s(binary(dec(15n, 3, 2), '*', dec(3n, 2, 1)))).toBe('0.045');
    expect(s(binary(lit(1), '-', dec(5n, 3, 2)))).toBe('0.95');
    expect(s(binary(dec(-725n, 5, 2), '%', dec(2n, 2, 0)))).toBe('-1.25');
  });

  it('folds comparisons with NULL to NULL and IS DISTINCT FROM to a boolean', () => {
    expect(s(binary(lit(1), '<', lit(2)))).toBe('true');
    expect(s(binary(lit('b'), '>=', lit('ab')))).toBe('true');
    expect(s(binary(lit(null), '=', lit(1)))).toBe('NULL');
    expect(s(binary(lit(null), 'IS DISTINCT FROM', lit(1)))).toBe('true');
    expect(s(binary(lit(null), 'IS NOT DISTINCT FROM', lit(null)))).toBe('true');
    expect(s(binary(dec(150n, 3, 2), '=', lit(1.5)))).toBe('true');
  });

  it('folds strict operators and BETWEEN over a NULL operand to NULL without evaluating the other side', () => {
    const overflowing = binary(binary(col('t.a'), '*', lit(2n ** 62n)), '*', lit(4));
    expect(s(binary(lit(null), '>', overflowing))).toBe('NULL');
    expect(s(binary(overflowing, '+', lit(null)))).toBe('NULL');
    expect(s({ kind: 'between', expr: lit(null), low: lit(46), high: overflowing, negated: true })).toBe('NULL');
    expect(s({ kind: 'between', expr: col('t.a'), low: lit(null), high: lit(5), negated: false })).toBe('t.a BETWEEN NULL AND 5');
  });

  it('folds AND/OR/NOT with three-valued logic', () => {
    expect(s(and(lit(null), lit(false)))).toBe('false');
    expect(s(and(lit(null), lit(true)))).toBe('NULL');
    expect(s(or(lit(null), lit(true)))).toBe('true');
    expect(s(or(lit(null), lit(false)))).toBe('NULL');
    expect(s(not(lit(null)))).toBe('NULL');
  });

  it('folds casts of literals, including text to date, decimal and integer', () => {
    expect(s(cast(lit('1995-03-15'), DataTypes.date32))).toBe("DATE '1995-03-15'");
    expect(s(cast(lit(' 12.345 '), DataTypes.decimal(5, 2)))).toBe('12.35');
    expect(s(cast(lit('-0.005'), DataTypes.decimal(5, 2)))).toBe('-0.01');
    expect(s(cast(lit(' 42 '), DataTypes.int64))).toBe('42');
    expect(s(cast(lit(7), DataTypes.decimal(4, 2)))).toBe('7.00');
    expect(s(cast(lit(null), DataTypes.int32))).toBe('NULL');
  });

  it('leaves casts that would fail to execution', () => {
    expect(s(cast(lit('1995-02-30'), DataTypes.date32))).toBe("CAST('1995-02-30' AS DATE)");
    expect(s(cast(lit('abc'), DataTypes.int32))).toBe("CAST('abc' AS INTEGER)");
    expect(s(cast(lit(300), DataTypes.int8))).toBe('CAST(300 AS TINYINT)');
    expect(s(cast(lit('123.4'), DataTypes.decimal(3, 1)))).toBe("CAST('123.4' AS DECIMAL(3,1))");
  });

  it('folds date plus or minus an interval, clamping to the end of the month', () => {
    const date = (text: string) => cast(lit(text), DataTypes.date32);
    const months = (m: number) => lit(Scalars.interval({ months: m, days: 0, nanos: 0n }));
    const days = (d: number) => lit(Scalars.interval({ months: 0, days: d, nanos: 0n }));
    expect(s(binary(date('1998-12-01'), '-', days(90)))).toBe("DATE '1998-09-02'");
    expect(s(binary(date('1995-01-31'), '+', months(1)))).toBe("DATE '1995-02-28'");
    expect(s(binary(date('1994-01-01'), '+', months(12)))).toBe("DATE '1995-01-01'");
    expect(s(binary(date('1996-03-31'), '-', months(1)))).toBe("DATE '1996-02-29'");
  });

  it('folds IN lists and BETWEEN over literals with NULL semantics', () => {
    expect(s({ kind: 'inList', expr: lit(2), list: [lit(1), lit(2)], negated: false })).toBe('true');
    expect(s({ kind: 'inList', expr: lit(3), list: [lit(1), lit(null)], negated: false })).toBe('NULL');
    expect(s({ kind: 'inList', expr: lit(3), list: [lit(1), lit(null)], negated: true })).toBe('NULL');
    expect(s({ kind: 'between', expr: lit(5), low: lit(1), high: lit(4), negated: true })).toBe('true');
  });

  it('does not fold function calls', () => {
    expect(s(call(random))).toBe('random()');
  });
});

describe('boolean simplification', () => {
  const p = binary(col('t.a'), '>', lit(1));
  it('drops TRUE from AND and FALSE from OR', () => {
    expect(s(and(p, lit(true)))).toBe('t.a > 1');
    expect(s(or(lit(false), p))).toBe('t.a > 1');
  });
  it('absorbs into FALSE for AND and TRUE for OR', () => {
    expect(s(and(p, lit(false)))).toBe('false');
    expect(s(or(p, lit(true)))).toBe('true');
  });
  it('keeps AND/OR with NULL, whose result depends on the other operand', () => {
    expect(s(and(p, lit(null)))).toBe('(t.a > 1) AND NULL');
    expect(s(or(p, lit(null)))).toBe('(t.a > 1) OR NULL');
  });
  it('removes double negation but keeps x = x', () => {
    expect(s(not(not(p)))).toBe('t.a > 1');
    expect(s(binary(col('t.a'), '=', col('t.a')))).toBe('t.a = t.a');
  });
  it('removes casts to the type an expression already has', () => {
    expect(s(cast(col('t.a'), DataTypes.int32))).toBe('t.a');
    expect(s(cast(col('t.a'), DataTypes.int64))).toBe('CAST(t.a AS BIGINT)');
  });
});

describe('SimplifyExpressions rule', () => {
  it('keeps output names of simplified projections and aggregates', () => {
    const plan = scan('t').aggregate([], [agg('sum', binary(col('a'), '+', binary(lit(1), '+', lit(1))))]).project([binary(lit(1), '+', lit(1))]);
    expect(run(plan)).toBe(
      ['Projection: 2 AS "1 + 1"', '  Aggregate: groupBy=[], aggr=[sum(a + 2) AS "sum(a + (1 + 1))"]', '    TableScan: t'].join('\n'),
    );
  });

  it('removes an always-true filter and empties an always-false one', () => {
    expect(run(scan('t').filter(binary(lit(1), '<', lit(2))))).toBe('TableScan: t');
    expect(run(scan('t').filter(and(binary(col('a'), '>', lit(1)), lit(null))))).toBe(
      'Filter: (a > 1) AND NULL\n  TableScan: t',
    );
    expect(run(scan('t').filter(binary(lit(null), '=', lit(1))))).toBe('EmptyRelation: rows=0');
  });

  it('simplifies join keys and filters', () => {
    const plan = scan('t').join(scan('u', t).build(), 'inner', [[col('t.a'), binary(col('u.a'), '+', binary(lit(1), '*', lit(0)))]], and(lit(true), binary(col('t.b'), '<', col('u.b'))));
    expect(run(plan)).toBe('Join: type=inner on=[t.a = u.a + 0] filter=t.b < u.b\n  TableScan: t\n  TableScan: u');
  });

  it('returns the same plan when nothing simplifies', () => {
    const plan = scan('t').filter(binary(col('a'), '=', col('a'))).build();
    expect(new SimplifyExpressions().rewrite(plan)).toBe(plan);
  });
});

describe('factoring conjuncts common to every OR branch', () => {
  const key = binary(col('t.a'), '=', col('t.b'));
  const p = (n: number) => binary(col('t.a'), '>', lit(n));
  it('pulls a repeated conjunct out of the OR (TPC-H Q19 shape)', () => {
    expect(s(or(and(key, p(1)), and(p(2), key), and(key, p(3))))).toBe('(t.a = t.b) AND (((t.a > 1) OR (t.a > 2)) OR (t.a > 3))');
  });
  it('drops the OR when a branch holds only common conjuncts', () => {
    expect(s(or(and(key, p(1)), key))).toBe('t.a = t.b');
  });
  it('leaves ORs without common conjuncts and never factors volatile ones', () => {
    expect(s(or(p(1), p(2)))).toBe('(t.a > 1) OR (t.a > 2)');
    const r = binary(call(random), '<', lit(0.5));
    expect(s(or(and(r, p(1)), and(r, p(2))))).toBe('((random() < 0.5) AND (t.a > 1)) OR ((random() < 0.5) AND (t.a > 2))');
  });
});
