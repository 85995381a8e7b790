/**
 * What the planner needs to know about functions, and the calling convention executors use.
 *
 * Implementations live elsewhere (built-ins in `@quiver/exec`, WebAssembly UDFs in `@quiver/udf`);
 * the planner sees only these interfaces, reached through a `FunctionProvider`.
 */
import type * as arrow from 'apache-arrow';
import type { DataType, Field, ScalarValue } from '@quiver/common';
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
  /**
   * Two-phase aggregation, partial side: every group's state as columns of the function's
   * `stateTypes` (one row per group); the accumulator is finished afterwards.
   */
  state?(numGroups: number): arrow.Data[];
  /**
   * Two-phase aggregation, final side: fold partial states (columns as `state` produced them) into
   * groups, row i into group `groupIds[i]` (-1: skip the row).
   */
  merge?(states: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void;
}

/** The direction of one `ORDER BY` key inside an aggregate call (`string_agg(x, ',' ORDER BY y DESC)`). */
export interface AggregateOrdering {
  readonly asc: boolean;
  readonly nullsFirst: boolean;
}

export interface AggregateFunction extends FunctionSignature {
  readonly name: string;
  /**
   * Whether the result depends on the order rows arrive in (STRING_AGG, ARRAY_AGG). Only then is an
   * `ORDER BY` inside the call kept: its keys follow the arguments, one `ordering` entry per key.
   */
  readonly orderSensitive?: boolean;
  /** Positions of the arguments that must be constants (a percentile, a delimiter). */
  readonly constantArgs?: readonly number[];
  /**
   * The types of a partial state's columns, for functions whose (non-DISTINCT) accumulators
   * implement `state` and `merge`; without it the function is only aggregated in one phase.
   */
  stateTypes?(argTypes: readonly DataType[], returnType: DataType): DataType[];
  /** A fresh accumulator for the given (coerced) argument types (ORDER BY key types last). */
  createAccumulator(argTypes: readonly DataType[], returnType: DataType, distinct: boolean, ordering?: readonly AggregateOrdering[]): GroupsAccumulator;
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
 *
 * A table function that also implements `lateral` can take column arguments from the FROM items
 * before it (`FROM t, LATERAL split_words(t.text)`): it is then called once per input batch with
 * whole argument columns and says, for every row it produces, which input row that row belongs to.
 */
export interface TableFunction {
  readonly name: string;
  /** The table for these argument values; throw a PLAN or TYPE error naming the function for bad arguments. */
  call(args: readonly ScalarValue[]): TableSource;
  /** The batch-at-a-time form, needed for column (LATERAL) arguments. */
  readonly lateral?: LateralTableFunction;
}

/** Rows a table function produced for a batch of argument rows. */
export interface TableFunctionChunk {
  /** The output columns, `rowIndex.length` rows each (offset 0 not guaranteed). */
  readonly columns: readonly arrow.Data[];
  /** For every output row, the argument row (0..numRows-1) it came from; non-decreasing. */
  readonly rowIndex: Int32Array;
}

export interface LateralTableFunction {
  /** NULL in any argument: no rows for that input row, and the function does not see the row. */
  readonly strict?: boolean;
  /** The types the arguments are cast to; throws a TYPE error naming the function when none fit. */
  coerceArgs(argTypes: readonly DataType[]): DataType[];
  /** The output columns for (coerced) argument types. */
  outputFields(argTypes: readonly DataType[]): readonly Field[];
  /**
   * The rows for `numRows` argument rows, in chunks; a chunk's row indices continue where the
   * previous chunk's ended (non-decreasing across chunks too).
   */
  invoke(args: readonly ColumnarValue[], numRows: number): Iterable<TableFunctionChunk>;
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
