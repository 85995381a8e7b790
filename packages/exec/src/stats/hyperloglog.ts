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

/** Hash of a 64-bit value given as its low and high 32-bit words: one multiply and one `mix32`. */
export function hash64(lo: number, hi: number): number {
  return mix32(lo ^ Math.imul(hi, 0x9e3779b1));
}

/** Hash of a 128-bit value given as four 32-bit words, low first: `hash64` when it fits in 64 bits. */
export function hash128(w0: number, w1: number, w2: number, w3: number): number {
  const sign = w1 >> 31;
  return (w2 | 0) === sign && (w3 | 0) === sign ? hash64(w0, w1) : hash64(hash64(w0, w1), hash64(w2, w3));
}

/** Hash of a byte range (UTF-8 strings), four bytes per multiply, finalized by `mix32`. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  let i = start;
  for (; i + 4 <= end; i += 4) h = Math.imul(h ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)), 0x01000193) ^ (h >>> 15);
  for (; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return mix32(h);
}
