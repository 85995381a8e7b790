/**
 * The filter kernel: keeps the rows where a Boolean mask is TRUE (NULL and FALSE drop the row, as in
 * SQL WHERE). The mask becomes a selection vector of row indices, which `takeData` then gathers.
 */
import type * as arrow from 'apache-arrow';
import { takeData } from './take.js';

/** Indices of the rows where `mask` is TRUE (not NULL). */
export function selectionFromMask(mask: arrow.Data): Int32Array {
  const n = mask.length;
  const bits = mask.values as Uint8Array;
  const off = mask.offset;
  const validity = mask.nullCount > 0 && mask.nullBitmap && mask.nullBitmap.length > 0 ? mask.nullBitmap : null;
  const out = new Int32Array(n);
  let k = 0;
  if (validity === null) {
    for (let i = 0; i < n; i++) {
      const b = off + i;
      if (bits[b >> 3]! & (1 << (b & 7))) out[k++] = i;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const b = off + i;
      if (bits[b >> 3]! & validity[b >> 3]! & (1 << (b & 7))) out[k++] = i;
    }
  }
  return out.subarray(0, k);
}

/** The rows of `data` selected by `mask`. */
export function filterData(data: arrow.Data, mask: arrow.Data): arrow.Data {
  const sel = selectionFromMask(mask);
  return sel.length === data.length ? data : takeData(data, sel);
}
