/**
 * Exact per-group integer sums (for SUM/AVG over integers and unscaled decimals). The fast path keeps
 * each group's running sum in a Float64 while it stays below 2^52 in magnitude, where every addition
 * of a value below 2^52 is exact; a group whose sum grows past that spills it into a BigInt. Values
 * that are themselves 2^52 or larger go straight to the BigInt part. Also reads 64- and 128-bit
 * two's-complement words as numbers when they are small enough.
 */

const LIMIT = 2 ** 52;
const TWO32 = 4294967296;

export class ExactSumState {
  acc = new Float64Array(0);
  private spilled = new Map<number, bigint>();

  resize(numGroups: number): void {
    if (numGroups <= this.acc.length) return;
    const next = new Float64Array(Math.max(numGroups, this.acc.length * 2, 16));
    next.set(this.acc);
    this.acc = next;
  }

  /** Adds `v` (|v| < 2^52) to group `g`. */
  add(g: number, v: number): void {
    const a = this.acc[g]! + v;
    if (a >= LIMIT || a <= -LIMIT) {
      this.spilled.set(g, (this.spilled.get(g) ?? 0n) + BigInt(a));
      this.acc[g] = 0;
    } else {
      this.acc[g] = a;
    }
  }

  addBig(g: number, v: bigint): void {
    this.spilled.set(g, (this.spilled.get(g) ?? 0n) + v);
  }

  /** Whether group `g`'s sum is exactly `acc[g]` (nothing spilled). */
  isSmall(g: number): boolean {
    return this.spilled.size === 0 || !this.spilled.has(g);
  }

  total(g: number): bigint {
    const big = this.spilled.get(g);
    return big === undefined ? BigInt(this.acc[g]!) : big + BigInt(this.acc[g]!);
  }

  memoryBytes(): number {
    return this.acc.byteLength + this.spilled.size * 48;
  }
}

/** The 64-bit value at `words[2i..2i+1]` as a number when |v| < 2^52, else NaN. */
export function int64AsNumber(words: Int32Array, i: number): number {
  const hi = words[2 * i + 1]!;
  if (hi >= 0x100000 || hi < -0x100000) return NaN;
  return hi * TWO32 + (words[2 * i]! >>> 0);
}

/** The 128-bit value at `words[4i..4i+3]` as a number when |v| < 2^52, else NaN. */
export function int128AsNumber(words: Int32Array, i: number): number {
  const w3 = words[4 * i + 3]!;
  const w2 = words[4 * i + 2]!;
  if (w3 !== w2 >> 31) return NaN;
  if (w2 !== words[4 * i + 1]! >> 31) return NaN;
  return int64AsNumber(words, 2 * i);
}

export function int128AsBigInt(words: Int32Array, i: number): bigint {
  const u = (k: number) => BigInt(words[4 * i + k]! >>> 0);
  return BigInt.asIntN(128, u(0) | (u(1) << 32n) | (u(2) << 64n) | (u(3) << 96n));
}

/** Writes `v` as 128-bit two's complement to `words[4i..4i+3]`. */
export function writeInt128(words: Int32Array, i: number, v: bigint): void {
  let x = BigInt.asUintN(128, v);
  for (let k = 0; k < 4; k++) {
    words[4 * i + k] = Number(x & 0xffffffffn) | 0;
    x >>= 32n;
  }
}
