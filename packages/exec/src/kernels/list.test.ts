import { describe, expect, it } from 'vitest';
import { DataTypes as T, Scalars } from '@quiver/common';
import { column, valuesOf } from '../test-helpers.js';
import { hashColumns } from '../hash/hash-columns.js';
import { sortIndices } from '../selection/sort-indices.js';
import { castArray } from './cast.js';
import { groupRuns, listFromRuns, makeList } from './list.js';
import { broadcastScalar, scalarAt } from './scalar.js';

describe('list columns', () => {
  it('groupRuns orders value indices group by group, stably, dropping negative groups', () => {
    const runs = groupRuns(new Int32Array([2, 0, 2, -1, 0, 2]), 4);
    expect(Array.from(runs.offsets)).toEqual([0, 2, 2, 5, 5]);
    expect(Array.from(runs.indices)).toEqual([1, 4, 0, 2, 5]);
  });

  it('listFromRuns emits one list per group; empty groups are [] or NULL', () => {
    const values = column(T.utf8, ['a', 'b', null, 'd', 'e']);
    const runs = groupRuns(new Int32Array([1, 0, 1, 1, 0]), 3);
    expect(valuesOf(listFromRuns(values, runs))).toEqual([['b', 'e'], ['a', null, 'd'], []]);
    const withNull = listFromRuns(values, runs, true);
    expect(valuesOf(withNull)).toEqual([['b', 'e'], ['a', null, 'd'], null]);
    expect(withNull.nullCount).toBe(1);
  });

  it('broadcasts a list scalar and reads it back', () => {
    const s = Scalars.list(T.int64, [1n, null, 3n]);
    const data = broadcastScalar(s, 3);
    expect(valuesOf(data)).toEqual([[1n, null, 3n], [1n, null, 3n], [1n, null, 3n]]);
    expect(scalarAt(data, 2)).toEqual(s);
    expect(valuesOf(broadcastScalar(Scalars.list(T.int32, []), 2))).toEqual([[], []]);
    expect(valuesOf(broadcastScalar(Scalars.list(T.int32, null), 2))).toEqual([null, null]);
  });

  it('casts item-wise and to text', () => {
    const data = makeList(T.int32, 3, new Int32Array([0, 2, 2, 3]), column(T.int32, [1, null, 7]), new Uint8Array([0b101]));
    expect(valuesOf(castArray(data, T.list(T.int32), T.list(T.float64)))).toEqual([[1, null], null, [7]]);
    expect(valuesOf(castArray(data, T.list(T.int32), T.utf8))).toEqual(['[1, NULL]', null, '[7]']);
  });

  it('hashes lists by their items, whatever column or slice they sit in', () => {
    const a = makeList(T.int32, 3, new Int32Array([0, 2, 3, 3]), column(T.int32, [1, 2, 1]), null);
    const b = makeList(T.int32, 3, new Int32Array([0, 1, 3, 4]), column(T.int32, [7, 1, 2, 2]), null).slice(1, 2);
    const [h12, h1, hEmpty] = hashColumns([a], 3);
    const [b12, b2] = hashColumns([b], 2);
    expect(b12).toBe(h12);
    expect(new Set([h12, h1, hEmpty, b2]).size).toBe(4);
  });

  it('sorts lists item by item, a prefix first, on a sliced column too', () => {
    const items = column(T.int32, [2, 5, 0, 2, 1, 7, 2, 5, 9]);
    const data = makeList(T.int32, 6, new Int32Array([0, 2, 3, 4, 5, 6, 9]), items, null);
    // [2,5] [0] [2] [1] [7] [2,5,9]
    expect(Array.from(sortIndices([{ data, asc: true, nullsFirst: false }], 6))).toEqual([1, 3, 2, 0, 5, 4]);
    expect(Array.from(sortIndices([{ data: data.slice(2, 4), asc: false, nullsFirst: false }], 4))).toEqual([2, 3, 0, 1]);
  });
});
