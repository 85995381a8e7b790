import { describe, expect, it } from 'vitest';
import { DataTypes as T } from '@quiver/common';
import { column } from '../test-helpers.js';
import { DenseKeyIndex } from './dense-key-index.js';

describe('DenseKeyIndex', () => {
  it('gives duplicate build values one id and finds probe values, skipping flagged rows', () => {
    const keyIds = new Int32Array(5);
    const index = DenseKeyIndex.tryBuild(column(T.int32, [10, 12, 10, 99, 11]), new Uint8Array([0, 0, 0, 1, 0]), keyIds)!;
    expect(Array.from(keyIds)).toEqual([0, 1, 0, -1, 2]);
    expect(index.numKeys).toBe(3);
    const out = new Int32Array(5);
    index.find(column(T.int32, [11, 9, 13, 10, 12]), new Uint8Array([0, 0, 0, 0, 1]), out);
    expect(Array.from(out)).toEqual([2, -1, -1, 0, -1]);
  });

  it('accepts BIGINT keys within 32 bits and rejects probe values beyond them', () => {
    const keyIds = new Int32Array(2);
    const index = DenseKeyIndex.tryBuild(column(T.int64, [-3n, -2n]), null, keyIds)!;
    const out = new Int32Array(3);
    index.find(column(T.int64, [-2n, 2n ** 32n - 2n, -3n]), null, out);
    expect(Array.from(out)).toEqual([1, -1, 0]);
  });

  it('declines keys that are not integers, too wide, or spread over too large a range', () => {
    const ids = new Int32Array(2);
    expect(DenseKeyIndex.tryBuild(column(T.utf8, ['a', 'b']), null, ids)).toBeNull();
    expect(DenseKeyIndex.tryBuild(column(T.int64, [0n, 2n ** 40n]), null, ids)).toBeNull();
    expect(DenseKeyIndex.tryBuild(column(T.int32, [0, 10_000_000]), null, ids)).toBeNull();
  });

  it('finds keys of a sparsely filled range (probed through its presence bitset) across word boundaries, after mapping ids to rows', () => {
    const build = [0, 31, 32, 63, 64, 1000];
    const keyIds = new Int32Array(build.length);
    const index = DenseKeyIndex.tryBuild(column(T.int32, build), null, keyIds)!;
    index.mapIds(Int32Array.from(build, (_, i) => 10 * i));
    const probe = [31, 30, 32, 33, 63, 62, 64, 65, 1000, 999, 0, -1, 1001];
    const out = new Int32Array(probe.length);
    index.find(column(T.int32, probe), null, out);
    expect(Array.from(out)).toEqual(probe.map((v) => (build.includes(v) ? 10 * build.indexOf(v) : -1)));
    index.find(column(T.int32, probe), Uint8Array.from(probe, (_, i) => (i === 0 ? 1 : 0)), out);
    expect(out[0]).toBe(-1);
  });

  it('indexes a sparse key set while its range stays within 2^23 slots', () => {
    const ids = new Int32Array(2);
    const index = DenseKeyIndex.tryBuild(column(T.int32, [5, 8_000_000]), null, ids)!;
    expect(index.numKeys).toBe(2);
    const out = new Int32Array(3);
    index.find(column(T.int32, [8_000_000, 6, 5]), null, out);
    expect(Array.from(out)).toEqual([1, -1, 0]);
  });
});
