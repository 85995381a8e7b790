import { describe, expect, it } from 'vitest';
import { DataTypes as T, type DataType } from '@quiver/common';
import { batchOf, colExpr, collectRows, schemaOf, testContext } from '../test-helpers.js';
import { MemoryScanExec } from './memory-scan-exec.js';
import { SortExec } from './sort-exec.js';
import { TopKExec, topKIndices } from './top-k-exec.js';
import { LimitExec } from './limit-exec.js';
import type { PhysicalSortKey } from './sort-key.js';

const key = (index: number, type: DataType, asc = true, nullsFirst = false): PhysicalSortKey => ({ expr: colExpr(index, type), asc, nullsFirst });

const batches = [
  batchOf([['s', T.utf8, ['b', null, 'a', 'b', 'ab']], ['n', T.int32, [2, 1, null, 1, 3]], ['d', T.decimal(38, 0), [2n ** 80n, -5n, 0n, null, 7n]]]),
  batchOf([['s', T.utf8, ['a', 'é', null, 'b', '']], ['n', T.int32, [1, 0, 9, null, 5]], ['d', T.decimal(38, 0), [-(2n ** 90n), 1n, 2n, 3n, 4n]]]),
];
const scan = () => new MemoryScanExec(schemaOf(batches[0]!), [batches]);

describe('SortExec', () => {
  it('sorts by several keys: ASC NULLS LAST then DESC NULLS FIRST', async () => {
    const rows = await collectRows(new SortExec(scan(), [key(0, T.utf8), key(1, T.int32, false, true)]));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['', 5], ['a', null], ['a', 1], ['ab', 3], ['b', null], ['b', 2], ['b', 1], ['é', 0], [null, 9], [null, 1],
    ]);
  });

  it('sorts NULLS FIRST ascending and DESC NULLS LAST, 128-bit decimals beyond 2^53', async () => {
    const a = await collectRows(new SortExec(scan(), [key(1, T.int32, true, true)]));
    expect(a.map((r) => r[1])).toEqual([null, null, 0, 1, 1, 1, 2, 3, 5, 9]);
    const d = await collectRows(new SortExec(scan(), [key(2, T.decimal(38, 0), false, false)]));
    expect(d.map((r) => r[2])).toEqual([2n ** 80n, 7n, 4n, 3n, 2n, 1n, 0n, -5n, -(2n ** 90n), null]);
  });

  it('is stable and emits batches of the batch size', async () => {
    const sizes: number[] = [];
    const rows: unknown[][] = [];
    for await (const b of new SortExec(scan(), [key(1, T.int32)]).execute(testContext({ batchSize: 4 }))) {
      sizes.push(b.numRows);
      for (let i = 0; i < b.numRows; i++) rows.push([b.getChildAt(0)!.get(i), b.getChildAt(1)!.get(i)]);
    }
    expect(sizes).toEqual([4, 4, 2]);
    expect(rows.filter((r) => r[1] === 1).map((r) => r[0])).toEqual([null, 'b', 'a']);
  });

  it('orders floats with NaN above all numbers', async () => {
    const b = batchOf([['f', T.float64, [NaN, 1, -Infinity, null, Infinity, -0]]]);
    const rows = await collectRows(new SortExec(new MemoryScanExec(schemaOf(b), [[b]]), [key(0, T.float64)]));
    expect(rows.map((r) => r[0])).toEqual([-Infinity, -0, 1, Infinity, NaN, null]);
  });

  it('fails with RESOURCES when buffering exceeds the memory limit', async () => {
    await expect(collectRows(new SortExec(scan(), [key(1, T.int32)]), testContext({ memoryLimit: 100 }))).rejects.toMatchObject({ code: 'RESOURCES' });
  });
});

describe('TopKExec', () => {
  it('equals sort followed by limit, for many k and key orders (ties included)', async () => {
    const n = 500;
    const rand = (i: number) => ((i * 7919) % 101) - 50;
    const big = [0, 1, 2, 3].map((p) =>
      batchOf([
        ['a', T.int32, Array.from({ length: n }, (_, i) => (i % 17 === 0 ? null : rand(i + p * n) % 7))],
        ['b', T.utf8, Array.from({ length: n }, (_, i) => `v${rand(i * 3 + p)}`)],
      ]),
    );
    const src = () => new MemoryScanExec(schemaOf(big[0]!), [big]);
    const keys = [key(0, T.int32, false, true), key(1, T.utf8)];
    for (const k of [1, 5, 100, 1999, 2500]) {
      const top = await collectRows(new TopKExec(src(), keys, k), testContext({ batchSize: 256 }));
      const ref = await collectRows(new LimitExec(new SortExec(src(), keys), 0, k));
      expect(top).toEqual(ref);
    }
  });

  it('topKIndices returns the k smallest in order', () => {
    const v = [5, 3, 9, 1, 7, 3];
    expect(Array.from(topKIndices((a, b) => v[a]! - v[b]! || a - b, v.length, 3))).toEqual([3, 1, 5]);
  });
});
