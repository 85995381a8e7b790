import { describe, expect, it } from 'vitest';
import { DataTypes as T, type DataType } from '@quiver/common';
import { column, valuesOf } from '../test-helpers.js';
import { hashColumns, rowsWithNullKey } from './hash-columns.js';
import { GroupHashTable } from './group-table.js';

function groupIds(table: GroupHashTable, keys: ReturnType<typeof column>[], insert = true): number[] {
  const n = keys[0]!.length;
  const out = new Int32Array(n);
  const hashes = hashColumns(keys, n);
  if (insert) table.findOrInsert(keys, hashes, out);
  else table.find(keys, hashes, out);
  return Array.from(out);
}

describe('hashColumns', () => {
  it('hashes equal keys equally, NULL alike whatever the slot holds, 0 = -0 and NaN = NaN', () => {
    const ints = column(T.int32, [5, null, 5, null]);
    // force different garbage in the NULL slots
    (ints.values as Int32Array)[1] = 111;
    (ints.values as Int32Array)[3] = 222;
    const h = hashColumns([ints], 4);
    expect(h[0]).toBe(h[2]);
    expect(h[1]).toBe(h[3]);
    expect(h[0]).not.toBe(h[1]);
    const f = hashColumns([column(T.float64, [0, -0, NaN, -NaN])], 4);
    expect(f[0]).toBe(f[1]);
    expect(f[2]).toBe(f[3]);
    const s = hashColumns([column(T.utf8, ['ab', 'ab', 'ba', ''])], 4);
    expect(s[0]).toBe(s[1]);
    expect(s[0]).not.toBe(s[2]);
  });

  it('hashes a sliced column like the unsliced rows', () => {
    const data = column(T.utf8, ['a', 'b', null, 'c']);
    expect(Array.from(hashColumns([data.slice(1, 3)], 3))).toEqual(Array.from(hashColumns([data], 4)).slice(1));
  });

  it('flags rows with a NULL in any key', () => {
    expect(Array.from(rowsWithNullKey([column(T.int32, [1, null, 3]), column(T.utf8, ['a', 'b', null])], 3)!)).toEqual([0, 1, 1]);
    expect(rowsWithNullKey([column(T.int32, [1, 2])], 2)).toBeNull();
  });
});

