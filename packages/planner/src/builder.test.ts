import { describe, expect, it } from 'vitest';
import { DataTypes, Scalars } from '@quiver/common';
import { LogicalPlanBuilder } from './builder.js';
import { binary, col, lit, type Expr } from './expr.js';
import { planToString } from './display.js';
import { lineitem, orders, sumStub } from './test-fixtures.js';

const sum = (e: Expr): Expr => ({ kind: 'aggregate', func: sumStub, args: [e], distinct: false, filter: null });

describe('LogicalPlanBuilder', () => {
  it('derives qualified schemas through scan, join, aggregate and projection', () => {
    const plan = LogicalPlanBuilder.scan('orders', orders)
      .join(LogicalPlanBuilder.scan('lineitem', lineitem).build(), 'inner', [[col('orders.o_orderkey'), col('lineitem.l_orderkey')]])
      .filter(binary(col('o_status'), '=', lit('F')))
      .aggregate([col('o_orderkey')], [sum(col('l_qty'))])
      .project([col('o_orderkey'), { kind: 'alias', expr: col('sum(l_qty)'), name: 'qty' }])
      .build();
    expect(plan.schema.toString()).toBe('[orders.o_orderkey:BIGINT, qty:DECIMAL(38,2)]');
    expect(planToString(plan)).toBe(
      [
        'Projection: o_orderkey, "sum(l_qty)" AS qty',
        '  Aggregate: groupBy=[o_orderkey], aggr=[sum(l_qty)]',
        "    Filter: o_status = 'F'",
        '      Join: type=inner on=[orders.o_orderkey = lineitem.l_orderkey]',
        '        TableScan: orders',
        '        TableScan: lineitem',
      ].join('\n'),
    );
  });

  it('gives a leftMark join the left columns and a non-null Boolean mark', () => {
    const joined = LogicalPlanBuilder.scan('o', orders).join(LogicalPlanBuilder.scan('l', lineitem).build(), 'leftMark', [[col('o.o_orderkey'), col('l.l_orderkey')]]);
    expect(joined.schema.fields.map((f) => [f.qualifiedName, f.type.kind, f.nullable])).toEqual([
      ['o.o_orderkey', 'Int64', true], ['o.o_total', 'Decimal128', true], ['o.o_date', 'Date32', true], ['o.o_status', 'Utf8', true], ['mark', 'Boolean', false],
    ]);
  });

  it('expands wildcards, qualified or not', () => {
    const joined = LogicalPlanBuilder.scan('o', orders).crossJoin(LogicalPlanBuilder.scan('l', lineitem).build());
    expect(joined.project([{ kind: 'wildcard', qualifier: 'l' }]).schema.fields.map((f) => f.qualifiedName)).toEqual(['l.l_orderkey', 'l.l_qty', 'l.l_tax']);
    expect(joined.project([{ kind: 'wildcard', qualifier: null }]).schema.length).toBe(7);
    expect(() => joined.project([{ kind: 'wildcard', qualifier: 'x' }])).toThrow("'x.*': no table named 'x' in FROM");
  });

  it('rejects unknown columns with a suggestion', () => {
    const scan = LogicalPlanBuilder.scan('orders', orders);
    expect(() => scan.filter(binary(col('o_totl'), '>', lit(1)))).toThrow("column 'o_totl' not found (did you mean 'o_total'?)");
    expect(() => scan.project([col('orders.nope')])).toThrow("column 'orders.nope' not found");
  });

  it('makes the outer side of a join nullable and drops the right side for semi joins', () => {
    const right = LogicalPlanBuilder.scan('lineitem', lineitem).build();
    const left = LogicalPlanBuilder.scan('orders', orders);
    const on: [Expr, Expr][] = [[col('o_orderkey'), col('l_orderkey')]];
    expect(left.join(right, 'left', on).schema.fields.every((f) => f.nullable)).toBe(true);
    expect(left.join(right, 'semi', on).schema.length).toBe(4);
  });

  it('types VALUES columns by their common type and rejects ragged rows', () => {
    const v = LogicalPlanBuilder.values([
      [lit(1), lit('a')],
      [lit(Scalars.int64(5n)), lit(null)],
    ]);
    expect(v.schema.toString()).toBe('[column1:BIGINT NOT NULL, column2:VARCHAR]');
    expect(() => LogicalPlanBuilder.values([[lit(1)], [lit(1), lit(2)]])).toThrow('VALUES rows must all have 1 values');
  });

  it('checks UNION arity and types', () => {
    const a = LogicalPlanBuilder.scan('orders', orders).project([col('o_orderkey')]);
    const b = LogicalPlanBuilder.scan('lineitem', lineitem).project([col('l_qty')]).build();
    expect(a.union(b).schema.field(0).type).toEqual(DataTypes.decimal(21, 2));
    const c = LogicalPlanBuilder.scan('lineitem', lineitem).project([col('l_qty'), col('l_tax')]).build();
    expect(() => a.union(c)).toThrow('each UNION query must have the same number of columns: 1 vs 2');
  });
});
