/**
 * Row ordering for ORDER BY: a comparator over row indices built from typed-array views of the sort
 * key columns (ASC/DESC, NULLS FIRST/LAST per key), and a stable sort of a row permutation.
 *
 * Per type: one-word numbers compare natively (NaN sorts above every number, as in PostgreSQL);
 * Int64, Timestamp and Decimal128 compare as doubles when every value is exactly representable, else
 * word by word; strings compare bytewise (code point order); intervals by their span in nanoseconds;
 * lists item by item (NULL items last), a proper prefix first.
 */
import * as arrow from 'apache-arrow';
import { layoutOf, wordsOf } from './layout.js';

export interface SortKeyColumn {
  readonly data: arrow.Data;
  readonly asc: boolean;
  readonly nullsFirst: boolean;
}

export type RowComparator = (a: number, b: number) => number;

/** Compares rows `a` and `b` of the key columns (all of the same length). */
export function rowComparator(keys: readonly SortKeyColumn[]): RowComparator {
  const cmps = keys.map(keyComparator);
  if (cmps.length === 1) return cmps[0]!;
  if (cmps.length === 2) {
    const [c0, c1] = cmps as [RowComparator, RowComparator];
    return (a, b) => c0(a, b) || c1(a, b);
  }
  return (a, b) => {
    for (let k = 0; k < cmps.length; k++) {
      const c = cmps[k]!(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/**
 * The permutation that orders rows 0..length-1 by `keys` (stable: ties keep input order).
 *
 * The first key is "normalized" to doubles monotone in the true order (direction, NULL placement and
 * NaN folded in; strings by a 6-byte prefix). When that is exact and the only key, a radix sort on
 * it does the whole job; otherwise a merge sort compares it inline and calls the full row comparator
 * only when the normalized values are equal.
 */
export function sortIndices(keys: readonly SortKeyColumn[], length: number): Int32Array {
  const perm = new Int32Array(length);
  for (let i = 0; i < length; i++) perm[i] = i;
  if (keys.length === 0 || length < 2) return perm;
  const { values, exact } = normalizedKey(keys[0]!);
  if (exact && keys.length === 1) return radixSort(perm, values);
  return mergeSort(perm, values, rowComparator(keys));
}

/** Stable LSD radix sort of `perm` by `key` (16-bit digits of the order-preserving bits of each double). */
function radixSort(perm: Int32Array, key: Float64Array): Int32Array {
  const n = perm.length;
  const words = new Uint32Array(key.buffer, key.byteOffset, n * 2);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1]!;
    const l = words[2 * i]!;
    // Negative doubles order reversed by their bits: flip all; non-negative ones: set the sign bit.
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  const counts = new Int32Array(65536);
  let src: Int32Array = perm;
  let dst: Int32Array = new Int32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const w = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(w[src[i]!]! >>> shift) & 0xffff]!++;
    if (counts[(w[src[0]!]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const r = src[i]!;
      dst[counts[(w[r]! >>> shift) & 0xffff]!++] = r;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

function mergeSort(perm: Int32Array, key: Float64Array, tie: RowComparator): Int32Array {
  const n = perm.length;
  const RUN = 24;
  // Insertion-sort short runs, then merge runs of doubling width between two buffers.
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const x = perm[i]!;
      const kx = key[x]!;
      let j = i - 1;
      while (j >= lo) {
        const y = perm[j]!;
        const ky = key[y]!;
        if (ky < kx || (ky === kx && tie(y, x) <= 0)) break;
        perm[j + 1] = y;
        j--;
      }
      perm[j + 1] = x;
    }
  }
  let src: Int32Array = perm;
  let dst: Int32Array = new Int32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const a = src[i]!;
        const b = src[j]!;
        const ka = key[a]!;
        const kb = key[b]!;
        if (ka < kb || (ka === kb && tie(a, b) <= 0)) {
          dst[k++] = a;
          i++;
        } else {
          dst[k++] = b;
          j++;
        }
      }
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/**
 * The first key as doubles ordered like the key (ties possible), and whether equal doubles always
 * mean equal keys (so no tie-break is needed).
 */
function normalizedKey(key: SortKeyColumn): { values: Float64Array; exact: boolean } {
  const { data, asc, nullsFirst } = key;
  const n = data.length;
  const out = new Float64Array(n);
  let exact = true;
  const layout = layoutOf(data.type);
  switch (layout.kind) {
    case 'null':
      return { values: out, exact: true };
    case 'bool': {
      const src = data.values as Uint8Array;
      for (let i = 0; i < n; i++) out[i] = (src[(data.offset + i) >> 3]! >> ((data.offset + i) & 7)) & 1;
      break;
    }
    case 'list':
      exact = false;
      break;
    case 'utf8': {
      exact = false;
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      for (let i = 0; i < n; i++) {
        const s = offsets[i]!;
        const e = offsets[i + 1]!;
        let v = 0;
        for (let k = 0; k < 6; k++) v = v * 256 + (s + k < e ? bytes[s + k]! : 0);
        out[i] = v;
      }
      break;
    }
    case 'fixed': {
      if (data.typeId === arrow.Type.Interval) {
        out.set(intervalSpans(data));
        exact = false;
      } else if (layout.width === 1 || data.typeId === arrow.Type.Float) {
        const v = data.values as ArrayLike<number>;
        for (let i = 0; i < n; i++) {
          const x = v[i]!;
          if (x !== x) {
            out[i] = Infinity;
            exact = false;
          } else {
            out[i] = x + 0; // -0 becomes 0, its equal
            if (x === Infinity || x === -Infinity) exact = false;
          }
        }
      } else {
        const d = wideAsDoubles(wordsOf(data, 4) as Int32Array, layout.width, n);
        if (d === null) return { values: out, exact: false };
        out.set(d);
      }
      break;
    }
  }
  if (!asc) for (let i = 0; i < n; i++) out[i] = 0 - out[i]!;
  const nulls = nullFlags(data);
  if (nulls !== null) {
    exact = false;
    const v = nullsFirst ? -Infinity : Infinity;
    for (let i = 0; i < n; i++) if (nulls[i]) out[i] = v;
  }
  return { values: out, exact };
}

function keyComparator(key: SortKeyColumn): RowComparator {
  const values = valueComparator(key.data);
  const sign = key.asc ? 1 : -1;
  const nulls = nullFlags(key.data);
  if (nulls === null) return sign === 1 ? values : (a, b) => -values(a, b);
  const nullSide = key.nullsFirst ? -1 : 1;
  return (a, b) => {
    const na = nulls[a]!;
    const nb = nulls[b]!;
    if (na | nb) return na === nb ? 0 : na ? nullSide : -nullSide;
    return sign * values(a, b);
  };
}

/** A byte per row, 1 for NULL; null when the column has no NULLs. */
function nullFlags(data: arrow.Data): Uint8Array | null {
  if (data.nullCount === 0) return null;
  const n = data.length;
  const out = new Uint8Array(n);
  const bm = data.nullBitmap;
  if (!bm || bm.length === 0) return out.fill(1);
  for (let i = 0; i < n; i++) {
    const b = data.offset + i;
    out[i] = (bm[b >> 3]! >> (b & 7)) & 1 ? 0 : 1;
  }
  return out;
}

function compareNumbers(v: ArrayLike<number>): RowComparator {
  return (a, b) => {
    const x = v[a]!;
    const y = v[b]!;
    if (x < y) return -1;
    if (x > y) return 1;
    if (x === y) return 0;
    const xn = x !== x;
    return xn === (y !== y) ? 0 : xn ? 1 : -1;
  };
}

function valueComparator(data: arrow.Data): RowComparator {
  const layout = layoutOf(data.type);
  switch (layout.kind) {
    case 'null':
      return () => 0;
    case 'bool': {
      const bits = new Uint8Array(data.length);
      const src = data.values as Uint8Array;
      for (let i = 0; i < data.length; i++) bits[i] = (src[(data.offset + i) >> 3]! >> ((data.offset + i) & 7)) & 1;
      return (a, b) => bits[a]! - bits[b]!;
    }
    case 'utf8': {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      return (a, b) => {
        let i = offsets[a]!;
        let j = offsets[b]!;
        const ea = offsets[a + 1]!;
        const eb = offsets[b + 1]!;
        while (i < ea && j < eb) {
          const d = bytes[i++]! - bytes[j++]!;
          if (d !== 0) return d;
        }
        return ea - i - (eb - j);
      };
    }
    case 'list': {
      const offsets = data.valueOffsets as Int32Array;
      const items = keyComparator({ data: data.children[0]!, asc: true, nullsFirst: false });
      return (a, b) => {
        let i = offsets[a]!;
        let j = offsets[b]!;
        const ea = offsets[a + 1]!;
        const eb = offsets[b + 1]!;
        while (i < ea && j < eb) {
          const d = items(i++, j++);
          if (d !== 0) return d;
        }
        return ea - i - (eb - j);
      };
    }
    case 'fixed': {
      if (data.typeId === arrow.Type.Interval) return compareNumbers(intervalSpans(data));
      if (layout.width === 1 || data.typeId === arrow.Type.Float) return compareNumbers(data.values as ArrayLike<number>);
      const words = wordsOf(data, 4) as Int32Array;
      const asDoubles = wideAsDoubles(words, layout.width, data.length);
      if (asDoubles !== null) return compareNumbers(asDoubles);
      const w = layout.width;
      return (a, b) => {
        const hi = w - 1;
        const x = words[a * w + hi]!;
        const y = words[b * w + hi]!;
        if (x !== y) return x < y ? -1 : 1;
        for (let k = hi - 1; k >= 0; k--) {
          const p = words[a * w + k]! >>> 0;
          const q = words[b * w + k]! >>> 0;
          if (p !== q) return p < q ? -1 : 1;
        }
        return 0;
      };
    }
  }
}

/** 64/128-bit values as doubles when all are below 2^53 in magnitude (so the order is exact), else null. */
function wideAsDoubles(words: Int32Array, width: number, n: number): Float64Array | null {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * width;
    const hi = words[base + 1]!;
    for (let k = 2; k < width; k++) if (words[base + k] !== hi >> 31) return null;
    if (hi >= 0x200000 || hi < -0x200000) return null;
    out[i] = hi * 4294967296 + (words[base]! >>> 0);
  }
  return out;
}

function intervalSpans(data: arrow.Data): Float64Array {
  const w = data.values as Int32Array;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const nanos = w[4 * i + 3]! * 4294967296 + (w[4 * i + 2]! >>> 0);
    out[i] = (w[4 * i]! * 30 + w[4 * i + 1]!) * 86_400e9 + nanos;
  }
  return out;
}
