/**
 * The ranking window functions over a window layout, in sorted-position order: row_number, rank,
 * dense_rank, percent_rank, cume_dist and ntile (PostgreSQL's bucket sizes: the first
 * `rows % buckets` buckets hold one row more).
 */
import type * as arrow from 'apache-arrow';
import { QuiverError } from '@quiver/common';
import type { BuiltinWindowName } from '@quiver/planner';
import type { WindowLayout } from './layout.js';
import { float64Column, int64Column, int64Numbers, isValidAt } from './columns.js';

export function rankingFunction(name: BuiltinWindowName, layout: WindowLayout, args: readonly arrow.Data[]): arrow.Data {
  const { length: n, partStart, partEnd, peerStart, peerEnd } = layout;
  const out = new Float64Array(n);
  switch (name) {
    case 'row_number':
      for (let k = 0; k < n; k++) out[k] = k - partStart[k]! + 1;
      return int64Column(out, null);
    case 'rank':
      for (let k = 0; k < n; k++) out[k] = peerStart[k]! - partStart[k]! + 1;
      return int64Column(out, null);
    case 'dense_rank': {
      let rank = 0;
      for (let k = 0; k < n; k++) {
        if (partStart[k] === k) rank = 0;
        if (peerStart[k] === k) rank++;
        out[k] = rank;
      }
      return int64Column(out, null);
    }
    case 'percent_rank':
      for (let k = 0; k < n; k++) {
        const size = partEnd[k]! - partStart[k]!;
        out[k] = size === 1 ? 0 : (peerStart[k]! - partStart[k]!) / (size - 1);
      }
      return float64Column(out, null);
    case 'cume_dist':
      for (let k = 0; k < n; k++) out[k] = (peerEnd[k]! - partStart[k]!) / (partEnd[k]! - partStart[k]!);
      return float64Column(out, null);
    case 'ntile':
      return ntile(layout, args[0]!);
    default:
      throw new QuiverError('INTERNAL', `${name} is not a ranking function`);
  }
}

/** ntile(buckets): the bucket count is read at each row (NULL gives NULL; it must be positive). */
function ntile(layout: WindowLayout, bucketsArg: arrow.Data): arrow.Data {
  const { length: n, partStart, partEnd, perm } = layout;
  const buckets = int64Numbers(bucketsArg);
  const out = new Float64Array(n);
  const valid = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const row = perm[k]!;
    if (!isValidAt(bucketsArg, row)) continue;
    const b = buckets[row]!;
    if (b <= 0) throw new QuiverError('EXECUTION', `argument of ntile must be greater than zero, got ${b}`);
    const size = partEnd[k]! - partStart[k]!;
    const r = k - partStart[k]!;
    const q = Math.floor(size / b);
    const big = size - q * b; // buckets holding q + 1 rows
    out[k] = r < big * (q + 1) ? Math.floor(r / (q + 1)) + 1 : big + Math.floor((r - big * (q + 1)) / q) + 1;
    valid[k] = 1;
  }
  return int64Column(out, valid);
}
