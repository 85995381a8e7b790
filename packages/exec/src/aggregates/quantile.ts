/**
 * Holistic quantile aggregates: MEDIAN(x), PERCENTILE_CONT(x, p) (QUANTILE_CONT), APPROX_MEDIAN(x),
 * APPROX_PERCENTILE_CONT(x, p[, centroids]) and APPROX_PERCENTILE_CONT_WITH_WEIGHT(x, w, p). The SQL
 * planner turns `f(p) WITHIN GROUP (ORDER BY x [DESC])` into `f(x, p)` (or `f(x, w, p)`), with 1 − p
 * for DESC. `p` is a constant DOUBLE in [0, 1].
 *
 * Every non-NULL value is buffered columnarly (its group id, and the value as a DOUBLE or as the four
 * words of a Decimal128; the weight for the weighted form); `evaluate` orders the rows by group with a
 * counting sort and sorts each group's values. Every form returns DOUBLE, except that FLOAT stays FLOAT
 * and MEDIAN keeps DECIMAL (exactly, as DataFusion; PERCENTILE_CONT interpolates decimals as DOUBLE, as
 * PostgreSQL). The APPROX_* forms are computed exactly (see `quantile-math.ts`). A group without
 * values (or without positive weight) is NULL.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, isNumeric, QuiverError, toArrowType, typeToString, type DataType } from '@quiver/common';
import type { AggregateFunction, GroupsAccumulator } from '@quiver/planner';
import { makeColumn } from '../selection/make-column.js';
import { asValues } from '../selection/layout.js';
import { bitmapFromBytes } from '../kernels/validity.js';
import { ensureCapacity } from '../hash/grow.js';
import { DistinctAccumulator } from './distinct.js';
import { int128AsBigInt, writeInt128 } from './exact-sum.js';
import { digestQuantile, interpolateDecimal, medianOf, percentileContOf, rankOf } from './quantile-math.js';

export type QuantileKind = 'median' | 'percentile_cont' | 'approx_median' | 'approx_percentile_cont' | 'approx_percentile_cont_with_weight';

const ARITY: Record<QuantileKind, readonly number[]> = {
  median: [1],
  percentile_cont: [2],
  approx_median: [1],
  approx_percentile_cont: [2, 3],
  approx_percentile_cont_with_weight: [3],
};

/** Where the constant percentile (and APPROX_PERCENTILE_CONT's centroid count) sit among the arguments. */
const CONSTANT_ARGS: Record<QuantileKind, readonly number[]> = {
  median: [],
  percentile_cont: [1],
  approx_median: [],
  approx_percentile_cont: [1, 2],
  approx_percentile_cont_with_weight: [2],
};

export class QuantileFunction implements AggregateFunction {
  readonly constantArgs: readonly number[];
  constructor(
    readonly name: string,
    private readonly kind: QuantileKind,
  ) {
    this.constantArgs = CONSTANT_ARGS[kind];
  }

  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    if (!ARITY[this.kind].includes(argTypes.length)) {
      throw new QuiverError('TYPE', `${this.name}() takes ${ARITY[this.kind].join(' or ')} arguments, got ${argTypes.length}`);
    }
    for (const t of argTypes) {
      if (t.kind !== 'Null' && !isNumeric(t)) throw new QuiverError('TYPE', `${this.name}(${argTypes.map(typeToString).join(', ')}) is not supported: the arguments must be numeric`);
    }
    const [value, ...rest] = argTypes;
    return [this.valueType(value!), ...rest.map((t, i) => (this.kind === 'approx_percentile_cont' && i === 1 ? t : DataTypes.float64))];
  }

  /** The type values are computed (and returned) in. */
  private valueType(t: DataType): DataType {
    if (t.kind === 'Float32') return t;
    if (this.kind === 'median' && t.kind === 'Decimal128') return t;
    return DataTypes.float64;
  }

  returnType(argTypes: readonly DataType[]): DataType {
    return argTypes[0]!;
  }

  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, distinct: boolean): GroupsAccumulator {
    const inner = new QuantileAccumulator(this.kind, argTypes[0]!);
    // The percentile is constant, so distinct (value, percentile) pairs are the distinct values.
    return distinct ? new DistinctAccumulator(argTypes, inner) : inner;
  }
}

