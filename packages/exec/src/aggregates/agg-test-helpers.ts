/**
 * Test helper for aggregate functions: runs a built-in aggregate over argument columns (given as JS
 * values of the coerced argument types) split into two batches, and returns each group's result.
 */
import type { DataType } from '@quiver/common';
import type { AggregateOrdering } from '@quiver/planner';
import { column, valuesOf } from '../test-helpers.js';
import { builtinAggregateFunctions } from './builtin.js';

const fns = new Map(builtinAggregateFunctions().map((f) => [f.name, f]));

export interface RunOptions {
  readonly distinct?: boolean;
  /** ORDER BY keys: their types and values follow the arguments'. */
  readonly ordering?: readonly AggregateOrdering[];
  readonly keyTypes?: readonly DataType[];
}

/** `name(args…)` per group; `argTypes` are the types as written, `args[k]` the values of argument k. */
export function runAggregate(name: string, argTypes: readonly DataType[], args: readonly (readonly unknown[])[], groups: readonly number[], options: RunOptions = {}): unknown[] {
  const f = fns.get(name);
  if (!f) throw new Error(`no aggregate ${name}`);
  const coerced = [...f.coerceArgs(argTypes), ...(options.keyTypes ?? [])];
  const acc = f.createAccumulator(coerced, f.returnType(coerced.slice(0, argTypes.length)), options.distinct ?? false, options.ordering ?? []);
  const numGroups = Math.max(0, ...groups) + 1;
  const mid = Math.floor(groups.length / 2);
  for (const [lo, hi] of [[0, mid], [mid, groups.length]] as const) {
    acc.update(args.map((values, k) => column(coerced[k]!, values.slice(lo, hi))), Int32Array.from(groups.slice(lo, hi)), numGroups);
  }
  return valuesOf(acc.evaluate(numGroups));
}
