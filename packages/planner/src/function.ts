/**
 * What the planner needs to know about functions, and the calling convention executors use.
 *
 * Implementations live elsewhere (built-ins in `@quiver/exec`, WebAssembly UDFs in `@quiver/udf`);
 * the planner sees only these interfaces, reached through a `FunctionProvider`.
 */
import type * as arrow from 'apache-arrow';
import type { DataType, ScalarValue } from '@quiver/common';
import type { TableSource } from './table-source.js';

export type Volatility = 'immutable' | 'stable' | 'volatile';

/** An argument to a vectorized function call: a column of the batch, or one value for every row. */
export type ColumnarValue =
  | { readonly kind: 'array'; readonly data: arrow.Data }
  | { readonly kind: 'scalar'; readonly value: ScalarValue };

export interface FunctionSignature {
  /**
   * The types the arguments must be cast to before the call, given the argument types as written;
   * throws a TYPE error (naming the function) when no overload accepts them.
   */
  coerceArgs(argTypes: readonly DataType[]): DataType[];
  /** The result type for (already coerced) argument types. */
  returnType(argTypes: readonly DataType[]): DataType;
}

export interface ScalarFunction extends FunctionSignature {
  readonly name: string;
  readonly volatility: Volatility;
  /** Evaluate over a batch of `numRows` rows; returns an array of `numRows` values of `returnType`. */
  invoke(args: readonly ColumnarValue[], numRows: number, returnType: DataType): arrow.Data;
}

/**
 * Per-group state for one aggregate in a hash aggregation. Groups are dense indices 0..numGroups-1;
 * `update` is called once per input batch with the group index of every row.
 */
export interface GroupsAccumulator {
  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void;
  /** The final value of every group 0..numGroups-1, as one array. */
  evaluate(numGroups: number): arrow.Data;
  /** Bytes of state held, for memory accounting. */
  memoryBytes(): number;
}

export interface AggregateFunction extends FunctionSignature {
  readonly name: string;
  /** A fresh accumulator for the given (coerced) argument types. */
  createAccumulator(argTypes: readonly DataType[], returnType: DataType, distinct: boolean): GroupsAccumulator;
}

/** One function (one overload) as SHOW FUNCTIONS lists it; types are null when not fixed. */
export interface FunctionDescription {
  readonly name: string;
  readonly kind: 'scalar' | 'aggregate';
  readonly parameters: string | null;
  readonly returns: string | null;
  readonly volatility: Volatility | null;
}

/**
 * A function called in FROM (`FROM generate_series(1, 10)`): given its constant arguments, the
 * table it stands for. The table is scanned like any other (an executable `TableProvider`).
 */
export interface TableFunction {
  readonly name: string;
  /** The table for these argument values; throw a PLAN or TYPE error naming the function for bad arguments. */
  call(args: readonly ScalarValue[]): TableSource;
}

/** How SQL planning and type coercion look functions up; the session's function registry implements it. */
export interface FunctionProvider {
  scalarFunction(name: string): ScalarFunction | undefined;
  aggregateFunction(name: string): AggregateFunction | undefined;
  /** A table function by name, where the provider has them. */
  tableFunction?(name: string): TableFunction | undefined;
  /** All known function names, for "did you mean" suggestions. */
  functionNames(): Iterable<string>;
  /** Every function with its signature where fixed, for SHOW FUNCTIONS. */
  describeFunctions?(): readonly FunctionDescription[];
}
