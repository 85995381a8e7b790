/**
 * The row order a window is evaluated in: rows sorted by PARTITION BY then ORDER BY keys (with the
 * sort kernel), and for every sorted position the bounds of its partition and of its peer group
 * (rows with equal ORDER BY keys; without ORDER BY the whole partition). Positions index the sorted
 * order; `perm[k]` is the input row at position k.
 */
import type * as arrow from 'apache-arrow';
import { rowComparator, sortIndices, type SortKeyColumn } from '../selection/sort-indices.js';

export interface WindowLayout {
  readonly length: number;
  /** Input row at each sorted position. */
  readonly perm: Int32Array;
  /** First position of the partition, and one past its last, per position. */
  readonly partStart: Int32Array;
  readonly partEnd: Int32Array;
  /** First position of the peer group, and one past its last, per position. */
  readonly peerStart: Int32Array;
  readonly peerEnd: Int32Array;
}

export function windowLayout(partitionKeys: readonly arrow.Data[], orderKeys: readonly SortKeyColumn[], length: number): WindowLayout {
  const partition: SortKeyColumn[] = partitionKeys.map((data) => ({ data, asc: true, nullsFirst: false }));
  const perm = sortIndices([...partition, ...orderKeys], length);
  const samePartition = partition.length > 0 ? rowComparator(partition) : null;
  const samePeers = orderKeys.length > 0 ? rowComparator(orderKeys) : null;
  const partStart = new Int32Array(length);
  const partEnd = new Int32Array(length);
  const peerStart = new Int32Array(length);
  const peerEnd = new Int32Array(length);
  let ps = 0;
  let gs = 0;
  for (let k = 1; k <= length; k++) {
    const last = k === length;
    const newPartition = last || (samePartition !== null && samePartition(perm[k - 1]!, perm[k]!) !== 0);
    const newPeers = newPartition || (samePeers !== null && samePeers(perm[k - 1]!, perm[k]!) !== 0);
    if (newPeers) {
      peerStart.fill(gs, gs, k);
      peerEnd.fill(k, gs, k);
      gs = k;
    }
    if (newPartition) {
      partStart.fill(ps, ps, k);
      partEnd.fill(k, ps, k);
      ps = k;
    }
  }
  return { length, perm, partStart, partEnd, peerStart, peerEnd };
}

/** The position of every input row (the inverse of `perm`). */
export function positionsOf(layout: WindowLayout): Int32Array {
  const pos = new Int32Array(layout.length);
  for (let k = 0; k < layout.length; k++) pos[layout.perm[k]!] = k;
  return pos;
}
