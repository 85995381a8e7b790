/**
 * Word-level access to 64-bit integers (Int64, Timestamp) and Decimal128 values, so kernels can take
 * an exact float64 fast path while magnitudes stay below 2^53 and fall back to BigInt otherwise.
 *
 * Int64 values are read through an Int32Array view of the BigInt64Array (low word, high word);
 * Decimal128 values are 4 little-endian uint32 words of a two's-complement 128-bit integer.
 */
import { QuiverError } from '@quiver/common';

export const TWO_32 = 4294967296;
export const SAFE_LIMIT = 9007199254740992; // 2^53

/** Int32 word view over a BigInt64Array (2 words per value). */
export function int64Words(values: BigInt64Array): Int32Array {
  return new Int32Array(values.buffer, values.byteOffset, values.length * 2);
}

/** Value `i` of an Int64 word view as a number when |v| < 2^53, else NaN. */
export function int64AsNumber(words: Int32Array, i: number): number {
  const hi = words[2 * i + 1]!;
  if (hi >= 2097152 || hi < -2097152) return NaN;
  return hi * TWO_32 + (words[2 * i]! >>> 0);
}

/** Stores an integral number with |r| < 2^63 into an Int64 word view (exact when |r| ≤ 2^53). */
export function setInt64FromNumber(words: Int32Array, i: number, r: number): void {
  const hi = Math.floor(r / TWO_32);
  words[2 * i] = r - hi * TWO_32;
  words[2 * i + 1] = hi;
}

/** Decimal value `i` as a number when |v| ≤ 2^53, else NaN. */
export function decimalAsNumber(words: Uint32Array, i: number): number {
  const b = 4 * i;
  const w1 = words[b + 1]!;
  const w2 = words[b + 2]!;
  const w3 = words[b + 3]!;
  if ((w2 | w3) === 0 && w1 < 2097152) return w1 * TWO_32 + words[b]!;
  if (w2 === 0xffffffff && w3 === 0xffffffff && w1 >= 0xffe00000) return (w1 - TWO_32) * TWO_32 + words[b]!;
  return NaN;
}

/** Stores an integral number with |r| ≤ 2^53 as decimal value `i`. */
export function setDecimalFromNumber(words: Uint32Array, i: number, r: number): void {
  const b = 4 * i;
  const hi = Math.floor(r / TWO_32);
  words[b] = r - hi * TWO_32;
  words[b + 1] = hi; // stored modulo 2^32
  const sign = r < 0 ? -1 : 0;
  words[b + 2] = sign;
  words[b + 3] = sign;
}

const MASK32 = 0xffffffffn;

/** Decimal value `i` as an exact bigint. */
export function decimalAsBigInt(words: Uint32Array, i: number): bigint {
  const b = 4 * i;
  const u =
    (BigInt(words[b + 3]!) << 96n) | (BigInt(words[b + 2]!) << 64n) | (BigInt(words[b + 1]!) << 32n) | BigInt(words[b]!);
  return BigInt.asIntN(128, u);
}

/** Stores a bigint (which must fit 128 bits) as decimal value `i`. */
export function setDecimalFromBigInt(words: Uint32Array, i: number, v: bigint): void {
  const b = 4 * i;
  const u = BigInt.asUintN(128, v);
  words[b] = Number(u & MASK32);
  words[b + 1] = Number((u >> 32n) & MASK32);
  words[b + 2] = Number((u >> 64n) & MASK32);
  words[b + 3] = Number(u >> 96n);
}

/** Exact powers of ten as numbers (10^0..10^22). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** Powers of ten as bigints (10^0..10^76). */
export const POW10_BIG: readonly bigint[] = Array.from({ length: 77 }, (_, i) => 10n ** BigInt(i));

/** Throws an EXECUTION error unless |v| < 10^precision. */
export function checkDecimalPrecision(v: bigint, precision: number, what: string): void {
  const limit = POW10_BIG[precision]!;
  if (v >= limit || v <= -limit) {
    throw new QuiverError('EXECUTION', `numeric overflow: ${what} needs more than ${precision} digits`);
  }
}

/** `v / 10^k` rounded half away from zero (PostgreSQL numeric rounding). */
export function divRoundHalfAway(v: bigint, k: number): bigint {
  if (k === 0) return v;
  const d = POW10_BIG[k]!;
  const q = v / d;
  const r = v - q * d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return v < 0n ? q - 1n : q + 1n;
  return q;
}

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
