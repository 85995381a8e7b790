/**
 * Aggregates over window frames, in sorted-position order. COUNT, SUM and AVG use prefix counts and
 * sums (integers and decimals as exact scaled doubles while every sum stays below 2^53; floating
 * point as running sums from the partition's first or last row, or summed per frame when both ends
 * slide); MIN and MAX rank the values once with the sort kernel and slide a monotonic deque over the
 * ranks, so they work for every orderable type. Any other aggregate (and DISTINCT, or sums beyond
 * 2^53) goes through the function's own accumulator: one group per partition when the frame is the
 * whole partition, else one group per row fed the rows of its frame.
 */
import * as arrow from 'apache-arrow';
import { toArrowType, type DataType } from '@quiver/common';
import type { AggregateFunction } from '@quiver/planner';
import { takeData } from '../selection/take.js';
import { rowComparator, sortIndices } from '../selection/sort-indices.js';
import { AvgFunction } from '../aggregates/avg.js';
import { CountFunction } from '../aggregates/count.js';
import { MinMaxFunction } from '../aggregates/min-max.js';
import { SumFunction } from '../aggregates/sum.js';
import type { FrameRanges } from './frames.js';
import type { WindowLayout } from './layout.js';
import { decimalColumn, float64Column, int64Column, isValidAt } from './columns.js';

export interface WindowAggregateCall {
  readonly func: AggregateFunction;
  readonly argTypes: readonly DataType[];
  readonly returnType: DataType;
  readonly distinct: boolean;
}

export function aggregateWindow(call: WindowAggregateCall, layout: WindowLayout, frames: FrameRanges, args: readonly arrow.Data[], filter: arrow.Data | null): arrow.Data {
  const { func } = call;
  if (!call.distinct) {
    const included = includedPositions(layout, args[0] ?? null, filter);
    if (func instanceof CountFunction) return countWindow(frames, included);
    if (func instanceof MinMaxFunction && args[0]!.typeId !== arrow.Type.Null && args[0]!.typeId !== arrow.Type.List) {
      return minMaxWindow(func.name === 'max', layout, frames, args[0]!, included);
    }
    if (func instanceof SumFunction || func instanceof AvgFunction) {
      const result = sumWindow(func instanceof AvgFunction, call, layout, frames, args[0]!, included);
      if (result !== null) return result;
    }
  }
  return accumulatorWindow(call, layout, frames, args, filter);
}

/** Per position: 1 when its row counts (its argument is not NULL and the FILTER holds). */
function includedPositions(layout: WindowLayout, arg: arrow.Data | null, filter: arrow.Data | null): Uint8Array {
  const { length: n, perm } = layout;
  const out = new Uint8Array(n);
  const bits = filter === null ? null : (filter.values as Uint8Array);
  for (let k = 0; k < n; k++) {
    const row = perm[k]!;
    if (arg !== null && !isValidAt(arg, row)) continue;
    if (filter !== null) {
      if (!isValidAt(filter, row)) continue;
      const b = filter.offset + row;
      if ((bits![b >> 3]! & (1 << (b & 7))) === 0) continue;
    }
    out[k] = 1;
  }
  return out;
}

/** Prefix counts of `included`: counts[j] = included positions before j. */
function prefixCounts(included: Uint8Array): Float64Array {
  const counts = new Float64Array(included.length + 1);
  for (let k = 0; k < included.length; k++) counts[k + 1] = counts[k]! + included[k]!;
  return counts;
}

function countWindow(frames: FrameRanges, included: Uint8Array): arrow.Data {
  const counts = prefixCounts(included);
  const out = new Float64Array(included.length);
  for (let k = 0; k < out.length; k++) out[k] = counts[frames.end[k]!]! - counts[frames.start[k]!]!;
  return int64Column(out, null);
}

/**
 * The argument as doubles per position (integers and decimals unscaled), or null when an integer or
 * decimal sum could reach 2^53 (then the exact accumulator does it).
 */
