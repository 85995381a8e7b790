/**
 * The default rules on the shapes of TPC-H queries with subqueries, as the SQL planner builds them
 * (cross joins with WHERE predicates, correlated references as outer columns).
 */
import { DataTypes, makeConfig, Scalars } from '@quiver/common';
import { and, binary, cast, col, lit, planToString, type Expr, type LogicalPlan } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { Optimizer } from './optimizer.js';
import { agg, scan, table } from './test-fixtures.js';

const lineitem = table(
  {
    l_orderkey: DataTypes.int64,
    l_partkey: DataTypes.int64,
    l_suppkey: DataTypes.int64,
    l_quantity: DataTypes.decimal(15, 2),
    l_extendedprice: DataTypes.decimal(15, 2),
    l_commitdate: DataTypes.date32,
    l_receiptdate: DataTypes.date32,
  },
  false,
);
const orders = table({ o_orderkey: DataTypes.int64, o_orderdate: DataTypes.date32, o_orderpriority: DataTypes.utf8, o_totalprice: DataTypes.decimal(15, 2) }, false);
const part = table({ p_partkey: DataTypes.int64, p_brand: DataTypes.utf8, p_container: DataTypes.utf8 }, false);

const c = (name: string): Expr => ({ kind: 'column', qualifier: null, name });
const outer = (q: string, name: string): Expr => ({ kind: 'outerColumn', qualifier: q, name, type: DataTypes.int64 });
const eq = (a: Expr, b: Expr) => binary(a, '=', b);

function optimize(plan: LogicalPlan): string {
  const optimizer = new Optimizer();
  const out = optimizer.optimize(plan, makeConfig());
  expect(optimizer.optimize(out, makeConfig())).toBe(out); // a fixed point
  return planToString(out);
}

