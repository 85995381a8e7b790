import { describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import { DataTypes as T, type DataType } from '@quiver/common';
import { column, valuesOf, batchOf } from '../test-helpers.js';
import { takeData } from './take.js';
import { filterData, selectionFromMask } from './filter.js';
import { concatData } from './concat.js';
import { concatBatches, filterBatch, sliceBatch, takeBatch } from './record-batch.js';
import { BatchCoalescer } from './coalesce.js';

const cases: [string, DataType, unknown[]][] = [
  ['Boolean', T.boolean, [true, null, false, true, false, null, true, true, false, true]],
  ['Int8', T.int8, [1, -2, null, 127, -128]],
  ['Int16', T.int16, [300, null, -300, 7, 8]],
  ['Int32', T.int32, [1, 2, null, -4, 2147483647]],
  ['Int64', T.int64, [1n, null, -(2n ** 62n), 2n ** 63n - 1n, 5n]],
  ['Float32', T.float32, [1.5, null, -2.25, 0, 3]],
  ['Float64', T.float64, [1.5, NaN, null, -0.1, 1e300]],
  ['Decimal128', T.decimal(38, 2), [12345n, null, -1n, 10n ** 37n, -(10n ** 36n)]],
  ['Utf8', T.utf8, ['a', '', null, 'héllo wörld', 'x'.repeat(40)]],
  ['Date32', T.date32, [0, -1, null, 19000, 3]],
  ['Timestamp', T.timestamp('microsecond'), [1n, null, 1700000000000000n, -5n, 0n]],
  ['List', T.list(T.int32), [[1, 2], null, [], [3, null, 4], [5]]],
];

describe('selection kernels', () => {
  for (const [name, type, values] of cases) {
    describe(name, () => {
      it('takes rows by index, -1 giving NULL, honouring a sliced input', () => {
        const data = column(type, values);
        expect(valuesOf(takeData(data, new Int32Array([4, 0, -1, 2, 0])))).toEqual([values[4], values[0], null, values[2], values[0]]);
        const sliced = data.slice(1, 3);
        expect(valuesOf(takeData(sliced, new Int32Array([2, 0])))).toEqual([values[3], values[1]]);
      });

      it('takes mostly consecutive indices (copied in runs) like any others, on a sliced input too', () => {
        const many = Array.from({ length: 200 }, (_, i) => values[i % values.length]);
        const data = column(type, many);
        const indices = Array.from({ length: 150 }, (_, i) => (i === 70 ? -1 : i < 100 ? i : i + 20));
        const expected = indices.map((r) => (r < 0 ? null : many[r]));
        expect(valuesOf(takeData(data, new Int32Array(indices)))).toEqual(expected);
        const sliced = data.slice(3, 190);
        expect(valuesOf(takeData(sliced, new Int32Array(indices)))).toEqual(indices.map((r) => (r < 0 ? null : many[r + 3])));
      });

      it('filters by a three-valued mask (NULL drops the row)', () => {
        const data = column(type, values);
        const mask = column(T.boolean, [true, false, null, true, true]);
        expect(valuesOf(filterData(data, mask))).toEqual([values[0], values[3], values[4]]);
      });

      it('concatenates chunks including sliced ones', () => {
        const data = column(type, values);
        const out = concatData(data.type, [data.slice(3, 2), data, data.slice(1, 1)]);
        expect(out.length).toBe(values.length + 3);
        expect(valuesOf(out)).toEqual([values[3], values[4], ...values, values[1]]);
        expect(out.nullCount).toBe(valuesOf(out).filter((v) => v === null).length);
      });
    });
  }

  it('selection from a sliced mask with offset', () => {
    const mask = column(T.boolean, [false, true, true, null, false, true, true, true, false, true]).slice(3, 7);
    expect(Array.from(selectionFromMask(mask))).toEqual([2, 3, 4, 6]);
  });

  it('takes Interval values (4 words each)', () => {
    const words = new Int32Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const data = arrow.makeData({ type: new arrow.Interval(arrow.IntervalUnit.MONTH_DAY_NANO), length: 2, nullCount: 0, data: words });
    const out = takeData(data, new Int32Array([1, 1, 0]));
    expect(Array.from(out.values as Int32Array)).toEqual([5, 6, 7, 8, 5, 6, 7, 8, 1, 2, 3, 4]);
  });

  it('works on batches: take, filter, slice, concat', () => {
    const batch = batchOf([
      ['a', T.int32, [1, 2, 3, 4]],
      ['b', T.utf8, ['w', 'x', null, 'z']],
    ]);
    expect(valuesOf(takeBatch(batch, new Int32Array([3, 1])).data.children[1]!)).toEqual(['z', 'x']);
    const f = filterBatch(batch, column(T.boolean, [false, true, true, false]));
    expect(f.numRows).toBe(2);
    expect(valuesOf(f.data.children[0]!)).toEqual([2, 3]);
    const both = concatBatches(batch.schema, [sliceBatch(batch, 2, 2), batch]);
    expect(valuesOf(both.data.children[1]!)).toEqual([null, 'z', 'w', 'x', null, 'z']);
  });

  it('coalesces small batches into target-size batches', () => {
    const batch = batchOf([['a', T.int32, [1, 2, 3]]]);
    const c = new BatchCoalescer(batch.schema, 4);
    expect(c.push(batch)).toEqual([]);
    const out = c.push(batch);
    expect(out.map((b) => b.numRows)).toEqual([4]);
    expect(valuesOf(out[0]!.data.children[0]!)).toEqual([1, 2, 3, 1]);
    expect(valuesOf(c.finish()!.data.children[0]!)).toEqual([2, 3]);
    expect(c.finish()).toBeNull();
  });
});
