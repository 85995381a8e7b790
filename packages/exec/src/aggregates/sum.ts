/**
 * SUM: BIGINT for integer input (overflow is an EXECUTION error), DECIMAL(38,s) for DECIMAL(p,s)
 * (exact, through `ExactSumState`), DOUBLE for floating point; NULL for a group without values.
 * The accumulators also serve AVG, which needs the same sums and the per-group value counts.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, isFloat, isInteger, QuiverError, typeToString, type DataType } from '@quiver/common';
import type { AggregateFunction, GroupsAccumulator } from '@quiver/planner';
import { makeColumn } from '../selection/make-column.js';
import { bitmapFromBytes } from '../kernels/validity.js';
import { DistinctAccumulator } from './distinct.js';
import { ExactSumState, int128AsBigInt, writeInt128 } from './exact-sum.js';

export class SumFunction implements AggregateFunction {
  readonly name = 'sum';
  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    return [numericArg(this.name, argTypes)];
  }
  returnType(argTypes: readonly DataType[]): DataType {
    const t = argTypes[0]!;
    if (t.kind === 'Decimal128') return DataTypes.decimal(38, t.scale);
    return isFloat(t) ? DataTypes.float64 : DataTypes.int64;
  }
  stateTypes(argTypes: readonly DataType[]): DataType[] {
    return SumAccumulator.stateTypes(argTypes[0]!);
  }
  createAccumulator(argTypes: readonly DataType[], returnType: DataType, distinct: boolean): GroupsAccumulator {
    const inner = new SumAccumulator(argTypes[0]!, returnType);
    return distinct ? new DistinctAccumulator(argTypes, inner) : inner;
  }
}

/** The single numeric argument type SUM/AVG are computed over (Float32 widens, NULL reads as BIGINT). */
export function numericArg(fn: string, argTypes: readonly DataType[]): DataType {
  if (argTypes.length !== 1) throw new QuiverError('TYPE', `${fn}() takes exactly one argument, got ${argTypes.length}`);
  const t = argTypes[0]!;
  if (t.kind === 'Null') return DataTypes.int64;
  if (t.kind === 'Float32') return DataTypes.float64;
  if (isInteger(t) || t.kind === 'Float64' || t.kind === 'Decimal128') return t;
  throw new QuiverError('TYPE', `${fn}(${typeToString(t)}) is not supported: the argument must be numeric`);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL_LIMIT = 10n ** 38n;
/** Running sums stay below this in the Float64 fast path (see `ExactSumState`). */
const SPILL = 2 ** 52;

/** Adds `x` (below 2^52 in magnitude) to group `g`'s running sum, spilling it to BigInt at 2^52. */
function addSmall(exact: ExactSumState, acc: Float64Array, g: number, x: number): void {
  const a = acc[g]! + x;
  if (a < SPILL && a > -SPILL) acc[g] = a;
  else {
    acc[g] = 0;
    exact.addBig(g, BigInt(a));
  }
}

/** Adds one batch of non-NULL Decimal128 values (as 4 little-endian words each) to their groups' sums. */
function addDecimals(words: Int32Array, groupIds: Int32Array, counts: Float64Array, exact: ExactSumState): void {
  const acc = exact.acc;
  const n = groupIds.length;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const g = groupIds[i]!;
    if (g < 0) continue;
    counts[g]!++;
    // Fast path: the value is below 2^52 in magnitude (the upper words are sign extension).
    const hi = words[j + 1]!;
    const sign = hi >> 31;
    if (hi < 0x100000 && hi >= -0x100000 && words[j + 2] === sign && words[j + 3] === sign) {
      addSmall(exact, acc, g, hi * 4294967296 + (words[j]! >>> 0));
    } else exact.addBig(g, int128AsBigInt(words, i));
  }
}

/** Per-group sums and non-NULL counts of one numeric column. */
export class SumAccumulator implements GroupsAccumulator {
  /** Rows whose group id is -1 are left out (see `HashAggregateExec`). */
  readonly skipsUnassignedRows = true;
  private readonly exact: ExactSumState | null;
  private floats = new Float64Array(0);
  counts = new Float64Array(0);

  constructor(
    readonly inputType: DataType,
    private readonly returnType: DataType,
  ) {
    this.exact = isFloat(inputType) ? null : new ExactSumState();
  }

