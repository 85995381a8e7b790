import { DataTypes, makeConfig, Scalars } from '@quiver/common';
import { alias, and, binary, col, LateralSubquery, lit, planToString, type Expr, type LogicalPlan } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { Optimizer } from '../optimizer.js';
import { agg, scan, u, w } from '../test-fixtures.js';
import { DecorrelateSubqueries } from './decorrelate-subqueries.js';

const run = (b: { build(): LogicalPlan } | LogicalPlan) =>
  planToString(new Optimizer([new DecorrelateSubqueries()]).optimize('build' in b ? b.build() : b, makeConfig()));
const outer = (qualifier: string, name: string): Expr => ({ kind: 'outerColumn', qualifier, name, type: DataTypes.int32 });
const eq = (a: Expr, b: Expr) => binary(a, '=', b);
const gt = (a: Expr, b: Expr) => binary(a, '>', b);
const exists = (plan: LogicalPlan, negated = false): Expr => ({ kind: 'exists', plan, negated });
const inSub = (expr: Expr, plan: LogicalPlan, negated = false): Expr => ({ kind: 'inSubquery', expr, plan, negated });
const scalar = (plan: LogicalPlan): Expr => ({ kind: 'scalarSubquery', plan });

describe('DecorrelateSubqueries: EXISTS and IN', () => {
  it('turns a correlated EXISTS into a semi join keyed on the correlation equality', () => {
    const sub = scan('u', u).filter(and(eq(col('u.x'), outer('t', 'a')), gt(col('u.y'), lit(5)))).project([col('u.y')]).build();
    const plan = scan('t').filter(and(gt(col('t.b'), lit(0)), exists(sub)));
    expect(run(plan)).toBe(
      [
        'Filter: t.b > 0',
        '  Join: type=semi on=[t.a = u.x]',
        '    TableScan: t',
        '    Projection: u.y, u.x',
        '      Filter: u.y > 5',
        '        TableScan: u',
      ].join('\n'),
    );
  });

  it('turns NOT EXISTS with a non-equality correlation into an anti join with a join filter', () => {
    const sub = scan('u', u).filter(and(eq(col('u.x'), outer('t', 'a')), binary(col('u.y'), '<>', outer('t', 'b')))).build();
    expect(run(scan('t').filter({ kind: 'unary', op: 'NOT', expr: exists(sub) }))).toBe(
      ['Join: type=anti on=[t.a = u.x] filter=u.y <> t.b', '  TableScan: t', '  TableScan: u'].join('\n'),
    );
  });

  it('renames the subquery apart when it reads the same table as the outer query', () => {
    const sub = scan('t').filter(eq(col('t.a'), outer('t', 'b'))).build();
    expect(run(scan('t').filter(exists(sub)))).toBe(
      ['Join: type=semi on=[t.b = __sq_1.a]', '  TableScan: t', '  SubqueryAlias: __sq_1', '    TableScan: t'].join('\n'),
    );
  });

  it('turns IN into a semi join on the needle and the subquery column', () => {
    const sub = scan('u', u).project([col('u.x')]).build();
    expect(run(scan('t').filter(inSub(col('t.a'), sub)))).toBe(
      ['Join: type=semi on=[t.a = u.x]', '  TableScan: t', '  Projection: u.x', '    TableScan: u'].join('\n'),
    );
  });

  it('keeps NULL semantics of NOT IN over nullable columns with a not-false match condition', () => {
    const sub = scan('u', u).project([col('u.x')]).build();
    expect(run(scan('t').filter(inSub(col('t.a'), sub, true)))).toBe(
      [
        'Join: type=anti on=[] filter=((t.a = u.x) OR t.a IS NULL) OR u.x IS NULL',
        '  TableScan: t',
        '  Projection: u.x',
        '    TableScan: u',
      ].join('\n'),
    );
  });

  it('uses a plain anti join key for NOT IN over non-nullable columns', () => {
    const sub = scan('w2', w).project([col('w2.k')]).build();
    expect(run(scan('w1', w).filter(inSub(col('w1.q'), sub, true)))).toBe(
      ['Join: type=anti on=[w1.q = w2.k]', '  TableScan: w1', '  Projection: w2.k', '    TableScan: w2'].join('\n'),
    );
  });

  it('leaves an uncorrelated EXISTS under OR (it runs once) and correlation below an aggregate unchanged', () => {
    const uncorrelated = scan('u', u).filter(gt(col('u.x'), lit(1))).build();
    const ored = scan('t').filter(binary(exists(uncorrelated), 'OR', gt(col('t.b'), lit(0)))).build();
    expect(new DecorrelateSubqueries().rewrite(ored)).toBe(ored);
    const grouped = scan('u', u).filter(eq(col('u.x'), outer('t', 'a'))).aggregate([col('u.y')], []).build();
    const plan = scan('t').filter(exists(grouped)).build();
    expect(new DecorrelateSubqueries().rewrite(plan)).toBe(plan);
  });
});

