/**
 * Window functions as the planner sees them: the frame of a window (ROWS / RANGE / GROUPS between two
 * bounds), the built-in ranking and value functions with their type rules (PostgreSQL's), and the
 * text EXPLAIN and output column names use for an `OVER (…)` clause. Aggregates (`sum(x) OVER …`)
 * are the registry's `AggregateFunction`s.
 */
import { DataTypes, QuiverError, typeToString, type DataType } from '@quiver/common';
import type { AggregateFunction, FunctionSignature } from './function.js';
import { commonType } from './type-rules.js';

export type FrameUnits = 'rows' | 'range' | 'groups';

/** One end of a frame; `offset` is a non-negative number of rows (ROWS), peer groups (GROUPS) or key distance (RANGE). */
export type FrameBound =
  | { readonly kind: 'unboundedPreceding' }
  | { readonly kind: 'preceding'; readonly offset: number }
  | { readonly kind: 'currentRow' }
  | { readonly kind: 'following'; readonly offset: number }
  | { readonly kind: 'unboundedFollowing' };

export interface WindowFrame {
  readonly units: FrameUnits;
  readonly start: FrameBound;
  readonly end: FrameBound;
}

/**
 * The frame a window without a frame clause has: with ORDER BY, the rows up to the current row and
 * its peers (RANGE UNBOUNDED PRECEDING); without, the whole partition.
 */
export function defaultFrame(hasOrderBy: boolean): WindowFrame {
  return hasOrderBy
    ? { units: 'range', start: { kind: 'unboundedPreceding' }, end: { kind: 'currentRow' } }
    : { units: 'rows', start: { kind: 'unboundedPreceding' }, end: { kind: 'unboundedFollowing' } };
}

export type BuiltinWindowName =
  | 'row_number'
  | 'rank'
  | 'dense_rank'
  | 'percent_rank'
  | 'cume_dist'
  | 'ntile'
  | 'lag'
  | 'lead'
  | 'first_value'
  | 'last_value'
  | 'nth_value';

/** A ranking or value window function (not an aggregate). */
export interface BuiltinWindowFunction extends FunctionSignature {
  readonly kind: 'builtinWindow';
  readonly name: BuiltinWindowName;
}

/** What a window expression computes: a built-in window function or an aggregate over the frame. */
export type WindowFunction = BuiltinWindowFunction | AggregateFunction;

export function isBuiltinWindow(f: WindowFunction): f is BuiltinWindowFunction {
  return (f as Partial<BuiltinWindowFunction>).kind === 'builtinWindow';
}

function arity(name: string, argTypes: readonly DataType[], min: number, max: number): void {
  if (argTypes.length < min || argTypes.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw new QuiverError('TYPE', `${name}() takes ${want} argument${max === 1 ? '' : 's'}, got ${argTypes.length}`);
  }
}

/** The type a count argument (ntile buckets, lag offset, nth_value position) is cast to. */
function countArg(name: string, t: DataType): DataType {
  if (t.kind === 'Null' || t.kind.startsWith('Int')) return DataTypes.int64;
  throw new QuiverError('TYPE', `${name}(): the count argument must be an integer, got ${typeToString(t)}`);
}

function builtin(name: BuiltinWindowName, coerce: (args: readonly DataType[]) => DataType[], result: (args: readonly DataType[]) => DataType): BuiltinWindowFunction {
  return { kind: 'builtinWindow', name, coerceArgs: coerce, returnType: result };
}

function ranking(name: BuiltinWindowName, result: DataType): BuiltinWindowFunction {
  return builtin(name, (args) => (arity(name, args, 0, 0), []), () => result);
}

/** lag/lead(value [, offset [, default]]): the default is coerced to the value's type (or both to their common type). */
function shift(name: 'lag' | 'lead'): BuiltinWindowFunction {
  return builtin(
    name,
    (args) => {
      arity(name, args, 1, 3);
      const value = args.length === 3 ? commonType(args[0]!, args[2]!) : args[0]!;
      if (value === null) throw new QuiverError('TYPE', `${name}(): the default ${typeToString(args[2]!)} does not match the value type ${typeToString(args[0]!)}`);
      return [value, ...(args.length > 1 ? [countArg(name, args[1]!)] : []), ...(args.length > 2 ? [value] : [])];
    },
    (args) => args[0]!,
  );
}

const BUILTINS: ReadonlyMap<string, BuiltinWindowFunction> = new Map(
  [
    ranking('row_number', DataTypes.int64),
    ranking('rank', DataTypes.int64),
    ranking('dense_rank', DataTypes.int64),
    ranking('percent_rank', DataTypes.float64),
    ranking('cume_dist', DataTypes.float64),
    builtin('ntile', (args) => (arity('ntile', args, 1, 1), [countArg('ntile', args[0]!)]), () => DataTypes.int64),
    shift('lag'),
    shift('lead'),
    builtin('first_value', (args) => (arity('first_value', args, 1, 1), [...args]), (args) => args[0]!),
    builtin('last_value', (args) => (arity('last_value', args, 1, 1), [...args]), (args) => args[0]!),
    builtin('nth_value', (args) => (arity('nth_value', args, 2, 2), [args[0]!, countArg('nth_value', args[1]!)]), (args) => args[0]!),
  ].map((f) => [f.name, f]),
);

/** The built-in window function `name` (lower case), if there is one. */
export function builtinWindowFunction(name: string): BuiltinWindowFunction | undefined {
  return BUILTINS.get(name);
}

/** The names of the built-in window functions, for "did you mean" suggestions. */
export function builtinWindowNames(): string[] {
  return [...BUILTINS.keys()];
}

/** Built-ins whose value is never NULL. */
export function windowResultNullable(f: WindowFunction): boolean {
  if (!isBuiltinWindow(f)) return f.name !== 'count';
  return !['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile'].includes(f.name);
}

function boundToString(b: FrameBound): string {
  switch (b.kind) {
    case 'unboundedPreceding':
      return 'UNBOUNDED PRECEDING';
    case 'preceding':
      return `${b.offset} PRECEDING`;
    case 'currentRow':
      return 'CURRENT ROW';
    case 'following':
      return `${b.offset} FOLLOWING`;
    case 'unboundedFollowing':
      return 'UNBOUNDED FOLLOWING';
  }
}

export function frameToString(f: WindowFrame): string {
  return `${f.units.toUpperCase()} BETWEEN ${boundToString(f.start)} AND ${boundToString(f.end)}`;
}
