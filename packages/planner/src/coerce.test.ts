import { describe, expect, it } from 'vitest';
import { DataTypes, Scalars } from '@quiver/common';
import { LogicalPlanBuilder } from './builder.js';
import { coerceExpr, coercePlan } from './coerce.js';
import { binary, col, exprToString, lit, type Expr } from './expr.js';
import { planToString } from './display.js';
import { exprType } from './type-of.js';
import { binaryTyping, commonType } from './type-rules.js';
import { lineitem, orders, sumStub, upperStub } from './test-fixtures.js';

const schema = LogicalPlanBuilder.scan('orders', orders).schema;

describe('type rules', () => {
  it('types decimal arithmetic like PostgreSQL/DuckDB', () => {
    const d152 = DataTypes.decimal(15, 2);
    expect(binaryTyping('+', d152, d152).result).toEqual(DataTypes.decimal(16, 2));
    expect(binaryTyping('*', d152, d152).result).toEqual(DataTypes.decimal(30, 4));
    expect(binaryTyping('-', DataTypes.int32, d152).result).toEqual(DataTypes.decimal(16, 2));
    expect(binaryTyping('/', d152, d152).result).toEqual(DataTypes.float64);
  });

  it('keeps integer division integral and widens mixed integers', () => {
    expect(binaryTyping('/', DataTypes.int32, DataTypes.int32).result).toEqual(DataTypes.int32);
    expect(binaryTyping('+', DataTypes.int32, DataTypes.int64).result).toEqual(DataTypes.int64);
    expect(binaryTyping('*', DataTypes.int16, DataTypes.int8).result).toEqual(DataTypes.int32);
    expect(binaryTyping('+', DataTypes.int64, DataTypes.float32).result).toEqual(DataTypes.float64);
  });

  it('does date arithmetic', () => {
    expect(binaryTyping('+', DataTypes.date32, DataTypes.interval).result).toEqual(DataTypes.date32);
    expect(binaryTyping('-', DataTypes.date32, DataTypes.null)).toEqual({ left: DataTypes.date32, right: DataTypes.interval, result: DataTypes.date32 });
    const ts = DataTypes.timestamp('microsecond');
    expect(binaryTyping('+', DataTypes.interval, ts)).toEqual({ left: DataTypes.interval, right: ts, result: ts });
    expect(binaryTyping('-', DataTypes.date32, DataTypes.date32).result).toEqual(DataTypes.int32);
    expect(() => binaryTyping('*', DataTypes.date32, DataTypes.int32)).toThrow("cannot apply operator '*' to DATE and INTEGER");
  });

  it('finds common comparison types', () => {
    expect(commonType(DataTypes.utf8, DataTypes.date32)).toEqual(DataTypes.date32);
    expect(commonType(DataTypes.decimal(15, 2), DataTypes.int64)).toEqual(DataTypes.decimal(21, 2));
    expect(commonType(DataTypes.boolean, DataTypes.int32)).toBeNull();
    expect(commonType(DataTypes.list(DataTypes.int32), DataTypes.list(DataTypes.float64))).toEqual(DataTypes.list(DataTypes.float64));
    expect(commonType(DataTypes.list(DataTypes.null), DataTypes.list(DataTypes.utf8))).toEqual(DataTypes.list(DataTypes.utf8));
    expect(commonType(DataTypes.null, DataTypes.list(DataTypes.int32))).toEqual(DataTypes.list(DataTypes.int32));
    expect(commonType(DataTypes.utf8, DataTypes.list(DataTypes.int32))).toBeNull();
  });
});

describe('coercion pass', () => {
  it('casts a string compared with a date to a date', () => {
    const e = coerceExpr(binary(col('o_date'), '<', lit('1995-03-15')), schema);
    expect(exprToString(e)).toBe("o_date < CAST('1995-03-15' AS DATE)");
  });

  it('casts integer operands of decimal arithmetic to decimals', () => {
    const e = coerceExpr(binary(lit(1), '-', col('o_total')), schema);
    expect(exprToString(e)).toBe('CAST(1 AS DECIMAL(10,0)) - o_total');
    expect(exprType(e, schema)).toEqual(DataTypes.decimal(16, 2));
  });

  it('unifies CASE branches and IN lists', () => {
    const c: Expr = { kind: 'case', operand: null, whens: [{ when: binary(col('o_orderkey'), '>', lit(1)), then: lit(1) }], else: col('o_total') };
    expect(exprToString(coerceExpr(c, schema))).toBe('CASE WHEN o_orderkey > CAST(1 AS BIGINT) THEN CAST(1 AS DECIMAL(15,2)) ELSE o_total END');
    const inList: Expr = { kind: 'inList', expr: col('o_orderkey'), list: [lit(1), lit(Scalars.int64(2n))], negated: false };
    expect(exprToString(coerceExpr(inList, schema))).toBe('o_orderkey IN (CAST(1 AS BIGINT), 2)');
  });

  it('casts function arguments to what the function accepts', () => {
    const f: Expr = { kind: 'scalarFunction', func: upperStub, args: [col('o_orderkey')] };
    expect(exprToString(coerceExpr(f, schema))).toBe('upper(CAST(o_orderkey AS VARCHAR))');
  });

  it('rejects impossible comparisons', () => {
    expect(() => coerceExpr(binary(col('o_date'), '=', lit(true)), schema)).toThrow("cannot apply operator '=' to DATE and BOOLEAN");
  });

  it('coerces join keys to their common type', () => {
    const plan = LogicalPlanBuilder.scan('orders', orders)
      .join(LogicalPlanBuilder.scan('lineitem', lineitem).build(), 'inner', [[col('o_total'), col('l_orderkey')]])
      .build();
    expect(planToString(coercePlan(plan)).split('\n')[0]).toBe('Join: type=inner on=[CAST(o_total AS DECIMAL(21,2)) = CAST(l_orderkey AS DECIMAL(21,2))]');
  });

  it('keeps the output names of projected and aggregated expressions it changes', () => {
    const total: Expr = { kind: 'aggregate', func: sumStub, args: [binary(col('o_total'), '*', lit(2))], distinct: false, filter: null };
    const name = exprToString(total);
    const plan = LogicalPlanBuilder.scan('orders', orders)
      .aggregate([], [total])
      .project([{ kind: 'column', qualifier: null, name }])
      .build();
    const coerced = coercePlan(plan);
    expect(planToString(coerced).split('\n')[1]).toBe(`  Aggregate: groupBy=[], aggr=[sum(o_total * CAST(2 AS DECIMAL(10,0))) AS "${name}"]`);
    expect(coerced.schema.fields.map((f) => f.name)).toEqual([name]);
  });
});
