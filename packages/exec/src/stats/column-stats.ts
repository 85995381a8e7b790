/**
 * Column statistics computed from Arrow data a chunk at a time, on the typed arrays: null count,
 * min and max (exact), distinct count (HyperLogLog estimate) and average width.
 */
import type * as arrow from 'apache-arrow';
import type { DataType, Schema } from '@quiver/common';
import { ABSENT, estimated, exact, type ColumnStatistics, type TableStatistics } from '@quiver/planner';
import { getBit } from '../kernels/validity.js';
import { scalarAt } from '../kernels/scalar.js';
import { TWO_32 } from '../kernels/wide-int.js';
import { hash128, hash64, hashBytes, HyperLogLog, mix32 } from './hyperloglog.js';

/** Collects one column's statistics over the chunks passed to `add`. */
export class ColumnStatsBuilder {
  private readonly sketch = new HyperLogLog();
  private rows = 0;
  private nulls = 0;
  private bytes = 0;
  private min: { data: arrow.Data; index: number; key: number } | null = null;
  private max: { data: arrow.Data; index: number; key: number } | null = null;

  private readonly sketched: boolean;

  constructor(readonly type: DataType) {
    this.sketched = type.kind !== 'Interval' && type.kind !== 'Null';
  }

  add(data: arrow.Data): void {
    this.rows += data.length;
    this.nulls += data.nullCount;
    const valid = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
    switch (this.type.kind) {
      case 'Utf8':
        return this.addStrings(data, valid);
      case 'Boolean': {
        const bits = data.values as Uint8Array;
        for (let i = 0; i < data.length; i++) {
          if (valid && !getBit(valid, data.offset + i)) continue;
          this.sketch.add(mix32(getBit(bits, data.offset + i) ? 1 : 2));
        }
        this.bytes += data.length / 8;
        return;
      }
      case 'Int64':
      case 'Timestamp': {
        const v = data.values as BigInt64Array;
        const w = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
        for (let i = 0; i < data.length; i++) {
          if (valid && !getBit(valid, data.offset + i)) continue;
          const lo = w[2 * i]!;
          const hi = w[2 * i + 1]!;
          this.sketch.add(hash64(lo, hi));
          this.range(data, i, hi * TWO_32 + (lo >>> 0));
        }
        this.bytes += 8 * data.length;
        return;
      }
      case 'Decimal128': {
        const w = data.values as Uint32Array;
        for (let i = 0; i < data.length; i++) {
          if (valid && !getBit(valid, data.offset + i)) continue;
          const b = 4 * i;
          const w1 = w[b + 1]! | 0;
          const sign = w1 >> 31;
          if ((w[b + 2]! | 0) === sign && (w[b + 3]! | 0) === sign) {
            this.sketch.add(hash64(w[b]!, w1));
            this.range(data, i, w1 * TWO_32 + w[b]!);
          } else {
            this.sketch.add(hash128(w[b]!, w1, w[b + 2]!, w[b + 3]!));
            this.range(data, i, (w[b + 3]! | 0) * 2 ** 96 + w[b + 2]! * 2 ** 64 + w[b + 1]! * TWO_32 + w[b]!);
          }
        }
        this.bytes += 16 * data.length;
        return;
      }
      case 'Float64':
      case 'Float32': {
        const v = data.values as Float64Array | Float32Array;
        const perValue = v.BYTES_PER_ELEMENT / 4;
        const w = new Uint32Array(v.buffer, v.byteOffset, v.length * perValue);
        for (let i = 0; i < data.length; i++) {
          if (valid && !getBit(valid, data.offset + i)) continue;
          this.sketch.add(perValue === 2 ? hash64(w[2 * i]!, w[2 * i + 1]!) : mix32(w[i]!));
          this.range(data, i, v[i]!);
        }
        this.bytes += v.BYTES_PER_ELEMENT * data.length;
        return;
      }
      case 'Int8':
      case 'Int16':
      case 'Int32':
      case 'Date32': {
        const v = data.values as Int32Array | Int16Array | Int8Array;
        for (let i = 0; i < data.length; i++) {
          if (valid && !getBit(valid, data.offset + i)) continue;
          this.sketch.add(mix32(v[i]!));
          this.range(data, i, v[i]!);
        }
        this.bytes += v.BYTES_PER_ELEMENT * data.length;
        return;
      }
      default:
        return;
    }
  }