describe('DecorrelateSubqueries: EXISTS and IN outside WHERE conjuncts (mark joins)', () => {
  it('turns a correlated EXISTS under OR into a leftMark join whose mark the filter reads', () => {
    const sub = scan('u', u).filter(and(eq(col('u.x'), outer('t', 'a')), binary(col('u.y'), '<>', outer('t', 'b')))).build();
    const plan = scan('t').filter(binary(exists(sub), 'OR', gt(col('t.b'), lit(0))));
    expect(run(plan)).toBe(
      [
        'Projection: t.a, t.b, t.c',
        '  Filter: __mark_1 OR (t.b > 0)',
        '    Join: type=leftMark on=[t.a = u.x] filter=u.y <> t.b',
        '      TableScan: t',
        '      TableScan: u',
      ].join('\n'),
    );
  });

  it('reads NOT EXISTS in a SELECT list as NOT of the mark', () => {
    const sub = scan('u', u).filter(eq(col('u.x'), outer('t', 'a'))).build();
    const plan = scan('t').project([col('t.a'), alias({ kind: 'unary', op: 'NOT', expr: exists(sub) }, 'none')]);
    expect(run(plan)).toBe(['Projection: t.a, NOT __mark_1 AS none', '  Join: type=leftMark on=[t.a = u.x]', '    TableScan: t', '    TableScan: u'].join('\n'));
  });

  it('turns IN over non-nullable columns into one mark join keyed on the needle', () => {
    const sub = scan('w2', w).filter(eq(col('w2.q'), outer('w1', 'q'))).project([col('w2.k')]).build();
    const plan = scan('w1', w).project([alias(inSub(col('w1.k'), sub), 'found')]);
    expect(run(plan)).toBe(
      ['Projection: __mark_1 AS found', '  Join: type=leftMark on=[w1.q = w2.q, w1.k = w2.k]', '    TableScan: w1', '    Projection: w2.k, w2.q', '      TableScan: w2'].join('\n'),
    );
  });

  it('gives NOT IN over nullable columns its three-valued result from three mark joins', () => {
    const sub = scan('u', u).filter(eq(col('u.y'), outer('t', 'b'))).project([col('u.x')]).build();
    const plan = scan('t').filter(binary(inSub(col('t.a'), sub, true), 'OR', gt(col('t.c'), lit(0))));
    const lines = run(plan).split('\n');
    expect(lines[1]).toBe('  Filter: NOT CASE WHEN __mark_1 THEN true WHEN (t.a IS NULL AND __mark_2) OR __mark_3 THEN CAST(NULL AS BOOLEAN) ELSE false END OR (t.c > 0)');
    expect(lines.filter((l) => l.includes('leftMark'))).toEqual([
      '    Join: type=leftMark on=[t.b = u.y] filter=u.x IS NULL',
      '      Join: type=leftMark on=[t.b = u.y]',
      '        Join: type=leftMark on=[t.b = u.y, t.a = u.x]',
    ]);
  });

  it('checks an uncorrelated IN subquery for NULLs once, with an EXISTS left in place', () => {
    const sub = scan('u', u).project([col('u.x')]).build();
    const lines = run(scan('w1', w).project([alias(inSub(col('w1.k'), sub), 'found')])).split('\n');
    expect(lines[0]).toBe('Projection: CASE WHEN __mark_1 THEN true WHEN EXISTS (<subquery>) THEN CAST(NULL AS BOOLEAN) ELSE false END AS found');
    expect(lines[1]).toBe('  Join: type=leftMark on=[w1.k = u.x]');
  });
});

