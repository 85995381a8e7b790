/**
 * Validity bitmaps: LSB-first bit-packed masks as Arrow stores them (bit set = value present).
 *
 * Inputs follow apache-arrow's convention: a Data's `nullBitmap` is addressed from bit `data.offset`
 * and may be absent or empty when `nullCount` is 0. Outputs are always fresh, offset-0 bitmaps, or
 * null meaning "all valid".
 */
import type * as arrow from 'apache-arrow';

/** Bytes needed for `length` bits. */
export function bitmapBytes(length: number): number {
  return (length + 7) >> 3;
}

/** Whether bit `index` of `bitmap` is set. */
export function getBit(bitmap: Uint8Array, index: number): boolean {
  return (bitmap[index >> 3]! & (1 << (index & 7))) !== 0;
}

export function setBit(bitmap: Uint8Array, index: number): void {
  bitmap[index >> 3]! |= 1 << (index & 7);
}

export function clearBit(bitmap: Uint8Array, index: number): void {
  bitmap[index >> 3]! &= ~(1 << (index & 7));
}

/** Bits [offset, offset+length) of `bitmap` as a new offset-0 bitmap (a view when byte-aligned and `copy` is false). */
export function sliceBits(bitmap: Uint8Array, offset: number, length: number, copy = false): Uint8Array {
  const n = bitmapBytes(length);
  if ((offset & 7) === 0) {
    const start = offset >> 3;
    if (!copy) return bitmap.subarray(start, start + n);
    const out = new Uint8Array(n);
    out.set(bitmap.subarray(start, start + n));
    return out;
  }
  const out = new Uint8Array(n);
  const shift = offset & 7;
  const back = 8 - shift;
  let src = offset >> 3;
  for (let i = 0; i < n; i++, src++) {
    out[i] = ((bitmap[src]! >> shift) | ((bitmap[src + 1] ?? 0) << back)) & 0xff;
  }
  return out;
}

/** `data`'s validity as an offset-0 bitmap, or null when it has no nulls. The result may be a view: do not mutate. */
export function validityOf(data: arrow.Data): Uint8Array | null {
  if (data.nullCount === 0) return null;
  const bitmap = data.nullBitmap;
  if (!bitmap || bitmap.length === 0) return null;
  return sliceBits(bitmap, data.offset, data.length);
}

/** A bitmap of `length` set bits. */
export function allValid(length: number): Uint8Array {
  const out = new Uint8Array(bitmapBytes(length)).fill(0xff);
  const tail = length & 7;
  if (tail !== 0) out[out.length - 1] = (1 << tail) - 1;
  return out;
}

/** Number of set bits among the first `length` bits of an offset-0 bitmap. */
export function countSetBits(bitmap: Uint8Array, length: number): number {
  let count = 0;
  const full = length >> 3;
  for (let i = 0; i < full; i++) count += POPCOUNT[bitmap[i]!]!;
  const tail = length & 7;
  if (tail !== 0) count += POPCOUNT[bitmap[full]! & ((1 << tail) - 1)]!;
  return count;
}

/** Number of unset bits (nulls) among the first `length` bits; 0 for a null bitmap. */
export function countNulls(bitmap: Uint8Array | null, length: number): number {
  return bitmap === null ? 0 : length - countSetBits(bitmap, length);
}

/** The AND of two optional offset-0 bitmaps (null = all valid); a fresh array unless one side is null. */
export function andBitmaps(a: Uint8Array | null, b: Uint8Array | null, length: number): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const n = bitmapBytes(length);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! & b[i]!;
  return out;
}

/** The OR of two offset-0 bitmaps of `length` bits. */
export function orBitmaps(a: Uint8Array, b: Uint8Array, length: number): Uint8Array {
  const n = bitmapBytes(length);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! | b[i]!;
  return out;
}

/** Packs a byte-per-row mask (non-zero = set) into a bitmap. */
export function bitmapFromBytes(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(bitmapBytes(length));
  for (let i = 0; i < length; i++) if (bytes[i] !== 0) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

const POPCOUNT = (() => {
  const t = new Uint8Array(256);
  for (let i = 1; i < 256; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();
