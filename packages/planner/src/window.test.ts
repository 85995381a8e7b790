import { describe, expect, it } from 'vitest';
import { DataTypes, Field, Schema } from '@quiver/common';
import { col, exprToString, lit, type Expr } from './expr.js';
import { LogicalPlanBuilder } from './builder.js';
import { planToString } from './display.js';
import { exprChildren, withNewExprChildren } from './tree.js';
import { builtinWindowFunction, defaultFrame, frameToString, isBuiltinWindow, type WindowFunction } from './window.js';
import { exprType } from './type-of.js';
import { coercePlan } from './coerce.js';

const t = { schema: new Schema([new Field('g', DataTypes.utf8, true), new Field('x', DataTypes.int32, true), new Field('y', DataTypes.float64, true)]) };
const scan = () => LogicalPlanBuilder.scan('t', t);

function win(name: string, args: Expr[], orderBy = true): Expr {
  const func: WindowFunction = builtinWindowFunction(name)!;
  const order = orderBy ? [{ expr: col('t.x'), asc: true, nullsFirst: false }] : [];
  return { kind: 'window', func, args, partitionBy: [col('t.g')], orderBy: order, frame: defaultFrame(orderBy), distinct: false, filter: null };
}

describe('window functions in the planner', () => {
  it('type ranking functions as BIGINT or DOUBLE and value functions as their argument', () => {
    const s = scan().schema;
    expect(exprType(win('row_number', []), s)).toEqual(DataTypes.int64);
    expect(exprType(win('cume_dist', []), s)).toEqual(DataTypes.float64);
    expect(exprType(win('lag', [col('t.y'), lit(2)]), s)).toEqual(DataTypes.float64);
    expect(builtinWindowFunction('lag')!.coerceArgs([DataTypes.int32, DataTypes.int32, DataTypes.float64])).toEqual([DataTypes.float64, DataTypes.int64, DataTypes.float64]);
    expect(() => builtinWindowFunction('rank')!.coerceArgs([DataTypes.int32])).toThrow('rank() takes 0 arguments, got 1');
    expect(() => builtinWindowFunction('ntile')!.coerceArgs([DataTypes.utf8])).toThrow('the count argument must be an integer');
    expect(isBuiltinWindow(builtinWindowFunction('nth_value')!)).toBe(true);
  });

  it('default to RANGE UNBOUNDED PRECEDING … CURRENT ROW with ORDER BY, the whole partition without', () => {
    expect(frameToString(defaultFrame(true))).toBe('RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW');
    expect(frameToString(defaultFrame(false))).toBe('ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING');
  });

  it('a Window node outputs the input columns then one per expression, and displays them', () => {
    const plan = scan().window([win('rank', []), win('lead', [col('t.x')], false)]).build();
    expect(plan.schema.fields.map((f) => `${f.name}:${f.nullable}`)).toEqual([
      'g:true',
      'x:true',
      'y:true',
      'rank() OVER (PARTITION BY t.g ORDER BY t.x ASC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW):false',
      'lead(t.x) OVER (PARTITION BY t.g ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING):true',
    ]);
    expect(planToString(plan).split('\n')[0]).toMatch(/^WindowAggr: windowExpr=\[rank\(\) OVER \(PARTITION BY t\.g ORDER BY/);
    expect(() => scan().window([col('t.x')])).toThrow('a window node computes window function calls, not t.x');
    const count: WindowFunction = { name: 'count', coerceArgs: () => [], returnType: () => DataTypes.int64, createAccumulator: () => { throw new Error('not run'); } };
    const countAll: Expr = { ...win('rank', [], false), func: count };
    expect(exprToString(countAll)).toBe('count(*) OVER (PARTITION BY t.g ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)');
  });

  it('rewrites arguments, partition and order keys as children', () => {
    const w = win('lag', [col('t.x'), lit(1)]);
    expect(exprChildren(w).map(exprToString)).toEqual(['t.x', '1', 't.g', 't.x']);
    const replaced = withNewExprChildren(w, [col('t.y'), lit(2), col('t.x'), col('t.g')]);
    expect(exprToString(replaced)).toBe('lag(t.y, 2) OVER (PARTITION BY t.x ORDER BY t.g ASC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)');
  });

  it('coercion casts lag offsets to BIGINT and keeps the output names', () => {
    const plan = coercePlan(scan().window([win('lag', [col('t.x'), lit(1)])]).build());
    expect(planToString(plan).split('\n')[0]).toContain('lag(t.x, CAST(1 AS BIGINT)) OVER');
    expect(plan.schema.field(3).name).toBe('lag(t.x, 1) OVER (PARTITION BY t.g ORDER BY t.x ASC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)');
  });
});
