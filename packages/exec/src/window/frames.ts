/**
 * Window frames as position ranges: for every sorted position, the frame [start, end) its aggregate
 * or value function reads, from the frame clause (ROWS counts rows, GROUPS counts peer groups, RANGE
 * compares the ORDER BY value with a numeric offset). Both ends are non-decreasing within a
 * partition, which the sliding evaluators rely on; an empty frame has start = end.
 */
import type { FrameBound, WindowFrame } from '@quiver/planner';
import type { WindowLayout } from './layout.js';

export interface FrameRanges {
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Every frame starts at its partition's first row (running aggregates). */
  readonly fromPartitionStart: boolean;
  /** Every frame ends at its partition's last row. */
  readonly toPartitionEnd: boolean;
}

/** The ORDER BY value of a RANGE frame with offsets, per position: ascending-normalized (negated for DESC); NaN for NULL. */
export interface RangeKey {
  readonly values: Float64Array;
  readonly isNull: Uint8Array;
}

export function frameRanges(layout: WindowLayout, frame: WindowFrame, rangeKey: RangeKey | null): FrameRanges {
  const n = layout.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const groups = frame.units === 'groups' ? peerGroups(layout) : null;
  for (let k = 0; k < n; k++) {
    const s = bound(layout, frame, frame.start, k, true, rangeKey, groups);
    const e = bound(layout, frame, frame.end, k, false, rangeKey, groups);
    start[k] = s;
    end[k] = e < s ? s : e;
  }
  return {
    start,
    end,
    fromPartitionStart: frame.start.kind === 'unboundedPreceding',
    toPartitionEnd: frame.end.kind === 'unboundedFollowing',
  };
}

interface PeerGroups {
  /** Peer group number of each position (counting from 0 over the whole input). */
  readonly groupOf: Int32Array;
  /** First position of each peer group. */
  readonly groupStart: Int32Array;
}

function peerGroups(layout: WindowLayout): PeerGroups {
  const n = layout.length;
  const groupOf = new Int32Array(n);
  const starts: number[] = [];
  for (let k = 0; k < n; k++) {
    if (layout.peerStart[k] === k) starts.push(k);
    groupOf[k] = starts.length - 1;
  }
  return { groupOf, groupStart: Int32Array.from(starts) };
}

/** One frame end for position `k`: a position in [partStart, partEnd] (`isStart`: inclusive start, else exclusive end). */
function bound(layout: WindowLayout, frame: WindowFrame, b: FrameBound, k: number, isStart: boolean, rangeKey: RangeKey | null, groups: PeerGroups | null): number {
  const ps = layout.partStart[k]!;
  const pe = layout.partEnd[k]!;
  switch (b.kind) {
    case 'unboundedPreceding':
      return ps;
    case 'unboundedFollowing':
      return pe;
    case 'currentRow':
      if (frame.units === 'rows') return isStart ? k : k + 1;
      return isStart ? layout.peerStart[k]! : layout.peerEnd[k]!;
    case 'preceding':
    case 'following': {
      const delta = b.kind === 'preceding' ? -b.offset : b.offset;
      if (frame.units === 'rows') return clamp(k + delta + (isStart ? 0 : 1), ps, pe);
      if (frame.units === 'groups') {
        const { groupOf, groupStart } = groups!;
        const g = groupOf[k]! + delta + (isStart ? 0 : 1);
        if (g <= groupOf[ps]!) return ps;
        if (g > groupOf[pe - 1]!) return pe;
        return groupStart[g]!;
      }
      return rangeBound(layout, rangeKey!, k, delta, isStart);
    }
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * RANGE offset bound: the first position whose value is >= v + delta (a start) or > v + delta (an
 * end), searched among the partition's non-NULL values; a NULL current row's frame is its peers (the NULLs).
 */
function rangeBound(layout: WindowLayout, key: RangeKey, k: number, delta: number, isStart: boolean): number {
  if (key.isNull[k]) return isStart ? layout.peerStart[k]! : layout.peerEnd[k]!;
  let lo = layout.partStart[k]!;
  let hi = layout.partEnd[k]!;
  // NULLs sit at one end of the partition; narrow to the non-NULL run.
  while (lo < hi && key.isNull[lo]) lo = layout.peerEnd[lo]!;
  while (hi > lo && key.isNull[hi - 1]) hi = layout.peerStart[hi - 1]!;
  const target = key.values[k]! + delta;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = key.values[mid]!;
    if (isStart ? v < target : v <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