  private addStrings(data: arrow.Data, valid: Uint8Array | null): void {
    const offsets = data.valueOffsets as Int32Array;
    const bytes = data.values as Uint8Array;
    // `key` of a string's min/max entry is its first byte (-1 when empty): most rows differ there
    // from the current min and max, and need no full comparison.
    for (let i = 0; i < data.length; i++) {
      if (valid && !getBit(valid, data.offset + i)) continue;
      const start = offsets[i]!;
      const end = offsets[i + 1]!;
      this.sketch.add(hashBytes(bytes, start, end));
      const first = start < end ? bytes[start]! : -1;
      if (this.min === null || (first <= this.min.key && compareStrings(data, i, this.min.data, this.min.index) < 0)) this.min = { data, index: i, key: first };
      if (this.max === null || (first >= this.max.key && compareStrings(data, i, this.max.data, this.max.index) > 0)) this.max = { data, index: i, key: first };
    }
    this.bytes += offsets[data.length]! - offsets[0]!;
  }

  private range(data: arrow.Data, index: number, key: number): void {
    if (this.min === null || key < this.min.key) this.min = { data, index, key };
    if (this.max === null || key > this.max.key) this.max = { data, index, key };
  }

  finish(): ColumnStatistics {
    const nonNull = this.rows - this.nulls;
    const ndv = this.type.kind === 'Boolean' ? Math.min(2, this.sketch.estimate()) : this.sketch.estimate();
    return {
      nullCount: exact(this.nulls),
      min: this.min ? exact(scalarAt(this.min.data, this.min.index, this.type)) : ABSENT,
      max: this.max ? exact(scalarAt(this.max.data, this.max.index, this.type)) : ABSENT,
      distinctCount: this.sketched ? estimated(Math.min(ndv, nonNull)) : ABSENT,
      avgWidth: this.rows > 0 ? estimated(this.bytes / this.rows) : ABSENT,
    };
  }
}

/** Byte-wise order of string `i` of `a` and string `j` of `b`. */
function compareStrings(a: arrow.Data, i: number, b: arrow.Data, j: number): number {
  const ao = a.valueOffsets as Int32Array;
  const bo = b.valueOffsets as Int32Array;
  const av = a.values as Uint8Array;
  const bv = b.values as Uint8Array;
  const as = ao[i]!;
  const bs = bo[j]!;
  const alen = ao[i + 1]! - as;
  const blen = bo[j + 1]! - bs;
  const n = Math.min(alen, blen);
  for (let k = 0; k < n; k++) if (av[as + k] !== bv[bs + k]) return av[as + k]! - bv[bs + k]!;
  return alen - blen;
}

/**
 * Statistics of a whole table held as record batches (row count exact). Each column's are computed
 * when first read: a query plan reads only the columns it scans.
 */
export function batchStatistics(schema: Schema, batches: readonly arrow.RecordBatch[]): TableStatistics {
  const rows = batches.reduce((n, b) => n + b.numRows, 0);
  return {
    rowCount: exact(rows),
    columns: lazyColumnStatistics(schema.fields.length, (i) => {
      const builder = new ColumnStatsBuilder(schema.fields[i]!.type);
      for (const batch of batches) builder.add(batch.data.children[i]!);
      return builder.finish();
    }),
  };
}

/** An array of `n` columns' statistics, entry i computed by `compute(i)` when first read and then kept. */
export function lazyColumnStatistics(n: number, compute: (i: number) => ColumnStatistics): readonly ColumnStatistics[] {
  const columns: ColumnStatistics[] = [];
  for (let i = 0; i < n; i++) {
    Object.defineProperty(columns, i, {
      configurable: true,
      enumerable: true,
      get: () => {
        const value = compute(i);
        Object.defineProperty(columns, i, { value, enumerable: true });
        return value;
      },
    });
  }
  return columns;
}
