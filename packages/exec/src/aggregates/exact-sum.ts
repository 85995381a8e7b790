/**
 * Exact per-group integer sums (for SUM/AVG over integers and unscaled decimals). The fast path keeps
 * each group's running sum in `acc` (a Float64) while it stays below 2^52 in magnitude, where adding a
 * value below 2^52 is exact; callers add there and move a sum that reaches 2^52 — or a value that is
 * itself that large — into the group's BigInt part with `addBig`.
 */

export class ExactSumState {
  acc = new Float64Array(0);
  private spilled = new Map<number, bigint>();

  resize(numGroups: number): void {
    if (numGroups <= this.acc.length) return;
    const next = new Float64Array(Math.max(numGroups, this.acc.length * 2, 16));
    next.set(this.acc);
    this.acc = next;
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
