/**
 * Test fixtures for the rule tests: schema-only tables and function stubs (never executed).
 */
import { DataTypes, Field, QuiverError, Schema, type DataType } from '@quiver/common';
import {
  joinSchema,
  LogicalPlanBuilder,
  type AggregateFunction,
  type Expr,
  type LogicalPlan,
  type ScalarFunction,
  type TableSource,
  type Volatility,
} from '@quiver/planner';

export function table(columns: Record<string, DataType>, nullable = true): TableSource {
  return { schema: new Schema(Object.entries(columns).map(([name, type]) => new Field(name, type, nullable))) };
}

/** t(a INT, b INT, c VARCHAR), u(x INT, y INT), v(a INT, b INT) — all nullable. */
export const t = table({ a: DataTypes.int32, b: DataTypes.int32, c: DataTypes.utf8 });
export const u = table({ x: DataTypes.int32, y: DataTypes.int32 });
export const v = table({ a: DataTypes.int32, b: DataTypes.int32 });
/** w(k INT NOT NULL, q INT NOT NULL). */
export const w = table({ k: DataTypes.int32, q: DataTypes.int32 }, false);

export function scan(name: string, source: TableSource = t): LogicalPlanBuilder {
  return LogicalPlanBuilder.scan(name, source);
}

function notExecuted(): never {
  throw new QuiverError('INTERNAL', 'test stub function was executed');
}

export function scalarFn(name: string, volatility: Volatility, returns: DataType = DataTypes.float64): ScalarFunction {
  return { name, volatility, coerceArgs: (ts) => [...ts], returnType: () => returns, invoke: notExecuted };
}

export function aggregateFn(name: string): AggregateFunction {
  return {
    name,
    coerceArgs: (ts) => [...ts],
    returnType: (ts) => (name === 'count' ? DataTypes.int64 : name === 'avg' ? DataTypes.float64 : ts[0] ?? DataTypes.int64),
    createAccumulator: notExecuted,
  };
}

const AGGREGATES = new Map(['sum', 'avg', 'min', 'max', 'count'].map((n) => [n, aggregateFn(n)]));

export function agg(name: 'sum' | 'avg' | 'min' | 'max' | 'count', ...args: Expr[]): Expr {
  return { kind: 'aggregate', func: AGGREGATES.get(name)!, args, distinct: false, filter: null };
}

export const random = scalarFn('random', 'volatile');
export const abs = scalarFn('abs', 'immutable', DataTypes.int32);

export function call(func: ScalarFunction, ...args: Expr[]): Expr {
  return { kind: 'scalarFunction', func, args };
}

/** `left` mark-joined with `right` on `on` (and `filter`): left's columns, then the Boolean mark `name`. */
export function markJoin(left: LogicalPlan, right: LogicalPlan, on: readonly (readonly [Expr, Expr])[], filter: Expr | null = null, name = '__mark_1'): LogicalPlan {
  const mark = new Field(name, DataTypes.boolean, false);
  return { kind: 'join', left, right, joinType: 'leftMark', on, filter, nullEqualsNull: false, schema: joinSchema(left.schema, right.schema, 'leftMark', mark) };
}