describe('DecorrelateSubqueries: scalar subqueries', () => {
  it('cross joins an uncorrelated one-row aggregate and restores the filter output', () => {
    const sub = scan('u', u).aggregate([], [agg('max', col('u.x'))]).build();
    expect(run(scan('t').filter(gt(col('t.a'), scalar(sub))))).toBe(
      [
        'Projection: t.a, t.b, t.c',
        '  Filter: t.a > __sq_1."max(u.x)"',
        '    CrossJoin',
        '      TableScan: t',
        '      SubqueryAlias: __sq_1',
        '        Aggregate: groupBy=[], aggr=[max(u.x)]',
        '          TableScan: u',
      ].join('\n'),
    );
  });

  it('leaves an uncorrelated subquery that may return several rows', () => {
    const plan = scan('t').filter(gt(col('t.a'), scalar(scan('u', u).project([col('u.x')]).build()))).build();
    expect(new DecorrelateSubqueries().rewrite(plan)).toBe(plan);
  });

  it('left joins a correlated aggregate grouped by the correlation key (TPC-H Q17 shape)', () => {
    const fifth = lit(Scalars.decimal(2n, 2, 1));
    const sub = scan('u', u)
      .filter(eq(col('u.x'), outer('t', 'a')))
      .aggregate([], [agg('avg', col('u.y'))])
      .project([binary(fifth, '*', { kind: 'column', qualifier: null, name: 'avg(u.y)' })])
      .build();
    expect(run(scan('t').filter(binary(col('t.b'), '<', scalar(sub))))).toBe(
      [
        'Projection: t.a, t.b, t.c',
        `  Filter: t.b < __sq_1."0.2 * ""avg(u.y)"""`,
        '    Join: type=left on=[t.a = __sq_1.__key_1]',
        '      TableScan: t',
        '      SubqueryAlias: __sq_1',
        '        Projection: 0.2 * "avg(u.y)", __key_1',
        '          Aggregate: groupBy=[u.x AS __key_1], aggr=[avg(u.y)]',
        '            TableScan: u',
      ].join('\n'),
    );
  });

  it('replaces a scalar subquery in a projection, keeping the column name', () => {
    const sub = scan('u', u).filter(eq(col('u.x'), outer('t', 'a'))).aggregate([], [alias(agg('sum', col('u.y')), 's')]).build();
    expect(run(scan('t').project([col('t.a'), alias(scalar(sub), 'total')]))).toBe(
      [
        'Projection: t.a, __sq_1.s AS total',
        '  Join: type=left on=[t.a = __sq_1.__key_1]',
        '    TableScan: t',
        '    SubqueryAlias: __sq_1',
        '      Aggregate: groupBy=[u.x AS __key_1], aggr=[sum(u.y) AS s]',
        '        TableScan: u',
      ].join('\n'),
    );
  });

  it('leaves a correlated count, which yields 0 rather than NULL for no rows', () => {
    const sub = scan('u', u).filter(eq(col('u.x'), outer('t', 'a'))).aggregate([], [agg('count')]).build();
    const plan = scan('t').filter(gt(scalar(sub), lit(0))).build();
    expect(new DecorrelateSubqueries().rewrite(plan)).toBe(plan);
  });

  it('decorrelates nested subqueries inside-out', () => {
    const inner = scan('v').filter(eq(col('v.a'), outer('u', 'x'))).aggregate([], [agg('sum', col('v.b'))]).build();
    const middle = scan('u', u).filter(gt(col('u.y'), scalar(inner))).project([col('u.x')]).build();
    expect(run(scan('t').filter(inSub(col('t.a'), middle)))).toBe(
      [
        'Join: type=semi on=[t.a = u.x]',
        '  TableScan: t',
        '  Projection: u.x',
        '    Projection: u.x, u.y',
        '      Filter: u.y > __sq_1."sum(v.b)"',
        '        Join: type=left on=[u.x = __sq_1.__key_1]',
        '          TableScan: u',
        '          SubqueryAlias: __sq_1',
        '            Aggregate: groupBy=[v.a AS __key_1], aggr=[sum(v.b)]',
        '              TableScan: v',
      ].join('\n'),
    );
  });
});

