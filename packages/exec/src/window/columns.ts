/**
 * Small column helpers for the window evaluators: reading Int64 and Float64 arguments as numbers per
 * row (no BigInt per value), and building Int64 / Float64 / Decimal128 result columns from numbers.
 */
import * as arrow from 'apache-arrow';
import { makeColumn } from '../selection/make-column.js';
import { bitmapFromBytes } from '../kernels/validity.js';

/** Whether row `i` of `data` is non-NULL. */
export function isValidAt(data: arrow.Data, i: number): boolean {
  if (data.nullCount === 0) return true;
  const bitmap = data.nullBitmap;
  if (!bitmap || bitmap.length === 0) return data.typeId !== arrow.Type.Null;
  const b = data.offset + i;
  return (bitmap[b >> 3]! & (1 << (b & 7))) !== 0;
}

/** An Int64 column's values as doubles (exact below 2^53; beyond, close enough for counts and offsets). */
export function int64Numbers(data: arrow.Data): Float64Array {
  const n = data.length;
  const out = new Float64Array(n);
  if (data.typeId === arrow.Type.Null) return out;
  const v = data.values as BigInt64Array;
  const words = new Int32Array(v.buffer, v.byteOffset, n * 2);
  for (let i = 0; i < n; i++) out[i] = words[2 * i + 1]! * 4294967296 + (words[2 * i]! >>> 0);
  return out;
}

/** An Int64 column of integral doubles (|x| < 2^53), NULL where `valid` is 0 (no validity: all present). */
export function int64Column(values: Float64Array, valid: Uint8Array | null): arrow.Data {
  const n = values.length;
  const words = new Int32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    words[2 * i] = x >>> 0;
    words[2 * i + 1] = Math.floor(x / 4294967296) | 0;
  }
  return makeColumn(new arrow.Int64(), n, { validity: valid && bitmapFromBytes(valid, n), values: new BigInt64Array(words.buffer) });
}

/** A Decimal128 column of unscaled integral doubles (|x| < 2^53). */
export function decimalColumn(type: arrow.DataType, values: Float64Array, valid: Uint8Array | null): arrow.Data {
  const n = values.length;
  const words = new Int32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    const sign = x < 0 ? -1 : 0;
    words[4 * i] = x >>> 0;
    words[4 * i + 1] = Math.floor(x / 4294967296) | 0;
    words[4 * i + 2] = sign;
    words[4 * i + 3] = sign;
  }
  return makeColumn(type, n, { validity: valid && bitmapFromBytes(valid, n), values: new Uint32Array(words.buffer) });
}

export function float64Column(values: Float64Array, valid: Uint8Array | null): arrow.Data {
  const n = values.length;
  return makeColumn(new arrow.Float64(), n, { validity: valid && bitmapFromBytes(valid, n), values });
}
