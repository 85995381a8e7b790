/**
 * The take kernel: gathers the rows of a column at given indices into a new column. Index -1 yields
 * NULL (used for the non-matching side of outer joins). Works for every Quiver type by layout; runs
 * of consecutive indices (a filter keeping most rows) are copied as blocks. A List gathers its item
 * rows the same way, through the child column.
 */
import type * as arrow from 'apache-arrow';
import { layoutOf, wordsOf, allocWords, asValues, type WordArray } from './layout.js';
import { makeColumn } from './make-column.js';

export function takeData(data: arrow.Data, indices: Int32Array): arrow.Data {
  const n = indices.length;
  const layout = layoutOf(data.type);
  if (layout.kind === 'null') return makeColumn(data.type, n, { validity: null });
  const validity = takeValidity(data, indices);
  switch (layout.kind) {
    case 'bool': {
      const src = data.values as Uint8Array;
      const off = data.offset;
      const out = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        const r = indices[i]!;
        if (r >= 0) {
          const b = off + r;
          if (src[b >> 3]! & (1 << (b & 7))) out[i >> 3]! |= 1 << (i & 7);
        }
      }
      return makeColumn(data.type, n, { validity, values: out });
    }
    case 'utf8': {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      if (mostlyConsecutive(indices)) {
        const { outOffsets, out } = takeStringRuns(offsets, bytes, indices);
        return makeColumn(data.type, n, { validity, values: out, offsets: outOffsets });
      }
      const outOffsets = takenOffsets(offsets, indices);
      const total = outOffsets[n]!;
      const out = new Uint8Array(total);
      let pos = 0;
      for (let i = 0; i < n; i++) {
        const r = indices[i]!;
        if (r < 0) continue;
        const end = offsets[r + 1]!;
        let s = offsets[r]!;
        if (end - s > 32) {
          out.set(bytes.subarray(s, end), pos);
          pos += end - s;
        } else {
          while (s < end) out[pos++] = bytes[s++]!;
        }
      }
      return makeColumn(data.type, n, { validity, values: out, offsets: outOffsets });
    }
    case 'fixed': {
      const { width, wordBytes } = layout;
      const src = wordsOf(data, wordBytes);
      const out = allocWords(n, width, wordBytes);
      if (mostlyConsecutive(indices)) {
        takeRuns(src, out, indices, width);
      } else if (width === 1) {
        for (let i = 0; i < n; i++) {
          const r = indices[i]!;
          if (r >= 0) out[i] = src[r]!;
        }
      } else if (width === 2) {
        for (let i = 0; i < n; i++) {
          const r = indices[i]!;
          if (r >= 0) {
            out[2 * i] = src[2 * r]!;
            out[2 * i + 1] = src[2 * r + 1]!;
          }
        }
      } else if (width === 4) {
        for (let i = 0; i < n; i++) {
          const r = indices[i]!;
          if (r >= 0) {
            out[4 * i] = src[4 * r]!;
            out[4 * i + 1] = src[4 * r + 1]!;
            out[4 * i + 2] = src[4 * r + 2]!;
            out[4 * i + 3] = src[4 * r + 3]!;
          }
        }
      } else {
        for (let i = 0; i < n; i++) {
          const r = indices[i]!;
          if (r >= 0) for (let w = 0; w < width; w++) out[width * i + w] = src[width * r + w]!;
        }
      }
      return makeColumn(data.type, n, { validity, values: asValues(data.type, out) });
    }
    case 'list': {
      const offsets = data.valueOffsets as Int32Array;
      const outOffsets = takenOffsets(offsets, indices);
      const total = outOffsets[n]!;
      const items = new Int32Array(total);
      for (let i = 0, k = 0; i < n; i++) {
        const r = indices[i]!;
        if (r >= 0) for (let s = offsets[r]!, end = offsets[r + 1]!; s < end; s++) items[k++] = s;
      }
      return makeColumn(data.type, n, { validity, offsets: outOffsets, child: takeData(data.children[0]!, items) });
    }
  }
}

/** The offsets of the values at `indices` laid end to end (a -1 index takes an empty value). */
function takenOffsets(offsets: Int32Array, indices: Int32Array): Int32Array {
  const n = indices.length;
  const outOffsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = indices[i]!;
    if (r >= 0) total += offsets[r + 1]! - offsets[r]!;
    outOffsets[i + 1] = total;
  }
  return outOffsets;
}

/** Whether most of the first indices continue the previous one (a filter's selection keeping most rows). */
function mostlyConsecutive(indices: Int32Array): boolean {
  const m = Math.min(indices.length, 64);
  let runs = 0;
  for (let i = 1; i < m; i++) if (indices[i] === indices[i - 1]! + 1) runs++;
  return m >= 16 && runs * 4 >= m * 3;
}

/** Gathers fixed-width values, copying each run of consecutive indices as one block. */
function takeRuns(src: WordArray, out: WordArray, indices: Int32Array, width: number): void {
  const n = indices.length;
  let i = 0;
  while (i < n) {
    const r = indices[i]!;
    let j = i + 1;
    if (r < 0) {
      i = j;
      continue;
    }
    while (j < n && indices[j] === r + (j - i)) j++;
    if (j - i >= 8) out.set(src.subarray(width * r, width * (r + j - i)) as never, width * i);
    else for (let k = width * r, o = width * i, end = width * (r + j - i); k < end; k++, o++) out[o] = src[k]!;
    i = j;
  }
}

/** Gathers strings, copying the offsets and bytes of each run of consecutive indices as one block. */
function takeStringRuns(offsets: Int32Array, bytes: Uint8Array, indices: Int32Array): { outOffsets: Int32Array; out: Uint8Array } {
  const n = indices.length;
  const outOffsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; ) {
    const r = indices[i]!;
    if (r < 0) {
      outOffsets[++i] = total;
      continue;
    }
    let j = i + 1;
    while (j < n && indices[j] === r + (j - i)) j++;
    const shift = total - offsets[r]!;
    for (let k = i, src = r + 1; k < j; k++, src++) outOffsets[k + 1] = offsets[src]! + shift;
    total = outOffsets[j]!;
    i = j;
  }
  const out = new Uint8Array(total);
  for (let i = 0; i < n; ) {
    const r = indices[i]!;
    if (r < 0) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && indices[j] === r + (j - i)) j++;
    const start = offsets[r]!;
    const end = offsets[r + (j - i)]!;
    if (end - start > 32) out.set(bytes.subarray(start, end), outOffsets[i]!);
    else for (let s = start, o = outOffsets[i]!; s < end; s++, o++) out[o] = bytes[s]!;
    i = j;
  }
  return { outOffsets, out };
}

/** Validity of the taken rows, or null when all are valid. */
function takeValidity(data: arrow.Data, indices: Int32Array): Uint8Array | null {
  const n = indices.length;
  const hasNulls = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0;
  let anyMissing = false;
  if (!hasNulls) {
    for (let i = 0; i < n; i++) if (indices[i]! < 0) { anyMissing = true; break; }
    if (!anyMissing) return null;
  }
  const out = new Uint8Array((n + 7) >> 3);
  if (hasNulls) {
    const bm = data.nullBitmap!;
    const off = data.offset;
    for (let i = 0; i < n; i++) {
      const r = indices[i]!;
      if (r < 0) continue;
      const b = off + r;
      if (bm[b >> 3]! & (1 << (b & 7))) out[i >> 3]! |= 1 << (i & 7);
    }
  } else {
    for (let i = 0; i < n; i++) if (indices[i]! >= 0) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}
