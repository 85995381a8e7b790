import { describe, expect, it } from 'vitest';
import { DataTypes as T } from '@quiver/common';
import { column, valuesOf } from '../test-helpers.js';
import { runAggregate } from './agg-test-helpers.js';
import { FirstLastFunction } from './first-last.js';

const asc = { asc: true, nullsFirst: false };
const desc = { asc: false, nullsFirst: true };

describe('FIRST_VALUE / LAST_VALUE aggregates', () => {
  it('without ORDER BY take the first / last row seen, NULL values included', () => {
    const x = [null, 'a', 'b', 'c', 'd', null];
    const g = [0, 0, 1, 1, 2, 2];
    expect(runAggregate('first_value', [T.utf8], [x], g)).toEqual([null, 'b', 'd']);
    expect(runAggregate('last_value', [T.utf8], [x], g)).toEqual(['a', 'c', null]);
  });

  it('with ORDER BY keys take the extreme row, ties to the earliest (first) or latest (last) row', () => {
    const x = [10n, 20n, 30n, 40n, 50n, 60n];
    const k = [3, 1, 1, 2, 9, 9];
    const g = [0, 0, 0, 0, 1, 1];
    const opts = { keyTypes: [T.int32], ordering: [asc] };
    expect(runAggregate('first_value', [T.int64], [x, k], g, opts)).toEqual([20n, 50n]);
    expect(runAggregate('last_value', [T.int64], [x, k], g, opts)).toEqual([10n, 60n]);
    expect(runAggregate('first_value', [T.int64], [x, k], g, { keyTypes: [T.int32], ordering: [desc] })).toEqual([10n, 50n]);
  });

  it('NULL keys sort by NULLS FIRST/LAST; a group without rows is NULL', () => {
    const x = [1, 2, 3];
    const k = [null, 5, 4];
    const g = [0, 0, 2];
    expect(runAggregate('first_value', [T.int32], [x, k], g, { keyTypes: [T.int32], ordering: [asc] })).toEqual([2, null, 3]);
    expect(runAggregate('first_value', [T.int32], [x, k], g, { keyTypes: [T.int32], ordering: [{ asc: true, nullsFirst: true }] })).toEqual([1, null, 3]);
  });

  it('keeps the right row when candidates from many batches are compacted', () => {
    const acc = new FirstLastFunction('last_value').createAccumulator([T.int32, T.int32], T.int32, false, [asc]);
    const groups = 3;
    for (let b = 0; b < 1000; b++) {
      const g = Int32Array.from([0, 1, 2]);
      // key b for every group: the last batch holds the largest keys; group 1's key peaks at batch 500.
      acc.update([column(T.int32, [b, b, b]), column(T.int32, [b, b === 500 ? 10_000 : b, b])], g, groups);
    }
    expect(valuesOf(acc.evaluate(groups))).toEqual([999, 500, 999]);
  });
});

describe('NTH_VALUE aggregate', () => {
  const x = ['a', 'b', 'c', 'd', 'e'];
  const k = [5, 4, 3, 2, 1];
  const g = [0, 0, 0, 1, 1];
  it('takes the n-th row in input or ORDER BY order; negative n counts from the end', () => {
    expect(runAggregate('nth_value', [T.utf8, T.int64], [x, x.map(() => 2n)], g)).toEqual(['b', 'e']);
    expect(runAggregate('nth_value', [T.utf8, T.int64], [x, x.map(() => 2n), k], g, { keyTypes: [T.int32], ordering: [asc] })).toEqual(['b', 'd']);
    expect(runAggregate('nth_value', [T.utf8, T.int64], [x, x.map(() => -1n)], g)).toEqual(['c', 'e']);
  });

  it('is NULL past the end of the group and rejects n = 0', () => {
    expect(runAggregate('nth_value', [T.utf8, T.int64], [x, x.map(() => 3n)], g)).toEqual(['c', null]);
    expect(() => runAggregate('nth_value', [T.utf8, T.int64], [x, x.map(() => 0n)], g)).toThrow(/must not be 0/);
  });
});
