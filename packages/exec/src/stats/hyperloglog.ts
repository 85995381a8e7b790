/**
 * HyperLogLog distinct-count sketch (2^12 one-byte registers, ~1.6% standard error) fed with
 * 32-bit hashes, plus the hash functions that feed it from typed arrays without per-value objects.
 */

const P = 12;
const M = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / M);

export class HyperLogLog {
  private readonly registers = new Uint8Array(M);

  /** Adds one value given by its 32-bit hash. */
  add(hash: number): void {
    const index = hash >>> (32 - P);
    const rank = Math.min(Math.clz32((hash << P) | (1 << (P - 1))) + 1, 32 - P + 1);
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  /** Estimated number of distinct values added. */
  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < M; i++) {
      const r = this.registers[i]!;
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const raw = (ALPHA * M * M) / sum;
    // Small cardinalities: linear counting over the empty registers is more accurate.
    if (raw <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
    return Math.round(raw);
  }
}

/** murmur3's 32-bit finalizer: a well-mixed hash of one 32-bit word. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hash of several consecutive 32-bit words (a 64-bit or 128-bit value). */
export function hashWords(words: Int32Array | Uint32Array, start: number, count: number): number {
  let h = 0x9747b28c;
  for (let i = 0; i < count; i++) h = mix32(h ^ words[start + i]!) + 0x6b43a9b5;
  return mix32(h);
}

/** FNV-1a over a byte range, finalized by `mix32` (for UTF-8 strings). */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return mix32(h);
}
