/**
 * Binary-kernel operands: an array or a scalar, seen uniformly as a value buffer read at index
 * `i * stride` (stride 0 for a scalar, so array–scalar loops need no materialized copy).
 */
import type { ScalarValue } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { andBitmaps, validityOf } from './validity.js';

/** Whether the operand is the NULL scalar (so every row of a strict operation is NULL). */
export function isNullScalar(v: ColumnarValue): boolean {
  return v.kind === 'scalar' && v.value.value === null;
}

/** The operand's validity as an offset-0 bitmap, or null when it has no nulls. */
export function operandValidity(v: ColumnarValue): Uint8Array | null {
  return v.kind === 'array' ? validityOf(v.data) : null;
}

/** Validity of a strict binary operation (NULL when either side is). */
export function binaryValidity(l: ColumnarValue, r: ColumnarValue, length: number): Uint8Array | null {
  return andBitmaps(operandValidity(l), operandValidity(r), length);
}

/** 0 for a scalar operand, 1 for an array. */
export function strideOf(v: ColumnarValue): 0 | 1 {
  return v.kind === 'array' ? 1 : 0;
}

/** The value buffer of an array operand, or `ofScalar(value)` (a one-element buffer) for a scalar. */
export function valuesOf<T>(v: ColumnarValue, ofScalar: (s: ScalarValue) => T): T {
  return v.kind === 'array' ? (v.data.values as T) : ofScalar(v.value);
}
