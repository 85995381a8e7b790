import { makeConfig } from '@quiver/common';
import { alias, and, binary, col, exprToString, lit, planToString, type Expr } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { Optimizer } from '../optimizer.js';
import { agg, call, markJoin, random, scan, t, u } from '../test-fixtures.js';
import { PushDownFilter } from './push-down-filter.js';

const run = (b: { build(): import('@quiver/planner').LogicalPlan }) =>
  planToString(new Optimizer([new PushDownFilter()]).optimize(b.build(), makeConfig()));
const gt = (e: Expr, n: number) => binary(e, '>', lit(n));
const eq = (a: Expr, b: Expr) => binary(a, '=', b);

describe('PushDownFilter', () => {
  it('pushes below a projection, substituting aliases, and into the scan while keeping the filter', () => {
    const plan = scan('t').project([alias(binary(col('a'), '+', lit(1)), 'z'), col('b')]).filter(and(gt(col('z'), 5), gt(col('b'), 0)));
    expect(run(plan)).toBe(
      [
        'Projection: a + 1 AS z, b',
        '  Filter: ((a + 1) > 5) AND (b > 0)',
        '    TableScan: t filters=[(a + 1) > 5, b > 0]',
      ].join('\n'),
    );
  });

  it('splits a filter over an inner join into each side, equi keys and a residual join filter', () => {
    const plan = scan('t')
      .join(scan('u', u).build(), 'inner', [])
      .filter(and(gt(col('t.a'), 1), gt(col('u.y'), 2), eq(col('u.x'), col('t.b')), binary(col('t.a'), '<', col('u.y'))));
    expect(run(plan)).toBe(
      [
        'Join: type=inner on=[t.b = u.x] filter=t.a < u.y',
        '  Filter: t.a > 1',
        '    TableScan: t filters=[t.a > 1]',
        '  Filter: u.y > 2',
        '    TableScan: u filters=[u.y > 2]',
      ].join('\n'),
    );
  });

  it('turns a cross join with an equality predicate into an inner join', () => {
    const plan = scan('t').crossJoin(scan('u', u).build()).filter(and(eq(col('t.a'), col('u.x')), binary(col('t.b'), '<>', col('u.y'))));
    expect(run(plan)).toBe(
      ['Join: type=inner on=[t.a = u.x] filter=t.b <> u.y', '  TableScan: t', '  TableScan: u'].join('\n'),
    );
  });

  it('keeps a cross join with only non-equality predicates over both sides under the filter', () => {
    const plan = scan('t').crossJoin(scan('u', u).build()).filter(binary(col('t.b'), '<', col('u.y')));
    expect(run(plan)).toBe(['Filter: t.b < u.y', '  CrossJoin', '    TableScan: t', '    TableScan: u'].join('\n'));
  });

  it('pushes only into the preserved side of a left join', () => {
    const plan = scan('t')
      .join(scan('u', u).build(), 'left', [[col('t.a'), col('u.x')]])
      .filter(and(gt(col('t.b'), 1), gt(col('u.y'), 2)));
    expect(run(plan)).toBe(
      [
        'Filter: u.y > 2',
        '  Join: type=left on=[t.a = u.x]',
        '    Filter: t.b > 1',
        '      TableScan: t filters=[t.b > 1]',
        '    TableScan: u',
      ].join('\n'),
    );
  });

  it('pushes only into the preserved side of a right join and not at all through a full join', () => {
    const right = scan('t').join(scan('u', u).build(), 'right', [[col('t.a'), col('u.x')]]).filter(and(gt(col('t.b'), 1), gt(col('u.y'), 2)));
    expect(run(right)).toBe(
      [
        'Filter: t.b > 1',
        '  Join: type=right on=[t.a = u.x]',
        '    TableScan: t',
        '    Filter: u.y > 2',
        '      TableScan: u filters=[u.y > 2]',
      ].join('\n'),
    );
    const full = scan('t').join(scan('u', u).build(), 'full', [[col('t.a'), col('u.x')]]).filter(gt(col('t.b'), 1));
    expect(run(full)).toBe(['Filter: t.b > 1', '  Join: type=full on=[t.a = u.x]', '    TableScan: t', '    TableScan: u'].join('\n'));
  });

  it('moves ON predicates of a left join only into the null-supplying side, and equalities into keys', () => {
    const plan = scan('t').join(scan('u', u).build(), 'left', [], and(eq(col('t.a'), col('u.x')), gt(col('u.y'), 2), gt(col('t.b'), 1)));
    expect(run(plan)).toBe(
      [
        'Join: type=left on=[t.a = u.x] filter=t.b > 1',
        '  TableScan: t',
        '  Filter: u.y > 2',
        '    TableScan: u filters=[u.y > 2]',
      ].join('\n'),
    );
  });

  it('pushes below an aggregate only predicates on grouping columns', () => {
    const plan = scan('t').aggregate([col('a')], [agg('sum', col('b'))]).filter(and(gt(col('a'), 1), gt(col('sum(b)'), 10)));
    expect(run(plan)).toBe(
      [
        'Filter: "sum(b)" > 10',
        '  Aggregate: groupBy=[a], aggr=[sum(b)]',
        '    Filter: a > 1',
        '      TableScan: t filters=[a > 1]',
      ].join('\n'),
    );
  });

  it('never moves volatile predicates', () => {
    const plan = scan('t').project([col('a')]).filter(and(gt(call(random), 0.5), gt(col('a'), 1)));
    expect(run(plan)).toBe(
      ['Filter: random() > 0.5', '  Projection: a', '    Filter: a > 1', '      TableScan: t filters=[a > 1]'].join('\n'),
    );
  });

  it('does not push through a projection of a volatile expression', () => {
    const plan = scan('t').project([alias(call(random), 'r')]).filter(gt(col('r'), 0.5));
    expect(run(plan)).toBe(['Filter: r > 0.5', '  Projection: random() AS r', '    TableScan: t'].join('\n'));
  });

  it('renames columns through a subquery alias and pushes into every UNION ALL input', () => {
    const union = scan('t').project([col('t.a')]).union(scan('v').project([col('v.b')]).build()).alias('s').filter(gt(col('s.a'), 3));
    expect(run(union)).toBe(
      [
        'SubqueryAlias: s',
        '  Union',
        '    Projection: t.a',
        '      Filter: t.a > 3',
        '        TableScan: t filters=[t.a > 3]',
        '    Projection: v.b',
        '      Filter: v.b > 3',
        '        TableScan: v filters=[v.b > 3]',
      ].join('\n'),
    );
  });

  it('does not push below a sort with a fetch (a top-k) but does below a plain sort', () => {
    const key = [{ expr: col('t.a'), asc: true, nullsFirst: false }];
    expect(run(scan('t').sort(key, 5).filter(gt(col('t.a'), 1)))).toBe(
      ['Filter: t.a > 1', '  Sort: t.a ASC NULLS LAST fetch=5', '    TableScan: t'].join('\n'),
    );
    expect(run(scan('t').sort(key).filter(gt(col('t.a'), 1)))).toBe(
      ['Sort: t.a ASC NULLS LAST', '  Filter: t.a > 1', '    TableScan: t filters=[t.a > 1]'].join('\n'),
    );
  });

  it('merges stacked filters and reaches a fixed point', () => {
    const plan = scan('t').filter(gt(col('t.a'), 1)).filter(gt(col('t.b'), 2)).build();
    const rule = new PushDownFilter();
    const once = rule.rewrite(plan);
    expect(planToString(once)).toBe('Filter: (t.a > 1) AND (t.b > 2)\n  TableScan: t filters=[t.a > 1, t.b > 2]');
    expect(rule.rewrite(once)).toBe(once);
  });

  it('pushes left-side predicates below semi and anti joins but keeps subquery predicates in place', () => {
    const sub = scan('u', u).build();
    const exists: Expr = { kind: 'exists', plan: sub, negated: false };
    for (const joinType of ['semi', 'anti'] as const) {
      const plan = scan('t').join(sub, joinType, [[col('t.a'), col('u.x')]]).filter(and(gt(col('t.b'), 1), exists));
      expect(run(plan)).toBe(
        [
          'Filter: EXISTS (<subquery>)',
          `  Join: type=${joinType} on=[t.a = u.x]`,
          '    Filter: t.b > 1',
          '      TableScan: t filters=[t.b > 1]',
          '    TableScan: u',
        ].join('\n'),
      );
    }
  });

  it('keeps the predicate reading a mark join\'s mark above it, pushes left-side ones below and right-side ON ones into the right', () => {
    const join = markJoin(scan('t').build(), scan('u', u).build(), [[col('t.a'), col('u.x')]], and(gt(col('u.y'), 2), gt(col('t.b'), 3)));
    const plan = { build: () => ({ kind: 'filter', input: join, predicate: and(binary(col('__mark_1'), 'OR', gt(col('t.b'), 1)), gt(col('t.a'), 0)), schema: join.schema }) as const };
    expect(run(plan)).toBe(
      [
        'Filter: __mark_1 OR (t.b > 1)',
        '  Join: type=leftMark on=[t.a = u.x] filter=t.b > 3',
        '    Filter: t.a > 0',
        '      TableScan: t filters=[t.a > 0]',
        '    Filter: u.y > 2',
        '      TableScan: u filters=[u.y > 2]',
      ].join('\n'),
    );
  });

  it('asks the table how far it honours each pushed filter: exact ones leave the Filter, unsupported ones stay only above', () => {
    const asked: string[] = [];
    const source = {
      schema: t.schema,
      supportsFiltersPushdown: (filters: readonly Expr[]) =>
        filters.map((f) => {
          const text = exprToString(f);
          asked.push(text);
          return text.startsWith('t.a ') ? ('exact' as const) : text.startsWith('t.c ') ? ('unsupported' as const) : ('inexact' as const);
        }),
    };
    const plan = scan('t', source).filter(and(gt(col('t.a'), 1), gt(col('t.b'), 2), binary(col('t.c'), '=', lit('x'))));
    expect(run(plan)).toBe(["Filter: (t.b > 2) AND (t.c = 'x')", '  TableScan: t filters=[t.a > 1, t.b > 2]'].join('\n'));
    expect([...new Set(asked)]).toEqual(['t.a > 1', 't.b > 2', "t.c = 'x'"]); // unsupported ones are asked again each pass
    const allExact = { schema: t.schema, supportsFiltersPushdown: (fs: readonly Expr[]) => fs.map(() => 'exact' as const) };
    expect(run(scan('t', allExact).filter(gt(col('t.a'), 1)).project([col('t.b')]))).toBe(['Projection: t.b', '  TableScan: t filters=[t.a > 1]'].join('\n'));
  });
});