function compareFloats(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  return a === a ? -1 : b === b ? 1 : 0; // NaN sorts last
}

export class QuantileAccumulator implements GroupsAccumulator {
  private groups = new Int32Array(0);
  private values = new Float64Array(0);
  private words = new Int32Array(0);
  private weights = new Float64Array(0);
  private length = 0;
  private percentile: number | null = null;
  private readonly decimal: boolean;
  private readonly weighted: boolean;

  constructor(
    private readonly kind: QuantileKind,
    private readonly valueType: DataType,
  ) {
    this.decimal = valueType.kind === 'Decimal128';
    this.weighted = kind === 'approx_percentile_cont_with_weight';
  }

  update(args: readonly arrow.Data[], groupIds: Int32Array): void {
    const n = groupIds.length;
    if (n === 0) return;
    const pArg = this.kind === 'percentile_cont' || this.kind === 'approx_percentile_cont' ? args[1] : this.weighted ? args[2] : undefined;
    if (pArg !== undefined && this.percentile === null) this.percentile = percentileOf(pArg);
    const value = args[0]!;
    if (value.typeId === arrow.Type.Null) return;
    const weight = this.weighted ? args[1]! : null;
    if (weight !== null && weight.typeId === arrow.Type.Null) return;
    const need = this.length + n;
    this.groups = ensureCapacity(this.groups, need);
    if (this.decimal) this.words = ensureCapacity(this.words, need * 4);
    else this.values = ensureCapacity(this.values, need);
    if (weight !== null) this.weights = ensureCapacity(this.weights, need);
    const bm = value.nullCount > 0 && value.nullBitmap && value.nullBitmap.length > 0 ? value.nullBitmap : null;
    const off = value.offset;
    const input = this.decimal ? null : (value.values as ArrayLike<number>);
    const inWords = this.decimal ? (() => { const v = value.values as ArrayBufferView; return new Int32Array(v.buffer, v.byteOffset, n * 4); })() : null;
    const w = weight === null ? null : (weight.values as Float64Array);
    const wbm = weight !== null && weight.nullCount > 0 && weight.nullBitmap && weight.nullBitmap.length > 0 ? weight.nullBitmap : null;
    let len = this.length;
    for (let i = 0; i < n; i++) {
      if (bm !== null && !(bm[(off + i) >> 3]! & (1 << ((off + i) & 7)))) continue;
      if (w !== null) {
        const b = weight!.offset + i;
        if (wbm !== null && !(wbm[b >> 3]! & (1 << (b & 7)))) continue;
        if (!(w[i]! > 0)) continue;
        this.weights[len] = w[i]!;
      }
      this.groups[len] = groupIds[i]!;
      if (inWords !== null) this.words.set(inWords.subarray(i * 4, i * 4 + 4), len * 4);
      else this.values[len] = input![i]!;
      len++;
    }
    this.length = len;
  }

