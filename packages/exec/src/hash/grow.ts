/**
 * Growable typed arrays: doubling reallocation for the append-only state of hash tables and
 * accumulators.
 */

type Typed = Int8Array | Int16Array | Int32Array | Uint8Array | Uint32Array | Float64Array | BigInt64Array;

/** `arr` if it holds at least `needed` elements, else a copy with room for at least that many (doubling). */
export function ensureCapacity<A extends Typed>(arr: A, needed: number): A {
  if (needed <= arr.length) return arr;
  let cap = Math.max(16, arr.length);
  while (cap < needed) cap *= 2;
  const Ctor = arr.constructor as new (n: number) => A;
  const out = new Ctor(cap);
  out.set(arr as never);
  return out;
}