function scaledValues(layout: WindowLayout, arg: arrow.Data, included: Uint8Array): Float64Array | null {
  const { length: n, perm } = layout;
  const out = new Float64Array(n);
  const type = arg.type as arrow.DataType;
  const exact = !arrow.DataType.isFloat(type);
  let total = 0;
  if (arrow.DataType.isDecimal(type) || arg.typeId === arrow.Type.Int && (type as arrow.Int).bitWidth === 64) {
    const wide = arrow.DataType.isDecimal(type);
    const stride = wide ? 4 : 2;
    const v = arg.values as ArrayBufferView;
    const words = new Int32Array(v.buffer, v.byteOffset, arg.length * stride);
    for (let k = 0; k < n; k++) {
      if (!included[k]) continue;
      const j = perm[k]! * stride;
      const hi = words[j + 1]!;
      const sign = hi >> 31;
      if (hi >= 0x100000 || hi < -0x100000 || (wide && (words[j + 2] !== sign || words[j + 3] !== sign))) return null;
      const x = hi * 4294967296 + (words[j]! >>> 0);
      out[k] = x;
      total += Math.abs(x);
    }
  } else {
    const v = arg.values as Float64Array | Int32Array | Int16Array | Int8Array;
    for (let k = 0; k < n; k++) {
      if (!included[k]) continue;
      const x = v[perm[k]!]!;
      out[k] = x;
      total += Math.abs(x);
    }
  }
  return exact && total >= 2 ** 53 ? null : out;
}

function sumWindow(avg: boolean, call: WindowAggregateCall, layout: WindowLayout, frames: FrameRanges, arg: arrow.Data, included: Uint8Array): arrow.Data | null {
  const values = scaledValues(layout, arg, included);
  if (values === null) return null;
  const n = layout.length;
  const { start, end } = frames;
  const counts = prefixCounts(included);
  const sums = arrow.DataType.isFloat(arg.type) ? floatFrameSums(layout, frames, values) : exactFrameSums(frames, values);
  const valid = new Uint8Array(n);
  const inputType = call.argTypes[0]!;
  const divisor = inputType.kind === 'Decimal128' ? 10 ** inputType.scale : 1;
  for (let k = 0; k < n; k++) {
    const c = counts[end[k]!]! - counts[start[k]!]!;
    if (c === 0) continue;
    valid[k] = 1;
    if (avg) sums[k] = sums[k]! / divisor / c;
  }
  const t = call.returnType;
  if (avg || t.kind === 'Float64') return float64Column(sums, valid);
  if (t.kind === 'Decimal128') return decimalColumn(toArrowType(t), sums, valid);
  return int64Column(sums, valid);
}

/** Exact sums through prefix sums (every partial sum is below 2^53, so differences are exact). */
function exactFrameSums(frames: FrameRanges, values: Float64Array): Float64Array {
  const prefix = new Float64Array(values.length + 1);
  for (let k = 0; k < values.length; k++) prefix[k + 1] = prefix[k]! + values[k]!;
  const out = new Float64Array(values.length);
  for (let k = 0; k < out.length; k++) out[k] = prefix[frames.end[k]!]! - prefix[frames.start[k]!]!;
  return out;
}

/** Floating-point frame sums added in row order (no subtraction, so no cancellation or Infinity − Infinity). */
function floatFrameSums(layout: WindowLayout, frames: FrameRanges, values: Float64Array): Float64Array {
  const n = values.length;
  const { start, end } = frames;
  const out = new Float64Array(n);
  if (frames.fromPartitionStart) {
    const running = new Float64Array(n);
    for (let k = 0; k < n; k++) running[k] = (layout.partStart[k] === k ? 0 : running[k - 1]!) + values[k]!;
    for (let k = 0; k < n; k++) out[k] = end[k]! > start[k]! ? running[end[k]! - 1]! : 0;
  } else if (frames.toPartitionEnd) {
    const running = new Float64Array(n);
    for (let k = n - 1; k >= 0; k--) running[k] = (layout.partEnd[k] === k + 1 ? 0 : running[k + 1]!) + values[k]!;
    for (let k = 0; k < n; k++) out[k] = end[k]! > start[k]! ? running[start[k]!]! : 0;
  } else {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let j = start[k]!; j < end[k]!; j++) s += values[j]!;
      out[k] = s;
    }
  }
  return out;
}

