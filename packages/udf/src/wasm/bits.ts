/**
 * Bitmap helpers for the host side of the ABI: offset-0 copies of Arrow bitmaps, their AND, and the
 * group ids a strict aggregate sees.
 */
import type * as arrow from 'apache-arrow';

export function bitmapBytes(length: number): number {
  return (length + 7) >> 3;
}

/** Bits [offset, offset+length) as an offset-0 bitmap (a view when byte-aligned). */
export function alignBits(bitmap: Uint8Array, offset: number, length: number): Uint8Array {
  const n = bitmapBytes(length);
  if ((offset & 7) === 0) return bitmap.subarray(offset >> 3, (offset >> 3) + n);
  const out = new Uint8Array(n);
  const shift = offset & 7;
  for (let i = 0, src = offset >> 3; i < n; i++, src++) out[i] = ((bitmap[src]! >> shift) | ((bitmap[src + 1] ?? 0) << (8 - shift))) & 0xff;
  return out;
}

/** The validity of `data` as an offset-0 bitmap, or null when it has no nulls (may be a view: do not mutate). */
export function validityBits(data: arrow.Data): Uint8Array | null {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return null;
  return alignBits(data.nullBitmap, data.offset, data.length);
}

/** `a AND b` as a new bitmap (null stands for all valid). */
export function andBits(a: Uint8Array | null, b: Uint8Array | null, length: number): Uint8Array | null {
  if (a === null) return b === null ? null : b.slice(0, bitmapBytes(length));
  if (b === null) return a.slice(0, bitmapBytes(length));
  const out = new Uint8Array(bitmapBytes(length));
  for (let i = 0; i < out.length; i++) out[i] = a[i]! & b[i]!;
  return out;
}

/** Number of clear bits among the first `length`. */
export function countNulls(bitmap: Uint8Array, length: number): number {
  let set = 0;
  const full = length >> 3;
  for (let i = 0; i < full; i++) {
    let b = bitmap[i]!;
    b = b - ((b >> 1) & 0x55);
    b = (b & 0x33) + ((b >> 2) & 0x33);
    set += (b + (b >> 4)) & 0x0f;
  }
  for (let i = full << 3; i < length; i++) set += (bitmap[i >> 3]! >> (i & 7)) & 1;
  return length - set;
}

/** `groupIds` with -1 (skip the row) where any of `args` is NULL, as a strict aggregate sees them; `groupIds` itself when no row is NULL. */
export function strictGroupIds(args: readonly arrow.Data[], groupIds: Int32Array): Int32Array {
  const n = groupIds.length;
  let valid: Uint8Array | null = null;
  for (const a of args) valid = andBits(valid, validityBits(a), n);
  if (valid === null) return groupIds;
  const ids = groupIds.slice();
  for (let i = 0; i < n; i++) if (((valid[i >> 3]! >> (i & 7)) & 1) === 0) ids[i] = -1;
  return ids;
}
