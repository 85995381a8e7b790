/**
 * String concatenation `l || r` over UTF-8 bytes (NULL if either side is NULL, as in PostgreSQL).
 */
import type * as arrow from 'apache-arrow';
import type { ColumnarValue } from '@quiver/planner';
import { makeAllNull, makeUtf8 } from './builders.js';
import { binaryValidity, isNullScalar } from './operands.js';
import { getBit } from './validity.js';

const encoder = new TextEncoder();

function sideOf(v: ColumnarValue): { offsets: Int32Array; bytes: Uint8Array; stride: number } {
  if (v.kind === 'array') return { offsets: v.data.valueOffsets as Int32Array, bytes: v.data.values as Uint8Array, stride: 1 };
  const bytes = encoder.encode(v.value.value as string);
  return { offsets: Int32Array.of(0, bytes.length), bytes, stride: 0 };
}

export function concatStrings(l: ColumnarValue, r: ColumnarValue, length: number): arrow.Data {
  if (isNullScalar(l) || isNullScalar(r)) return makeAllNull({ kind: 'Utf8' }, length);
  const a = sideOf(l);
  const b = sideOf(r);
  const validity = binaryValidity(l, r, length);
  let total = 0;
  for (let i = 0; i < length; i++) {
    if (validity !== null && !getBit(validity, i)) continue;
    total += a.offsets[i * a.stride + 1]! - a.offsets[i * a.stride]! + b.offsets[i * b.stride + 1]! - b.offsets[i * b.stride]!;
  }
  const bytes = new Uint8Array(total);
  const offsets = new Int32Array(length + 1);
  let pos = 0;
  for (let i = 0; i < length; i++) {
    if (validity === null || getBit(validity, i)) {
      const as = a.offsets[i * a.stride]!;
      const ae = a.offsets[i * a.stride + 1]!;
      bytes.set(a.bytes.subarray(as, ae), pos);
      pos += ae - as;
      const bs = b.offsets[i * b.stride]!;
      const be = b.offsets[i * b.stride + 1]!;
      bytes.set(b.bytes.subarray(bs, be), pos);
      pos += be - bs;
    }
    offsets[i + 1] = pos;
  }
  return makeUtf8(length, offsets, bytes, validity);
}
