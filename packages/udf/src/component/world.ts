/**
 * The Component Model world `quiver:udf/udf-component` (docs/udf-abi.wit, docs/udf-abi.md §14) as
 * jco presents it to JavaScript: interface names, the `column` record with its `values` variant
 * (one typed array per case), the `failure` and `group-states` records, the optional
 * `aggregate-states` interface (two-phase aggregation), and which variant case carries each Quiver type.
 */
import { QuiverError, type DataType } from '@quiver/common';

/** The exported interface (any 1.x version). */
export const FUNCTIONS_INTERFACE = /^quiver:udf\/functions@1\.\d+\.\d+$/;
/** The optional exported interface of components whose aggregates merge partial states. */
export const STATES_INTERFACE = /^quiver:udf\/aggregate-states@1\.\d+\.\d+$/;

/** The one interface a component may import (jco keys imports without their version). */
export const LOGGING_INTERFACE = 'quiver:udf/logging';

export type WitValues =
  | { tag: 'boolean'; val: Uint8Array }
  | { tag: 'int8'; val: Int8Array }
  | { tag: 'int16'; val: Int16Array }
  | { tag: 'int32'; val: Int32Array }
  | { tag: 'int64'; val: BigInt64Array }
  | { tag: 'float32'; val: Float32Array }
  | { tag: 'float64'; val: Float64Array }
  | { tag: 'date32'; val: Int32Array }
  | { tag: 'timestamp'; val: BigInt64Array }
  | { tag: 'decimal128'; val: BigUint64Array }
  | { tag: 'utf8'; val: { offsets: Int32Array; bytes: Uint8Array } };

export type WitTag = WitValues['tag'];

export interface WitColumn {
  typeWord: number;
  length: number;
  validity: Uint8Array | null | undefined;
  values: WitValues;
}

export interface WitFailure {
  message: string;
  row: number;
}

/** Partial states, one per group: group g's bytes are `bytes[offsets[g]..offsets[g + 1]]`. */
export interface WitGroupStates {
  offsets: Int32Array;
  bytes: Uint8Array;
}

/** The guest's `aggregate-states` interface. */
export interface WitAggregateStates {
  aggregateState(handle: number, ngroups: number): WitGroupStates;
  aggregateMerge(handle: number, groupIds: Int32Array, ngroups: number, states: WitGroupStates): void;
}
export const STATES_FUNCTION_NAMES: ReadonlyArray<keyof WitAggregateStates> = ['aggregateState', 'aggregateMerge'];

/** The guest's exported functions (`quiver:udf/functions`). */
export interface WitFunctions {
  manifest(): string;
  scalar(entry: string, args: WitColumn[], nrows: number): WitColumn;
  aggregateOpen(entry: string): number;
  aggregateUpdate(handle: number, groupIds: Int32Array, ngroups: number, args: WitColumn[]): void;
  aggregateFinish(handle: number, ngroups: number): WitColumn;
}

export const FUNCTION_NAMES: ReadonlyArray<keyof WitFunctions> = ['manifest', 'scalar', 'aggregateOpen', 'aggregateUpdate', 'aggregateFinish'];

/** The `values` case for a Quiver type. */
export function witTag(t: DataType): WitTag {
  switch (t.kind) {
    case 'Boolean': return 'boolean';
    case 'Int8': return 'int8';
    case 'Int16': return 'int16';
    case 'Int32': return 'int32';
    case 'Int64': return 'int64';
    case 'Float32': return 'float32';
    case 'Float64': return 'float64';
    case 'Date32': return 'date32';
    case 'Timestamp': return 'timestamp';
    case 'Decimal128': return 'decimal128';
    case 'Utf8': return 'utf8';
    default: throw new QuiverError('INTERNAL', `no component layout for ${t.kind}`);
  }
}
