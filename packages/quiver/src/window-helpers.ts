/**
 * The ranking and value window functions for the DataFrame API — `rowNumber()`, `rank()`, `lag(…)`,
 * … — each a call that only becomes an expression with `.over(spec)`, as in SQL a window function
 * needs OVER. Aggregates over a window are `sum(col('x')).over(spec)` (expr-helpers.ts).
 */
import { QuiverError } from '@quiver/common';
import { builtinWindowFunction, type BuiltinWindowName } from '@quiver/planner';
import { col, Expression, type AggregateArg, type ExprArg, type WindowSpec } from './expr-helpers.js';

/** A built-in window function call waiting for its window. */
export class WindowFunctionCall {
  constructor(
    private readonly name: BuiltinWindowName,
    private readonly args: readonly ExprArg[],
  ) {}

  /** The call computed over `spec`'s window: `rowNumber().over({ partitionBy: ['k'], orderBy: [col('v').desc()] })`. */
  over(spec: WindowSpec = {}): Expression {
    const func = builtinWindowFunction(this.name);
    if (func === undefined) throw new QuiverError('INTERNAL', `no built-in window function ${this.name}`);
    return Expression.window(func, this.args, spec);
  }
}

function valueArg(arg: AggregateArg): Expression {
  return typeof arg === 'string' ? col(arg) : arg;
}

/** 1, 2, 3, … in window order within each partition. */
export function rowNumber(): WindowFunctionCall {
  return new WindowFunctionCall('row_number', []);
}
/** The rank with gaps: peers (equal ORDER BY keys) share a rank. */
export function rank(): WindowFunctionCall {
  return new WindowFunctionCall('rank', []);
}
/** The rank without gaps. */
export function denseRank(): WindowFunctionCall {
  return new WindowFunctionCall('dense_rank', []);
}
/** (rank − 1) / (partition rows − 1), 0 for a single row. */
export function percentRank(): WindowFunctionCall {
  return new WindowFunctionCall('percent_rank', []);
}
/** The fraction of partition rows up to and including the current row's peers. */
export function cumeDist(): WindowFunctionCall {
  return new WindowFunctionCall('cume_dist', []);
}
/** The bucket 1…`buckets` of the row, the partition split as evenly as possible. */
export function ntile(buckets: ExprArg): WindowFunctionCall {
  return new WindowFunctionCall('ntile', [buckets]);
}
/** `value` `offset` rows before (default 1), or `defaultValue` (NULL) when there is no such row. */
export function lag(value: AggregateArg, offset?: ExprArg, defaultValue?: ExprArg): WindowFunctionCall {
  return new WindowFunctionCall('lag', shiftArgs(value, offset, defaultValue));
}
/** `value` `offset` rows after (default 1), or `defaultValue` (NULL) when there is no such row. */
export function lead(value: AggregateArg, offset?: ExprArg, defaultValue?: ExprArg): WindowFunctionCall {
  return new WindowFunctionCall('lead', shiftArgs(value, offset, defaultValue));
}
/** `value` at the first row of the frame. */
export function firstValue(value: AggregateArg): WindowFunctionCall {
  return new WindowFunctionCall('first_value', [valueArg(value)]);
}
/** `value` at the last row of the frame. */
export function lastValue(value: AggregateArg): WindowFunctionCall {
  return new WindowFunctionCall('last_value', [valueArg(value)]);
}
/** `value` at the `n`th row of the frame (1-based), NULL when the frame is shorter. */
export function nthValue(value: AggregateArg, n: ExprArg): WindowFunctionCall {
  return new WindowFunctionCall('nth_value', [valueArg(value), n]);
}

function shiftArgs(value: AggregateArg, offset: ExprArg | undefined, defaultValue: ExprArg | undefined): ExprArg[] {
  if (defaultValue !== undefined) return [valueArg(value), offset ?? 1, defaultValue];
  return offset === undefined ? [valueArg(value)] : [valueArg(value), offset];
}