  private resize(numGroups: number): void {
    if (numGroups <= this.counts.length) return;
    const cap = Math.max(numGroups, this.counts.length * 2, 16);
    const counts = new Float64Array(cap);
    counts.set(this.counts);
    this.counts = counts;
    if (this.exact) this.exact.resize(cap);
    else {
      const f = new Float64Array(cap);
      f.set(this.floats);
      this.floats = f;
    }
  }

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.resize(numGroups);
    const data = args[0]!;
    if (data.typeId === arrow.Type.Null) return;
    const n = groupIds.length;
    const bm = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
    const off = data.offset;
    const counts = this.counts;
    const exact = this.exact;
    const kind = this.inputType.kind;
    if (exact === null) {
      const v = data.values as Float64Array;
      const sums = this.floats;
      for (let i = 0; i < n; i++) {
        if (bm !== null && !(bm[(off + i) >> 3]! & (1 << ((off + i) & 7)))) continue;
        const g = groupIds[i]!;
        if (g < 0) continue;
        sums[g]! += v[i]!;
        counts[g]!++;
      }
    } else if (kind === 'Decimal128' && bm === null) {
      const v = data.values as Uint32Array;
      addDecimals(new Int32Array(v.buffer, v.byteOffset, v.byteLength >> 2), groupIds, counts, exact);
    } else if (kind === 'Int64' || kind === 'Decimal128') {
      const v = data.values as BigInt64Array | Uint32Array;
      const words = new Int32Array(v.buffer, v.byteOffset, v.byteLength >> 2);
      const w = kind === 'Decimal128' ? 4 : 2;
      const acc = exact.acc;
      for (let i = 0; i < n; i++) {
        if (bm !== null && !(bm[(off + i) >> 3]! & (1 << ((off + i) & 7)))) continue;
        const g = groupIds[i]!;
        if (g < 0) continue;
        counts[g]!++;
        // Inline fast path: the value is below 2^52 in magnitude (upper words are sign extension).
        const hi = words[w * i + 1]!;
        if (hi < 0x100000 && hi >= -0x100000 && (w === 2 || (words[w * i + 2] === hi >> 31 && words[w * i + 3] === hi >> 31))) {
          addSmall(exact, acc, g, hi * 4294967296 + (words[w * i]! >>> 0));
        } else {
          exact.addBig(g, w === 4 ? int128AsBigInt(words, i) : (v as BigInt64Array)[i]!);
        }
      }
    } else {
      const v = data.values as Int8Array | Int16Array | Int32Array;
      const acc = exact.acc;
      for (let i = 0; i < n; i++) {
        if (bm !== null && !(bm[(off + i) >> 3]! & (1 << ((off + i) & 7)))) continue;
        const g = groupIds[i]!;
        if (g < 0) continue;
        counts[g]!++;
        const a = acc[g]! + v[i]!;
        if (a < SPILL && a > -SPILL) acc[g] = a;
        else {
          acc[g] = 0;
          exact.addBig(g, BigInt(a));
        }
      }
    }
  }

  /**
   * `update` with a DECIMAL argument given as its exact scaled values (integers below 2^53 in
   * magnitude, no NULLs: see `scaledTreeValues`), so no Decimal128 words are written or read.
   */
  updateScaled(values: Float64Array, groupIds: Int32Array, numGroups: number): void {
    this.resize(numGroups);
    const exact = this.exact!;
    const acc = exact.acc;
    const counts = this.counts;
    for (let i = 0; i < groupIds.length; i++) {
      const g = groupIds[i]!;
      if (g < 0) continue;
      counts[g]!++;
      const x = values[i]!;
      if (x < SPILL && x > -SPILL) addSmall(exact, acc, g, x);
      else exact.addBig(g, BigInt(x));
    }
  }

  /** Group `g`'s sum as a double (for AVG; decimals unscaled). */
  sumAsNumber(g: number): number {
    if (this.exact === null) return this.floats[g]!;
    return this.exact.isSmall(g) ? this.exact.acc[g]! : Number(this.exact.total(g));
  }

  evaluate(numGroups: number): arrow.Data {
    this.resize(numGroups);
    const valid = new Uint8Array(numGroups);
    for (let g = 0; g < numGroups; g++) valid[g] = this.counts[g]! > 0 ? 1 : 0;
    const validity = bitmapFromBytes(valid, numGroups);
    const exact = this.exact;
    if (exact === null) {
      return makeColumn(new arrow.Float64(), numGroups, { validity, values: this.floats.slice(0, numGroups) });
    }
    if (this.returnType.kind === 'Decimal128') {
      const type = new arrow.Decimal(this.returnType.scale, 38, 128);
      return makeColumn(type, numGroups, { validity, values: this.exactWords(exact, numGroups, valid, this.returnType) });
    }
    const out = new BigInt64Array(numGroups);
    for (let g = 0; g < numGroups; g++) {
      if (!valid[g]) continue;
      const t = exact.total(g);
      if (t < INT64_MIN || t > INT64_MAX) throw new QuiverError('EXECUTION', `sum() overflowed BIGINT: the total is ${t}`);
      out[g] = t;
    }
    return makeColumn(new arrow.Int64(), numGroups, { validity, values: out });
  }

  /** The exact sums of groups with `valid[g]` as 128-bit words (4 per group); beyond 10^38 is an overflow of `type`. */
  private exactWords(exact: ExactSumState, numGroups: number, valid: Uint8Array | null, type: DataType): Uint32Array {
    const words = new Int32Array(numGroups * 4);
    for (let g = 0; g < numGroups; g++) {
      if (valid !== null && !valid[g]) continue;
      if (exact.isSmall(g)) {
        const x = exact.acc[g]!;
        const lo = x % 4294967296;
        words[4 * g] = lo | 0;
        const hi = Math.floor(x / 4294967296);
        words[4 * g + 1] = hi | 0;
        words[4 * g + 2] = words[4 * g + 3] = hi < 0 ? -1 : 0;
        continue;
      }
      const t = exact.total(g);
      if (t >= DECIMAL_LIMIT || t <= -DECIMAL_LIMIT) {
        throw new QuiverError('EXECUTION', `sum() overflowed ${typeToString(type)}`);
      }
      writeInt128(words, g, t);
    }
    return new Uint32Array(words.buffer);
  }

  /** The partial state's types: the sum (DOUBLE, or exact as DECIMAL(38, s), integers at scale 0) and the count. */
  static stateTypes(inputType: DataType): DataType[] {
    const sum = isFloat(inputType) ? DataTypes.float64 : DataTypes.decimal(38, inputType.kind === 'Decimal128' ? inputType.scale : 0);
    return [sum, DataTypes.int64];
  }

  state(numGroups: number): arrow.Data[] {
    this.resize(numGroups);
    const counts = new BigInt64Array(numGroups);
    for (let g = 0; g < numGroups; g++) counts[g] = BigInt(this.counts[g]!);
    const countColumn = makeColumn(new arrow.Int64(), numGroups, { validity: null, values: counts });
    const exact = this.exact;
    if (exact === null) return [makeColumn(new arrow.Float64(), numGroups, { validity: null, values: this.floats.slice(0, numGroups) }), countColumn];
    const sumType = SumAccumulator.stateTypes(this.inputType)[0]!;
    const type = new arrow.Decimal(sumType.kind === 'Decimal128' ? sumType.scale : 0, 38, 128);
    return [makeColumn(type, numGroups, { validity: null, values: this.exactWords(exact, numGroups, null, sumType) }), countColumn];
  }

  merge(states: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.resize(numGroups);
    const [sums, partCounts] = states as [arrow.Data, arrow.Data];
    const c = partCounts.values as BigInt64Array;
    const counts = this.counts;
    const exact = this.exact;
    const n = groupIds.length;
    if (exact === null) {
      const v = sums.values as Float64Array;
      const floats = this.floats;
      for (let i = 0; i < n; i++) {
        const g = groupIds[i]!;
        if (g < 0) continue;
        counts[g]! += Number(c[i]!);
        floats[g]! += v[i]!;
      }
      return;
    }
    const v = sums.values as Uint32Array;
    const words = new Int32Array(v.buffer, v.byteOffset, n * 4);
    for (let i = 0; i < n; i++) {
      const g = groupIds[i]!;
      if (g < 0 || c[i] === 0n) continue;
      counts[g]! += Number(c[i]!);
      const hi = words[4 * i + 1]!;
      const sign = hi >> 31;
      if (hi < 0x100000 && hi >= -0x100000 && words[4 * i + 2] === sign && words[4 * i + 3] === sign) {
        addSmall(exact, exact.acc, g, hi * 4294967296 + (words[4 * i]! >>> 0));
      } else exact.addBig(g, int128AsBigInt(words, i));
    }
  }

  memoryBytes(): number {
    return this.counts.byteLength + this.floats.byteLength + (this.exact?.memoryBytes() ?? 0);
  }
}
