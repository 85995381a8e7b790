/**
 * Boolean logic with SQL three-valued semantics, byte-at-a-time over bit-packed values:
 * AND (false wins over NULL), OR (true wins over NULL), NOT, and the never-NULL tests
 * IS [NOT] NULL, IS [NOT] TRUE, IS [NOT] FALSE.
 */
import type * as arrow from 'apache-arrow';
import type { ColumnarValue, UnaryOp } from '@quiver/planner';
import { makeBoolean } from './builders.js';
import { allValid, bitmapBytes, sliceBits, validityOf } from './validity.js';

interface Bits {
  /** Values, offset 0. */
  readonly values: Uint8Array;
  /** Validity, offset 0. */
  readonly valid: Uint8Array;
}

function bitsOf(v: ColumnarValue, length: number): Bits {
  if (v.kind === 'scalar') {
    const n = bitmapBytes(length);
    const x = v.value.value;
    return { values: new Uint8Array(n).fill(x === true ? 0xff : 0), valid: new Uint8Array(n).fill(x === null ? 0 : 0xff) };
  }
  const d = v.data;
  if (d.type.typeId === 1 /* Null */) {
    const n = bitmapBytes(length);
    return { values: new Uint8Array(n), valid: new Uint8Array(n) };
  }
  return { values: sliceBits(d.values as Uint8Array, d.offset, length), valid: validityOf(d) ?? allValid(length) };
}

/** Drops a validity bitmap that has no NULL among `length` bits. */
function compact(valid: Uint8Array, length: number): Uint8Array | null {
  const full = length >> 3;
  for (let i = 0; i < full; i++) if (valid[i] !== 0xff) return valid;
  const tail = length & 7;
  if (tail !== 0 && (valid[full]! & ((1 << tail) - 1)) !== (1 << tail) - 1) return valid;
  return null;
}

/** `l AND r`: false if either is false, else NULL if either is NULL, else true. */
export function and(l: ColumnarValue, r: ColumnarValue, length: number): arrow.Data {
  const a = bitsOf(l, length);
  const b = bitsOf(r, length);
  const n = bitmapBytes(length);
  const values = new Uint8Array(n);
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const av = a.valid[i]!;
    const bv = b.valid[i]!;
    const x = a.values[i]!;
    const y = b.values[i]!;
    values[i] = x & y & av & bv;
    valid[i] = (av & bv) | (av & ~x) | (bv & ~y);
  }
  return makeBoolean(length, values, compact(valid, length));
}

/** `l OR r`: true if either is true, else NULL if either is NULL, else false. */
export function or(l: ColumnarValue, r: ColumnarValue, length: number): arrow.Data {
  const a = bitsOf(l, length);
  const b = bitsOf(r, length);
  const n = bitmapBytes(length);
  const values = new Uint8Array(n);
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const av = a.valid[i]!;
    const bv = b.valid[i]!;
    const x = a.values[i]! & av;
    const y = b.values[i]! & bv;
    values[i] = x | y;
    valid[i] = (av & bv) | x | y;
  }
  return makeBoolean(length, values, compact(valid, length));
}

/** NOT v (NULL stays NULL). */
export function not(v: ColumnarValue, length: number): arrow.Data {
  const a = bitsOf(v, length);
  const n = bitmapBytes(length);
  const values = new Uint8Array(n);
  for (let i = 0; i < n; i++) values[i] = ~a.values[i]! & a.valid[i]!;
  return makeBoolean(length, values, compact(a.valid.slice(), length));
}

/** IS [NOT] NULL of a value of any type. */
export function isNull(v: ColumnarValue, length: number, negated: boolean): arrow.Data {
  const n = bitmapBytes(length);
  let valid: Uint8Array;
  if (v.kind === 'scalar') valid = new Uint8Array(n).fill(v.value.value === null ? 0 : 0xff);
  else if (v.data.type.typeId === 1 /* Null */) valid = new Uint8Array(n);
  else valid = validityOf(v.data) ?? allValid(length);
  const values = new Uint8Array(n);
  for (let i = 0; i < n; i++) values[i] = negated ? valid[i]! : ~valid[i]!;
  return makeBoolean(length, values, null);
}

/** IS [NOT] TRUE / IS [NOT] FALSE of a Boolean value: never NULL. */
export function isBoolean(op: Extract<UnaryOp, 'IS TRUE' | 'IS FALSE' | 'IS NOT TRUE' | 'IS NOT FALSE'>, v: ColumnarValue, length: number): arrow.Data {
  const a = bitsOf(v, length);
  const n = bitmapBytes(length);
  const values = new Uint8Array(n);
  const wantTrue = op === 'IS TRUE' || op === 'IS NOT TRUE';
  const negate = op === 'IS NOT TRUE' || op === 'IS NOT FALSE';
  for (let i = 0; i < n; i++) {
    const hit = (wantTrue ? a.values[i]! : ~a.values[i]!) & a.valid[i]!;
    values[i] = negate ? ~hit : hit;
  }
  return makeBoolean(length, values, null);
}

/** Whether a Boolean array has no NULLs and every value equals `value` (for AND/OR short-circuits). */
export function allEqual(data: arrow.Data, value: boolean): boolean {
  if (data.type.typeId === 1 /* Null */ || data.nullCount !== 0) return false;
  const n = data.length;
  const bits = sliceBits(data.values as Uint8Array, data.offset, n);
  const full = n >> 3;
  const want = value ? 0xff : 0;
  for (let i = 0; i < full; i++) if (bits[i] !== want) return false;
  const tail = n & 7;
  if (tail === 0) return true;
  const mask = (1 << tail) - 1;
  return (bits[full]! & mask) === (want & mask);
}
