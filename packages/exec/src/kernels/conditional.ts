/**
 * Row-wise choice between arrays: assembling a result from partial results computed on subsets of
 * rows (CASE), COALESCE (first non-NULL argument) and NULLIF (NULL where the arguments are equal).
 */
import * as arrow from 'apache-arrow';
import { toArrowType, type DataType } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { concatData } from '../selection/concat.js';
import { takeData } from '../selection/take.js';
import { makeAllNull } from './builders.js';
import { compare } from './compare.js';
import { toArray } from './scalar.js';
import { bitmapBytes, getBit, validityOf } from './validity.js';

/** Values computed for a subset of rows: `data` row k belongs to output row `rows[k]` (null: row k is row k). */
export interface PartialResult {
  readonly data: arrow.Data;
  readonly rows: Int32Array | null;
}

/** Assembles `length` rows from disjoint partial results; rows covered by none are NULL. */
export function mergePartials(type: DataType, parts: readonly PartialResult[], length: number): arrow.Data {
  if (parts.length === 0) return makeAllNull(type, length);
  if (parts.length === 1 && parts[0]!.rows === null) return parts[0]!.data;
  const index = new Int32Array(length).fill(-1);
  let base = 0;
  for (const p of parts) {
    if (p.rows === null) for (let k = 0; k < p.data.length; k++) index[k] = base + k;
    else for (let k = 0; k < p.rows.length; k++) index[p.rows[k]!] = base + k;
    base += p.data.length;
  }
  const all = concatData(toArrowType(type), parts.map((p) => p.data));
  return takeData(all, index);
}

/** COALESCE: per row, the first non-NULL argument (all of type `type`). */
export function coalesce(args: readonly ColumnarValue[], type: DataType, length: number): arrow.Data {
  const arrays: arrow.Data[] = [];
  for (const a of args) {
    if (a.kind === 'scalar') {
      if (a.value.value === null) continue;
      arrays.push(toArray(a, length));
      break; // a non-NULL scalar answers every remaining row
    }
    arrays.push(a.data);
    if (a.data.nullCount === 0) break;
  }
  if (arrays.length === 0) return makeAllNull(type, length);
  if (arrays.length === 1) return arrays[0]!;
  const valid = arrays.map((d) => (d.type.typeId === arrow.Type.Null ? new Uint8Array(bitmapBytes(length)) : validityOf(d)));
  const index = new Int32Array(length).fill(-1);
  for (let i = 0; i < length; i++) {
    for (let k = 0; k < arrays.length; k++) {
      const v = valid[k]!;
      if (v === null || getBit(v, i)) {
        index[i] = k * length + i;
        break;
      }
    }
  }
  return takeData(concatData(toArrowType(type), arrays), index);
}

/** NULLIF(a, b): NULL where a = b, else a. */
export function nullif(a: ColumnarValue, b: ColumnarValue, type: DataType, length: number): arrow.Data {
  const data = toArray(a, length);
  const eq = compare('=', a, b, type, length);
  const eqValid = validityOf(eq);
  const eqBits = eq.values as Uint8Array;
  const index = new Int32Array(length);
  let any = false;
  for (let i = 0; i < length; i++) {
    const equal = (eqValid === null || getBit(eqValid, i)) && getBit(eqBits, eq.offset + i);
    index[i] = equal ? -1 : i;
    any ||= equal;
  }
  return any ? takeData(data, index) : data;
}