  evaluate(numGroups: number): arrow.Data {
    const { order, starts } = this.rowsByGroup(numGroups);
    const valid = new Uint8Array(numGroups);
    const type = toArrowType(this.valueType);
    if (this.decimal) {
      const out = new Int32Array(numGroups * 4);
      for (let g = 0; g < numGroups; g++) {
        const rows = order.subarray(starts[g]!, starts[g + 1]!);
        if (rows.length === 0) continue;
        valid[g] = 1;
        writeInt128(out, g, this.decimalResult(rows));
      }
      return makeColumn(type, numGroups, { validity: bitmapFromBytes(valid, numGroups), values: asValues(type, out) });
    }
    const out = this.valueType.kind === 'Float32' ? new Float32Array(numGroups) : new Float64Array(numGroups);
    const sorted = new Float64Array(this.length);
    const sortedWeights = this.weighted ? new Float64Array(this.length) : null;
    for (let g = 0; g < numGroups; g++) {
      const start = starts[g]!;
      const rows = order.subarray(start, starts[g + 1]!);
      if (rows.length === 0) continue;
      valid[g] = 1;
      const seg = sorted.subarray(start, start + rows.length);
      if (sortedWeights === null) {
        for (let k = 0; k < rows.length; k++) seg[k] = this.values[rows[k]!]!;
        seg.sort();
        out[g] = this.floatResult(seg, null);
      } else {
        rows.sort((a, b) => compareFloats(this.values[a]!, this.values[b]!));
        const segWeights = sortedWeights.subarray(start, start + rows.length);
        for (let k = 0; k < rows.length; k++) {
          seg[k] = this.values[rows[k]!]!;
          segWeights[k] = this.weights[rows[k]!]!;
        }
        out[g] = this.floatResult(seg, segWeights);
      }
    }
    return makeColumn(type, numGroups, { validity: bitmapFromBytes(valid, numGroups), values: out });
  }

  private floatResult(sorted: Float64Array, weights: Float64Array | null): number {
    switch (this.kind) {
      case 'median': return medianOf(sorted);
      case 'percentile_cont': return percentileContOf(sorted, this.percentile!);
      case 'approx_median': return digestQuantile(sorted, null, 0.5);
      default: return digestQuantile(sorted, weights, this.percentile!);
    }
  }

  /** MEDIAN or PERCENTILE_CONT of the decimal rows `rows` (sorted here), as an unscaled value. */
  private decimalResult(rows: Int32Array): bigint {
    const words = this.words;
    rows.sort((a, b) => {
      for (let k = 3; k >= 0; k--) {
        const x = k === 3 ? words[a * 4 + k]! : words[a * 4 + k]! >>> 0;
        const y = k === 3 ? words[b * 4 + k]! : words[b * 4 + k]! >>> 0;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
    const at = (k: number) => int128AsBigInt(words, rows[k]!);
    const n = rows.length;
    if (this.kind === 'median') return n % 2 === 1 ? at(n >> 1) : (at((n >> 1) - 1) + at(n >> 1)) / 2n;
    const { lo, hi, millionths } = rankOf(n, this.percentile!);
    return lo === hi ? at(lo) : interpolateDecimal(at(lo), at(hi), millionths);
  }

  /** Buffered row indices ordered by group (a counting sort), and where each group's rows start. */
  private rowsByGroup(numGroups: number): { order: Int32Array; starts: Int32Array } {
    const starts = new Int32Array(numGroups + 1);
    const groups = this.groups;
    for (let i = 0; i < this.length; i++) starts[groups[i]! + 1]!++;
    for (let g = 0; g < numGroups; g++) starts[g + 1]! += starts[g]!;
    const next = starts.slice(0, numGroups);
    const order = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) order[next[groups[i]!]!++] = i;
    return { order, starts };
  }

  memoryBytes(): number {
    return this.groups.byteLength + this.values.byteLength + this.words.byteLength + this.weights.byteLength;
  }
}

/** The constant percentile argument: a DOUBLE in [0, 1]. */
function percentileOf(arg: arrow.Data): number {
  const valid = arg.typeId !== arrow.Type.Null && (arg.nullCount === 0 || !arg.nullBitmap || (arg.nullBitmap[arg.offset >> 3]! & (1 << (arg.offset & 7))) !== 0);
  const p = valid ? (arg.values as Float64Array)[0]! : NaN;
  if (!(p >= 0 && p <= 1)) throw new QuiverError('EXECUTION', `percentile must be between 0.0 and 1.0 inclusive, got ${valid ? p : 'NULL'}`);
  return p;
}
