import { describe, expect, it } from 'vitest';
import { binary, col, lit, type LogicalPlan } from '@quiver/planner';
import { agg, scan, t as schemaOnly } from '../test-fixtures.js';
import { colRef } from '../expr-utils.js';
import { CardinalityEstimator, equiJoinRows, UNKNOWN_TABLE_ROWS } from './cardinality.js';
import { planWithEstimatesToString } from './explain-estimates.js';
import { statsTable } from './test-stats.js';

const orders = statsTable(150_000, { o_orderkey: { ndv: 150_000, min: 1, max: 600_000 }, o_custkey: { ndv: 10_000, min: 1, max: 15_000 }, o_status: { ndv: 3 } });
const customer = statsTable(15_000, { c_custkey: { ndv: 15_000, min: 1, max: 15_000 }, c_nation: { ndv: 25, min: 0, max: 24 } });
const rows = (p: LogicalPlan) => new CardinalityEstimator().estimate(p).rows;

describe('cardinality estimates', () => {
  it('scans report the source row count, or a default without statistics', () => {
    expect(rows(scan('orders', orders).build())).toBe(150_000);
    expect(rows(scan('t', schemaOnly).build())).toBe(UNKNOWN_TABLE_ROWS);
  });

  it('filters scale by selectivity and never go below one row', () => {
    expect(rows(scan('customer', customer).filter(binary(col('customer.c_nation'), '=', lit(3))).build())).toBeCloseTo(600);
    expect(rows(scan('customer', customer).filter(binary(col('customer.c_nation'), '=', lit(99))).build())).toBe(1);
  });

  it('equi-joins divide the product by the larger key NDV; composite keys count as one', () => {
    expect(equiJoinRows(150_000, 15_000, [[10_000, 15_000]])).toBe(150_000);
    expect(equiJoinRows(600, 80, [[20, 10], [30, 8]])).toBeCloseTo((600 * 80) / 600);
    const joined = scan('orders', orders)
      .join(scan('customer', customer).build(), 'inner', [[col('orders.o_custkey'), col('customer.c_custkey')]])
      .build();
    expect(rows(joined)).toBe(150_000);
    // A filtered dimension keeps its share of the fact rows: 600 customers (distinct keys) of the
    // 10 000 that orders reference, 15 orders each.
    const filtered = scan('orders', orders)
      .join(scan('customer', customer).filter(binary(col('customer.c_nation'), '=', lit(3))).build(), 'inner', [[col('orders.o_custkey'), col('customer.c_custkey')]])
      .build();
    expect(rows(filtered)).toBeCloseTo(9_000);
  });

  it('semi and anti joins keep a share of the left rows; outer joins at least the preserved side', () => {
    const on: [ReturnType<typeof col>, ReturnType<typeof col>][] = [[col('customer.c_custkey'), col('orders.o_custkey')]];
    const semi = scan('customer', customer).join(scan('orders', orders).build(), 'semi', on).build();
    const anti = scan('customer', customer).join(scan('orders', orders).build(), 'anti', on).build();
    expect(rows(semi)).toBeCloseTo(10_000);
    expect(rows(anti)).toBeCloseTo(5_000);
    const left = scan('customer', customer)
      .join(scan('orders', orders).filter(binary(col('orders.o_orderkey'), '=', lit(5))).build(), 'left', on)
      .build();
    expect(rows(left)).toBe(15_000);
  });

  it('aggregates produce one row per combination of group-key values, capped by the input', () => {
    expect(rows(scan('orders', orders).aggregate([col('orders.o_status')], [agg('count')]).build())).toBe(3);
    expect(rows(scan('orders', orders).aggregate([col('orders.o_status'), col('orders.o_custkey')], [agg('count')]).build())).toBe(30_000);
    expect(rows(scan('orders', orders).aggregate([], [agg('count')]).build())).toBe(1);
    expect(rows(scan('orders', orders).limit(0, 10).build())).toBe(10);
  });

  it('HAVING on an aggregate is estimated from its argument range: min/max/avg keep it, a sum scales it by the rows per group', () => {
    // 15 orders per customer, order keys in [1, 600 000]: a customer's key sum is about 15 × that range.
    const perCustomer = (name: 'sum' | 'max') => scan('orders', orders).aggregate([col('orders.o_custkey')], [agg(name, col('orders.o_orderkey'))]);
    const having = (name: 'sum' | 'max', over: number) => rows(perCustomer(name).filter(binary(colRef(null, `${name}(orders.o_orderkey)`), '>', lit(over))).build());
    expect(having('max', 300_000)).toBeCloseTo(5_000, -2);
    expect(having('max', 700_000)).toBe(1);
    expect(having('sum', 700_000)).toBeCloseTo(9_230, -2);
    expect(having('sum', 10_000_000)).toBe(1);
  });

  it('EXPLAIN text carries rows and cumulative cost per node', () => {
    const plan = scan('customer', customer).filter(binary(col('customer.c_nation'), '=', lit(3))).build();
    expect(planWithEstimatesToString(plan)).toBe(
      ['Filter: customer.c_nation = 3 [rows=600 cost=30.0K]', '  TableScan: customer [rows=15.0K cost=15.0K]'].join('\n'),
    );
  });
});
