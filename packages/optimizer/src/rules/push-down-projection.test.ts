import { makeConfig } from '@quiver/common';
import { alias, binary, col, lit, planToString, type Expr, type LogicalPlan } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { Optimizer } from '../optimizer.js';
import { agg, markJoin, scan, u } from '../test-fixtures.js';
import { PushDownProjection } from './push-down-projection.js';

const run = (b: { build(): LogicalPlan }) => planToString(new Optimizer([new PushDownProjection()]).optimize(b.build(), makeConfig()));

describe('PushDownProjection', () => {
  it('prunes a mark join\'s inputs to the keys and the left columns read; the mark is the join\'s own', () => {
    const join = markJoin(scan('t').build(), scan('u', u).build(), [[col('t.b'), col('u.y')]]);
    const plan = { kind: 'projection', input: join, exprs: [col('t.a'), col('__mark_1')], schema: join.schema.project([0, 3]) } as const;
    expect(run({ build: () => plan })).toBe(
      ['Projection: t.a, __mark_1', '  Join: type=leftMark on=[t.b = u.y]', '    TableScan: t projection=[a, b]', '    TableScan: u projection=[y]'].join('\n'),
    );
  });

  it('reads only the columns used above the scan, through filters, sorts and limits', () => {
    const plan = scan('t')
      .filter(binary(col('t.b'), '>', lit(1)))
      .sort([{ expr: col('t.c'), asc: true, nullsFirst: false }])
      .limit(0, 10)
      .project([col('t.c')]);
    expect(run(plan)).toBe(
      [
        'Projection: t.c',
        '  Limit: skip=0, fetch=10',
        '    Sort: t.c ASC NULLS LAST',
        '      Filter: t.b > 1',
        '        TableScan: t projection=[b, c]',
      ].join('\n'),
    );
  });

  it('keeps the plan output unchanged at the root', () => {
    const plan = scan('t').filter(binary(col('t.b'), '>', lit(1))).build();
    expect(new PushDownProjection().rewrite(plan)).toBe(plan);
  });

  it('drops unused projected expressions and aggregates, keeping grouping columns', () => {
    const plan = scan('t')
      .aggregate([col('t.a')], [alias(agg('sum', col('t.b')), 's'), alias(agg('max', col('t.c')), 'm')])
      .project([col('s')]);
    expect(run(plan)).toBe(
      ['Projection: s', '  Aggregate: groupBy=[t.a], aggr=[sum(t.b) AS s]', '    TableScan: t projection=[a, b]'].join('\n'),
    );
  });

  it('keeps one column under count(*) so rows are still counted', () => {
    const plan = scan('t').project([col('t.b'), col('t.c')]).aggregate([], [agg('count')]);
    expect(run(plan)).toBe(
      ['Aggregate: groupBy=[], aggr=[count(*)]', '  Projection: t.b', '    TableScan: t projection=[b]'].join('\n'),
    );
  });

  it('splits the needed columns between join inputs, adding key and filter columns', () => {
    const plan = scan('t')
      .join(scan('u', u).build(), 'inner', [[col('t.a'), col('u.x')]], binary(col('t.b'), '<', col('u.y')))
      .project([col('t.c')]);
    expect(run(plan)).toBe(
      [
        'Projection: t.c',
        '  Join: type=inner on=[t.a = u.x] filter=t.b < u.y',
        '    TableScan: t',
        '    TableScan: u',
      ].join('\n'),
    );
    const semi = scan('t').join(scan('u', u).build(), 'semi', [[col('t.a'), col('u.x')]]).project([col('t.c')]);
    expect(run(semi)).toBe(
      ['Projection: t.c', '  Join: type=semi on=[t.a = u.x]', '    TableScan: t projection=[a, c]', '    TableScan: u projection=[x]'].join('\n'),
    );
  });

  it('prunes through subquery aliases and cross joins', () => {
    const plan = scan('t').alias('s').crossJoin(scan('u', u).build()).project([col('s.b'), col('u.y')]);
    expect(run(plan)).toBe(
      ['Projection: s.b, u.y', '  CrossJoin', '    SubqueryAlias: s', '      TableScan: t projection=[b]', '    TableScan: u projection=[y]'].join('\n'),
    );
  });

  it('projects UNION ALL inputs to the needed columns, by position', () => {
    const plan = scan('t').union(scan('v').build()).project([col('c')]);
    const v = scan('v').build();
    expect(v.schema.length).toBe(3);
    expect(run(plan)).toBe(
      [
        'Projection: c',
        '  Union',
        '    Projection: t.c',
        '      TableScan: t projection=[c]',
        '    Projection: v.c',
        '      TableScan: v projection=[c]',
      ].join('\n'),
    );
  });

  it('keeps every column under DISTINCT', () => {
    const plan = scan('t').project([col('t.a'), col('t.b')]).distinct().project([col('t.a')]);
    expect(run(plan)).toBe(
      ['Projection: t.a', '  Distinct', '    Projection: t.a, t.b', '      TableScan: t projection=[a, b]'].join('\n'),
    );
  });

  it('keeps the columns outer references of a subquery read', () => {
    const sub = scan('u', u).filter(binary(col('u.x'), '=', { kind: 'outerColumn', qualifier: 't', name: 'b', type: { kind: 'Int32' } } as Expr)).build();
    const plan = scan('t').filter({ kind: 'exists', plan: sub, negated: false }).project([col('t.c')]);
    expect(run(plan)).toBe(
      ['Projection: t.c', '  Filter: EXISTS (<subquery>)', '    TableScan: t projection=[b, c]'].join('\n'),
    );
  });
});