describe('DecorrelateSubqueries: LATERAL subqueries', () => {
  const lateral = (sub: LogicalPlan, joinType: 'inner' | 'left' = 'inner', on: Expr | null = null): LogicalPlan => {
    const node = new LateralSubquery(scan('t').build(), sub, joinType, on);
    return { kind: 'extension', node, schema: node.schema };
  };

  it('joins on the correlated predicates: equalities as keys, others as the join filter', () => {
    const sub = scan('u', u).filter(and(eq(col('u.x'), outer('t', 'a')), gt(col('u.y'), outer('t', 'b')))).build();
    expect(run(lateral(sub))).toBe(['Join: type=inner on=[t.a = u.x] filter=u.y > t.b', '  TableScan: t', '  TableScan: u'].join('\n'));
  });

  it('cross joins an uncorrelated subquery', () => {
    const sub = scan('u', u).filter(gt(col('u.y'), lit(5))).build();
    expect(run(lateral(sub))).toBe(['CrossJoin', '  TableScan: t', '  Filter: u.y > 5', '    TableScan: u'].join('\n'));
  });

  it('adds the ON condition of LEFT JOIN LATERAL and keeps the output to the subquery’s aliased columns', () => {
    const sub = scan('u', u).filter(eq(col('u.x'), outer('t', 'a'))).project([col('u.y')]).alias('s').build();
    expect(run(lateral(sub, 'left', gt(col('s.y'), col('t.b'))))).toBe(
      [
        'Projection: t.a, t.b, t.c, s.y',
        '  Join: type=left on=[t.a = s.x] filter=s.y > t.b',
        '    TableScan: t',
        '    SubqueryAlias: s',
        '      Projection: u.y, u.x',
        '        TableScan: u',
      ].join('\n'),
    );
  });

  it('left joins a one-row aggregate correlated by equalities, grouped by its keys', () => {
    const sub = scan('u', u).filter(eq(col('u.x'), outer('t', 'a'))).aggregate([], [alias(agg('sum', col('u.y')), 's')]).build();
    expect(run(lateral(sub))).toBe(
      [
        'Projection: t.a, t.b, t.c, __sq_1.s',
        '  Join: type=left on=[t.a = __sq_1.__key_1]',
        '    TableScan: t',
        '    SubqueryAlias: __sq_1',
        '      Aggregate: groupBy=[u.x AS __key_1], aggr=[sum(u.y) AS s]',
        '        TableScan: u',
      ].join('\n'),
    );
  });

  it('rejects a subquery reading the outer row elsewhere than in its filters', () => {
    const sub = scan('u', u).project([binary(col('u.y'), '+', outer('t', 'a'))]).build();
    expect(() => run(lateral(sub))).toThrow(/a LATERAL subquery that reads the FROM items before it other than in its WHERE conditions/);
    const counted = scan('u', u).filter(eq(col('u.x'), outer('t', 'a'))).aggregate([], [alias(agg('count', col('u.y')), 'c')]).build();
    expect(() => run(lateral(counted))).toThrow(/a LATERAL subquery that reads the FROM items before it/);
  });
});