describe('default rules on TPC-H shapes', () => {
  it('Q17: correlated scalar subquery → join with a grouped aggregate (left, narrowed to inner by the filter)', () => {
    const sub = scan('lineitem', lineitem)
      .filter(eq(col('lineitem.l_partkey'), outer('part', 'p_partkey')))
      .aggregate([], [agg('avg', col('lineitem.l_quantity'))])
      .project([binary(lit(Scalars.decimal(2n, 2, 1)), '*', c('avg(lineitem.l_quantity)'))])
      .build();
    const plan = scan('lineitem', lineitem)
      .crossJoin(scan('part', part).build())
      .filter(
        and(
          eq(col('part.p_partkey'), col('lineitem.l_partkey')),
          eq(col('part.p_brand'), lit('Brand#23')),
          binary(col('lineitem.l_quantity'), '<', { kind: 'scalarSubquery', plan: sub }),
        ),
      )
      .aggregate([], [agg('sum', col('lineitem.l_extendedprice'))])
      .project([binary(c('sum(lineitem.l_extendedprice)'), '/', lit(7.0))])
      .build();
    expect(optimize(plan)).toBe(
      [
        'Projection: "sum(lineitem.l_extendedprice)" / 7',
        '  Aggregate: groupBy=[], aggr=[sum(lineitem.l_extendedprice)]',
        '    Projection: lineitem.l_extendedprice',
        // join-reorder: the filtered part and the per-part aggregate meet first, lineitem last; smaller inputs on the left (build) side.
        `      Join: type=inner on=[part.p_partkey = lineitem.l_partkey] filter=lineitem.l_quantity < __sq_1."0.2 * ""avg(lineitem.l_quantity)"""`,
        '        Join: type=inner on=[part.p_partkey = __sq_1.__key_1]',
        "          Filter: part.p_brand = 'Brand#23'",
        "            TableScan: part projection=[p_partkey, p_brand] filters=[part.p_brand = 'Brand#23']",
        '          SubqueryAlias: __sq_1',
        '            Projection: 0.2 * "avg(lineitem.l_quantity)", __key_1',
        '              Aggregate: groupBy=[lineitem.l_partkey AS __key_1], aggr=[avg(lineitem.l_quantity)]',
        '                TableScan: lineitem projection=[l_partkey, l_quantity]',
        '        TableScan: lineitem projection=[l_partkey, l_quantity, l_extendedprice]',
      ].join('\n'),
    );
  });

  it('Q4: correlated EXISTS → semi join, date arithmetic folded', () => {
    const sub = scan('lineitem', lineitem)
      .filter(and(eq(col('lineitem.l_orderkey'), outer('orders', 'o_orderkey')), binary(col('lineitem.l_commitdate'), '<', col('lineitem.l_receiptdate'))))
      .build();
    const start = cast(lit('1993-07-01'), DataTypes.date32);
    const end = binary(start, '+', lit(Scalars.interval({ months: 3, days: 0, nanos: 0n })));
    const plan = scan('orders', orders)
      .filter(
        and(
          binary(col('orders.o_orderdate'), '>=', start),
          binary(col('orders.o_orderdate'), '<', end),
          { kind: 'exists', plan: sub, negated: false },
        ),
      )
      .aggregate([col('orders.o_orderpriority')], [agg('count')])
      .build();
    expect(optimize(plan)).toBe(
      [
        'Aggregate: groupBy=[orders.o_orderpriority], aggr=[count(*)]',
        '  Join: type=semi on=[orders.o_orderkey = lineitem.l_orderkey]',
        "    Filter: (orders.o_orderdate >= DATE '1993-07-01') AND (orders.o_orderdate < DATE '1993-10-01')",
        "      TableScan: orders projection=[o_orderkey, o_orderdate, o_orderpriority] filters=[orders.o_orderdate >= DATE '1993-07-01', orders.o_orderdate < DATE '1993-10-01']",
        '    Filter: lineitem.l_commitdate < lineitem.l_receiptdate',
        '      TableScan: lineitem projection=[l_orderkey, l_commitdate, l_receiptdate] filters=[lineitem.l_commitdate < lineitem.l_receiptdate]',
      ].join('\n'),
    );
  });

  it('Q21: EXISTS and NOT EXISTS with a non-equality correlation → semi and anti joins with join filters', () => {
    const other = (alias: string, extra: Expr[]) =>
      scan('lineitem', lineitem)
        .alias(alias)
        .filter(and(eq(col(`${alias}.l_orderkey`), outer('l1', 'l_orderkey')), binary(col(`${alias}.l_suppkey`), '<>', outer('l1', 'l_suppkey')), ...extra))
        .build();
    const late = binary(col('l3.l_receiptdate'), '>', col('l3.l_commitdate'));
    const plan = scan('lineitem', lineitem)
      .alias('l1')
      .filter(
        and(
          binary(col('l1.l_receiptdate'), '>', col('l1.l_commitdate')),
          { kind: 'exists', plan: other('l2', []), negated: false },
          { kind: 'exists', plan: other('l3', [late]), negated: true },
        ),
      )
      .project([col('l1.l_suppkey')])
      .build();
    expect(optimize(plan)).toBe(
      [
        'Projection: l1.l_suppkey',
        '  Join: type=anti on=[l1.l_orderkey = l3.l_orderkey] filter=l3.l_suppkey <> l1.l_suppkey',
        '    Join: type=semi on=[l1.l_orderkey = l2.l_orderkey] filter=l2.l_suppkey <> l1.l_suppkey',
        '      SubqueryAlias: l1',
        '        Filter: lineitem.l_receiptdate > lineitem.l_commitdate',
        '          TableScan: lineitem projection=[l_orderkey, l_suppkey, l_commitdate, l_receiptdate] filters=[lineitem.l_receiptdate > lineitem.l_commitdate]',
        '      SubqueryAlias: l2',
        '        TableScan: lineitem projection=[l_orderkey, l_suppkey]',
        '    SubqueryAlias: l3',
        '      Filter: lineitem.l_receiptdate > lineitem.l_commitdate',
        '        TableScan: lineitem projection=[l_orderkey, l_suppkey, l_commitdate, l_receiptdate] filters=[lineitem.l_receiptdate > lineitem.l_commitdate]',
      ].join('\n'),
    );
  });

  it('Q18: uncorrelated IN over a grouped subquery with HAVING → semi join', () => {
    const big = scan('lineitem', lineitem)
      .aggregate([col('lineitem.l_orderkey')], [agg('sum', col('lineitem.l_quantity'))])
      .filter(binary(c('sum(lineitem.l_quantity)'), '>', lit(Scalars.decimal(300n, 3, 0))))
      .project([col('lineitem.l_orderkey')])
      .build();
    const plan = scan('orders', orders)
      .filter({ kind: 'inSubquery', expr: col('orders.o_orderkey'), plan: big, negated: false })
      .project([col('orders.o_orderkey'), col('orders.o_totalprice')])
      .build();
    expect(optimize(plan)).toBe(
      [
        'Join: type=semi on=[orders.o_orderkey = lineitem.l_orderkey]',
        '  TableScan: orders projection=[o_orderkey, o_totalprice]',
        '  Projection: lineitem.l_orderkey',
        '    Filter: "sum(lineitem.l_quantity)" > 300',
        '      Aggregate: groupBy=[lineitem.l_orderkey], aggr=[sum(lineitem.l_quantity)]',
        '        TableScan: lineitem projection=[l_orderkey, l_quantity]',
      ].join('\n'),
    );
  });
});