describe('GroupHashTable', () => {
  const single: [string, DataType, unknown[]][] = [
    ['Boolean', T.boolean, [true, false, null, true, null, false]],
    ['Int8', T.int8, [1, 2, null, 1, null, 2]],
    ['Int64', T.int64, [2n ** 40n, -1n, null, 2n ** 40n, null, -1n]],
    ['Float64', T.float64, [0, NaN, null, -0, null, NaN]],
    ['Decimal128', T.decimal(20, 2), [10n ** 19n, 5n, null, 10n ** 19n, null, 5n]],
    ['Utf8', T.utf8, ['apple', '', null, 'apple', null, '']],
    ['Date32', T.date32, [100, 200, null, 100, null, 200]],
    ['List', T.list(T.utf8), [['a', null], [], null, ['a', null], null, []]],
    ['nested List', T.list(T.list(T.int32)), [[[1], [2, 3]], [[1, 2], [3]], null, [[1], [2, 3]], null, [[1, 2], [3]]]],
  ];
  for (const [name, type, values] of single) {
    it(`groups ${name} keys with NULLs forming one group, and returns the keys`, () => {
      const table = new GroupHashTable([column(type, values).type]);
      expect(groupIds(table, [column(type, values)])).toEqual([0, 1, 2, 0, 2, 1]);
      expect(table.numGroups).toBe(3);
      const keys = valuesOf(table.keyColumns()[0]!);
      expect(keys[2]).toBeNull();
      expect(keys.slice(0, 2)).toEqual([values[0], values[1]]);
    });
  }

  it('groups on several keys across batches, growing past its initial capacity', () => {
    const table = new GroupHashTable([column(T.int32, []).type, column(T.utf8, []).type], 4);
    const n = 5000;
    const a = Array.from({ length: n }, (_, i) => i % 100);
    const b = Array.from({ length: n }, (_, i) => `k${i % 7}`);
    const ids1 = groupIds(table, [column(T.int32, a), column(T.utf8, b)]);
    expect(table.numGroups).toBe(700);
    const ids2 = groupIds(table, [column(T.int32, a), column(T.utf8, b)]);
    expect(ids2).toEqual(ids1);
    const keysA = valuesOf(table.keyColumns()[0]!);
    const keysB = valuesOf(table.keyColumns()[1]!);
    for (let i = 0; i < n; i += 97) {
      expect(keysA[ids1[i]!]).toBe(a[i]);
      expect(keysB[ids1[i]!]).toBe(b[i]);
    }
  });

  it('groups one-byte string pairs through its code cache, agreeing with batches that take the hashed path', () => {
    const table = new GroupHashTable([column(T.utf8, []).type, column(T.utf8, []).type]);
    const a = ['A', 'N', '', 'A', 'R', 'N', 'z'];
    const b = ['F', 'O', 'F', 'F', 'F', 'O', ''];
    // NULLs and a longer value send this batch down the hashed path; the next batches use the cache.
    expect(groupIds(table, [column(T.utf8, ['N', null, 'long']), column(T.utf8, ['O', 'F', 'F'])])).toEqual([0, 1, 2]);
    const ids = groupIds(table, [column(T.utf8, a), column(T.utf8, b)]);
    expect(ids).toEqual([3, 0, 4, 3, 5, 0, 6]);
    // Data.slice(offset, length): rows 1..6.
    expect(groupIds(table, [column(T.utf8, a).slice(1, 6), column(T.utf8, b).slice(1, 6)])).toEqual(ids.slice(1, 7));
    expect(groupIds(table, [column(T.utf8, ['N']), column(T.utf8, [null])])).toEqual([7]);
    expect(groupIds(table, [column(T.utf8, ['R', 'z']), column(T.utf8, ['F', ''])])).toEqual([5, 6]);
    const keysA = valuesOf(table.keyColumns()[0]!);
    const keysB = valuesOf(table.keyColumns()[1]!);
    expect(keysA).toEqual(['N', null, 'long', 'A', '', 'R', 'z', 'N']);
    expect(keysB).toEqual(['O', 'F', 'F', 'F', 'F', 'F', '', null]);
  });

  it('computes hashes given as a function only when one-byte string keys bring a code not seen yet', () => {
    const table = new GroupHashTable([column(T.utf8, []).type]);
    let calls = 0;
    const insert = (values: string[], skip: Uint8Array | null = null) => {
      const keys = [column(T.utf8, values)];
      const out = new Int32Array(values.length);
      table.findOrInsert(keys, () => (calls++, hashColumns(keys, values.length)), out, skip);
      return Array.from(out);
    };
    expect(insert(['A', 'R', 'A'])).toEqual([0, 1, 0]);
    expect(calls).toBe(1);
    expect(insert(['R', 'A', 'R'])).toEqual([1, 0, 1]);
    expect(calls).toBe(1);
    expect(insert(['N', 'A', 'F'], new Uint8Array([0, 0, 1]))).toEqual([2, 0, -1]);
    expect(calls).toBe(2);
    // Longer keys take the hashed path, which needs the hashes.
    expect(insert(['AB', 'A'])).toEqual([3, 0]);
    expect(calls).toBe(3);
  });

  it('find returns -1 for absent keys and skipped rows, without inserting', () => {
    const table = new GroupHashTable([column(T.int32, []).type]);
    groupIds(table, [column(T.int32, [10, 20])]);
    const keys = [column(T.int32, [20, 30, 10])];
    const out = new Int32Array(3);
    table.find(keys, hashColumns(keys, 3), out, new Uint8Array([0, 0, 1]));
    expect(Array.from(out)).toEqual([1, -1, -1]);
    expect(table.numGroups).toBe(2);
  });

  for (const [name, type] of [['Int32', T.int32], ['Int64', T.int64]] as const) {
    it(`groups NULL-free ${name} keys inline, growing past its capacity, and finds them (skipped rows -1)`, () => {
      const table = new GroupHashTable([column(type, []).type], 4);
      const n = 3000;
      // Values differing only in the high word of a 64-bit key are distinct groups.
      const big = (i: number) => (type === T.int64 ? BigInt(i % 1000) + (i % 2000 >= 1000 ? 2n ** 33n : 0n) : i % 2000);
      const values = Array.from({ length: n }, (_, i) => big(i));
      const ids = groupIds(table, [column(type, values)]);
      expect(table.numGroups).toBe(2000);
      expect(ids.slice(0, 3)).toEqual([0, 1, 2]);
      expect(ids[2000]).toBe(0);
      expect(valuesOf(table.keyColumns()[0]!)[ids[1500]!]).toEqual(values[1500]);
      const probe = [column(type, [values[1999], type === T.int64 ? 2n ** 40n : 99999, values[7]])];
      const out = new Int32Array(3);
      table.find(probe, hashColumns(probe, 3), out, new Uint8Array([0, 0, 1]));
      expect(Array.from(out)).toEqual([1999, -1, -1]);
      expect(table.numGroups).toBe(2000);
    });
  }

  it('gives runs of equal keys (absent ones too) the answer of their first row, for one key and several', () => {
    const one = new GroupHashTable([column(T.int64, []).type]);
    expect(groupIds(one, [column(T.int64, [7n, 7n, 9n, 9n, 7n])])).toEqual([0, 0, 1, 1, 0]);
    expect(groupIds(one, [column(T.int64, [8n, 8n, 9n, 9n, 8n])], false)).toEqual([-1, -1, 1, 1, -1]);
    const two = new GroupHashTable([column(T.int32, []).type, column(T.utf8, []).type]);
    const a = column(T.int32, [1, 1, 1, 2, 2]);
    const b = column(T.utf8, ['x', 'x', 'y', 'y', 'y']);
    expect(groupIds(two, [a, b])).toEqual([0, 0, 1, 2, 2]);
    expect(groupIds(two, [column(T.int32, [1, 1, 3, 3]), column(T.utf8, ['y', 'y', 'y', 'y'])], false)).toEqual([1, 1, -1, -1]);
  });

  it('keeps one group per integer key whether it is found directly or hashed, across batches with and without NULLs', () => {
    const table = new GroupHashTable([column(T.int64, []).type]);
    const big = 2n ** 40n;
    expect(groupIds(table, [column(T.int64, [5n, -1n, big, 4_000_000n, 5n])])).toEqual([0, 1, 2, 3, 0]);
    // A batch with a NULL takes the general path: the same values must find the same groups.
    expect(groupIds(table, [column(T.int64, [null, 4_000_000n, big, -1n, 5n, 7n])])).toEqual([4, 3, 2, 1, 0, 5]);
    expect(groupIds(table, [column(T.int64, [7n, null, 8n])])).toEqual([5, 4, 6]);
    expect(groupIds(table, [column(T.int64, [8n, 9n, null])], false)).toEqual([6, -1, 4]);
    expect(valuesOf(table.keyColumns()[0]!)).toEqual([5n, -1n, big, 4_000_000n, null, 7n, 8n]);
    const dates = new GroupHashTable([column(T.date32, []).type]);
    expect(groupIds(dates, [column(T.date32, [9000, -5, 9000, null])])).toEqual([0, 1, 0, 2]);
    expect(groupIds(dates, [column(T.date32, [-5, 9000])])).toEqual([1, 0]);
  });
});
