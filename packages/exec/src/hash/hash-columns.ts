/**
 * Row hashing of key columns: one 32-bit hash per row combining every key column (murmur3-style
 * mixing on machine words; strings over their UTF-8 bytes; lists over their items' hashes). Equal
 * keys hash equally across batches: NULL hashes to a fixed word, floats are canonicalized so 0 = -0 and all NaNs are one value.
 */
import * as arrow from 'apache-arrow';
import { layoutOf, wordsOf } from '../selection/layout.js';

const SEED = 0x2f6b_3c1d;
const NULL_WORD = 0x5bd1e995;
const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Hash of every row of `columns` (all `numRows` long). */
export function hashColumns(columns: readonly arrow.Data[], numRows: number, out: Uint32Array = new Uint32Array(numRows)): Uint32Array {
  const h = new Int32Array(out.buffer, out.byteOffset, numRows);
  h.fill(SEED);
  for (const c of columns) hashColumnInto(c, h);
  for (let i = 0; i < numRows; i++) {
    let x = h[i]!;
    x ^= x >>> 16;
    x = Math.imul(x, 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    x ^= x >>> 16;
    h[i] = x;
  }
  return out;
}

function hashColumnInto(data: arrow.Data, h: Int32Array): void {
  const n = h.length;
  const layout = layoutOf(data.type);
  const off = data.offset;
  const bm = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
  // NULL rows must hash alike whatever their value slot holds: keep the hash before this column.
  const before = bm === null ? null : h.slice();
  switch (layout.kind) {
    case 'null':
      for (let i = 0; i < n; i++) h[i] = mix(h[i]!, NULL_WORD);
      return;
    case 'bool': {
      const bits = data.values as Uint8Array;
      for (let i = 0; i < n; i++) {
        const b = off + i;
        h[i] = mix(h[i]!, (bits[b >> 3]! >> (b & 7)) & 1);
      }
      break;
    }
    case 'utf8': {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      for (let i = 0; i < n; i++) {
        const end = offsets[i + 1]!;
        let s = offsets[i]!;
        let x = 0x811c9dc5 ^ (end - s);
        while (s < end) x = Math.imul(x ^ bytes[s++]!, 0x01000193);
        h[i] = mix(h[i]!, x);
      }
      break;
    }
    case 'list': {
      // A list hashes its length and its items' hashes in order.
      const offsets = data.valueOffsets as Int32Array;
      const items = data.children[0]!;
      const itemHashes = new Int32Array(items.length);
      hashColumnInto(items, itemHashes);
      for (let i = 0; i < n; i++) {
        let x = offsets[i + 1]! - offsets[i]!;
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) x = mix(x, itemHashes[k]!);
        h[i] = mix(h[i]!, x);
      }
      break;
    }
    case 'fixed': {
      if (isFloat(data.type)) {
        const v = data.values as Float32Array | Float64Array;
        for (let i = 0; i < n; i++) {
          const x = v[i]!;
          f64[0] = x === 0 ? 0 : x !== x ? NaN : x;
          h[i] = mix(mix(h[i]!, f64Words[0]!), f64Words[1]!);
        }
        break;
      }
      const { width } = layout;
      const w = wordsOf(data, layout.wordBytes);
      if (width === 1) for (let i = 0; i < n; i++) h[i] = mix(h[i]!, w[i]!);
      else if (width === 2) for (let i = 0; i < n; i++) h[i] = mix(mix(h[i]!, w[2 * i]!), w[2 * i + 1]!);
      else
        for (let i = 0; i < n; i++) {
          let x = h[i]!;
          for (let k = 0; k < width; k++) x = mix(x, w[width * i + k]!);
          h[i] = x;
        }
      break;
    }
  }
  if (bm !== null) {
    for (let i = 0; i < n; i++) {
      const b = off + i;
      if (!(bm[b >> 3]! & (1 << (b & 7)))) h[i] = mix(before![i]!, NULL_WORD);
    }
  }
}

export function isFloat(type: arrow.DataType): boolean {
  return type.typeId === arrow.Type.Float;
}

/** A byte per row, 1 where any key column is NULL; null when no key has NULLs. */
export function rowsWithNullKey(columns: readonly arrow.Data[], numRows: number): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const c of columns) {
    if (c.nullCount === 0) continue;
    out ??= new Uint8Array(numRows);
    const bm = c.nullBitmap;
    if (!bm || bm.length === 0) {
      out.fill(1);
      continue;
    }
    const off = c.offset;
    for (let i = 0; i < numRows; i++) {
      const b = off + i;
      if (!(bm[b >> 3]! & (1 << (b & 7)))) out[i] = 1;
    }
  }
  return out;
}
