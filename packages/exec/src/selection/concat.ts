/**
 * The concatenate kernel: appends column chunks of one type into a single offset-0 column (a List's
 * item columns are concatenated the same way).
 */
import type * as arrow from 'apache-arrow';
import { layoutOf, wordsOf, allocWords, asValues } from './layout.js';
import { makeColumn } from './make-column.js';

export function concatData(type: arrow.DataType, chunks: readonly arrow.Data[]): arrow.Data {
  if (chunks.length === 1) return chunks[0]!;
  let n = 0;
  let anyNulls = false;
  for (const c of chunks) {
    n += c.length;
    if (c.nullCount > 0) anyNulls = true;
  }
  const layout = layoutOf(type);
  if (layout.kind === 'null') return makeColumn(type, n, { validity: null });
  let validity: Uint8Array | null = null;
  if (anyNulls) {
    validity = new Uint8Array((n + 7) >> 3);
    let at = 0;
    for (const c of chunks) {
      if (c.nullCount > 0 && c.nullBitmap && c.nullBitmap.length > 0) copyBits(c.nullBitmap, c.offset, validity, at, c.length);
      else setBits(validity, at, c.length);
      at += c.length;
    }
  }
  switch (layout.kind) {
    case 'bool': {
      const out = new Uint8Array((n + 7) >> 3);
      let at = 0;
      for (const c of chunks) {
        copyBits(c.values as Uint8Array, c.offset, out, at, c.length);
        at += c.length;
      }
      return makeColumn(type, n, { validity, values: out });
    }
    case 'utf8': {
      let bytes = 0;
      for (const c of chunks) {
        const o = c.valueOffsets as Int32Array;
        bytes += o[c.length]! - o[0]!;
      }
      const offsets = new Int32Array(n + 1);
      const out = new Uint8Array(bytes);
      let row = 0;
      let pos = 0;
      for (const c of chunks) {
        const o = c.valueOffsets as Int32Array;
        const base = o[0]!;
        const shift = pos - base;
        for (let i = 1; i <= c.length; i++) offsets[row + i] = o[i]! + shift;
        out.set((c.values as Uint8Array).subarray(base, o[c.length]!), pos);
        pos += o[c.length]! - base;
        row += c.length;
      }
      return makeColumn(type, n, { validity, values: out, offsets });
    }
    case 'fixed': {
      const { width, wordBytes } = layout;
      const out = allocWords(n, width, wordBytes);
      let at = 0;
      for (const c of chunks) {
        out.set(wordsOf(c, wordBytes).subarray(0, c.length * width), at);
        at += c.length * width;
      }
      return makeColumn(type, n, { validity, values: asValues(type, out) });
    }
    case 'list': {
      const offsets = new Int32Array(n + 1);
      const parts: arrow.Data[] = [];
      let row = 0;
      let items = 0;
      for (const c of chunks) {
        const o = c.valueOffsets as Int32Array;
        const base = o[0]!;
        for (let i = 1; i <= c.length; i++) offsets[row + i] = o[i]! - base + items;
        parts.push(c.children[0]!.slice(base, o[c.length]! - base));
        items += o[c.length]! - base;
        row += c.length;
      }
      const child = concatData((type as arrow.List).valueType, parts);
      return makeColumn(type, n, { validity, offsets, child });
    }
  }
}

/** Copies `length` bits from `src` at bit `srcOffset` to `dst` at bit `dstOffset`. */
export function copyBits(src: Uint8Array, srcOffset: number, dst: Uint8Array, dstOffset: number, length: number): void {
  if ((srcOffset & 7) === 0 && (dstOffset & 7) === 0) {
    const full = length >> 3;
    dst.set(src.subarray(srcOffset >> 3, (srcOffset >> 3) + full), dstOffset >> 3);
    for (let i = full << 3; i < length; i++) {
      const s = srcOffset + i;
      if (src[s >> 3]! & (1 << (s & 7))) {
        const d = dstOffset + i;
        dst[d >> 3]! |= 1 << (d & 7);
      }
    }
    return;
  }
  for (let i = 0; i < length; i++) {
    const s = srcOffset + i;
    if (src[s >> 3]! & (1 << (s & 7))) {
      const d = dstOffset + i;
      dst[d >> 3]! |= 1 << (d & 7);
    }
  }
}

function setBits(dst: Uint8Array, offset: number, length: number): void {
  for (let i = 0; i < length; i++) {
    const d = offset + i;
    dst[d >> 3]! |= 1 << (d & 7);
  }
}