/** MIN/MAX: the position of the least (greatest) value of each frame, by a monotonic deque over value ranks. */
function minMaxWindow(isMax: boolean, layout: WindowLayout, frames: FrameRanges, arg: arrow.Data, included: Uint8Array): arrow.Data {
  const { length: n, perm, partStart, partEnd } = layout;
  const rankOfRow = valueRanks(arg);
  const rank = new Float64Array(n);
  for (let k = 0; k < n; k++) rank[k] = isMax ? -rankOfRow[perm[k]!]! : rankOfRow[perm[k]!]!;
  const rows = new Int32Array(n);
  const deque = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let added = 0;
  for (let k = 0; k < n; k++) {
    if (partStart[k] === k) {
      head = tail = 0;
      added = k;
    }
    const e = Math.min(frames.end[k]!, partEnd[k]!);
    for (; added < e; added++) {
      if (!included[added]) continue;
      while (tail > head && rank[deque[tail - 1]!]! > rank[added]!) tail--;
      deque[tail++] = added;
    }
    while (tail > head && deque[head]! < frames.start[k]!) head++;
    rows[k] = tail > head ? perm[deque[head]!]! : -1;
  }
  return takeData(arg, rows);
}

/** Dense ranks of a column's values (equal values share a rank), by the sort kernel's order. */
function valueRanks(arg: arrow.Data): Float64Array {
  const n = arg.length;
  const key = [{ data: arg, asc: true, nullsFirst: false }];
  const order = sortIndices(key, n);
  const cmp = rowComparator(key);
  const ranks = new Float64Array(n);
  let r = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && cmp(order[i - 1]!, order[i]!) !== 0) r++;
    ranks[order[i]!] = r;
  }
  return ranks;
}

/** Rows fed to the accumulator per update call when each row's frame is its own group. */
const CHUNK = 1 << 16;

function accumulatorWindow(call: WindowAggregateCall, layout: WindowLayout, frames: FrameRanges, args: readonly arrow.Data[], filter: arrow.Data | null): arrow.Data {
  const { length: n, perm, partStart } = layout;
  const acc = call.func.createAccumulator(call.argTypes, call.returnType, call.distinct);
  const passes = filter === null ? null : includedPositions(layout, null, filter);
  if (frames.fromPartitionStart && frames.toPartitionEnd) {
    // One group per partition, fed every (passing) row once; each position reads its partition's value.
    const partOf = new Int32Array(n);
    let p = -1;
    for (let k = 0; k < n; k++) partOf[k] = partStart[k] === k ? ++p : p;
    const sel = new Int32Array(n);
    const groupIds = new Int32Array(n);
    let m = 0;
    for (let k = 0; k < n; k++) {
      if (passes !== null && !passes[k]) continue;
      sel[m] = perm[k]!;
      groupIds[m++] = partOf[k]!;
    }
    const taken = sel.subarray(0, m);
    acc.update(args.map((a) => takeData(a, taken)), groupIds.subarray(0, m), p + 1);
    return takeData(acc.evaluate(p + 1), partOf);
  }
  const rows = new Int32Array(CHUNK);
  const groups = new Int32Array(CHUNK);
  let used = 0;
  const flush = () => {
    const sel = rows.slice(0, used);
    acc.update(args.map((a) => takeData(a, sel)), groups.slice(0, used), n);
    used = 0;
  };
  for (let k = 0; k < n; k++) {
    for (let j = frames.start[k]!; j < frames.end[k]!; j++) {
      if (passes !== null && !passes[j]) continue;
      rows[used] = perm[j]!;
      groups[used++] = k;
      if (used === CHUNK) flush();
    }
  }
  if (used > 0) flush();
  return acc.evaluate(n);
}
