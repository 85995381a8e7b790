/**
 * Which rows of a batch have every argument non-NULL (multi-argument COUNT, and the two-argument
 * statistics, count only those).
 */
import type * as arrow from 'apache-arrow';

/**
 * Whether row `i` of every column in `args` is non-NULL, as a byte per row (1 = all present), or null
 * when no column has a NULL. A column of NULL type makes every row absent.
 */
export function presentRows(args: readonly arrow.Data[], n: number): Uint8Array | null {
  let mask: Uint8Array | null = null;
  for (const a of args) {
    const allNull = a.nullCount === a.length && a.length > 0;
    const bm = a.nullCount > 0 && a.nullBitmap && a.nullBitmap.length > 0 ? a.nullBitmap : null;
    if (!allNull && bm === null) continue;
    mask ??= new Uint8Array(n).fill(1);
    if (allNull || bm === null) {
      mask.fill(0);
      continue;
    }
    const off = a.offset;
    for (let i = 0; i < n; i++) {
      const b = off + i;
      if (!(bm[b >> 3]! & (1 << (b & 7)))) mask[i] = 0;
    }
  }
  return mask;
}
