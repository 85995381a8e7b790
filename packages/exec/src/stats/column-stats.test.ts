import { describe, expect, it, vi } from 'vitest';
import { statValue } from '@quiver/planner';
import { batchOf, column, schemaOf, T } from '../test-helpers.js';
import { batchStatistics, ColumnStatsBuilder } from './column-stats.js';
import { HyperLogLog, mix32 } from './hyperloglog.js';

describe('HyperLogLog', () => {
  it('estimates small and large distinct counts within a few percent', () => {
    for (const n of [10, 1000, 200_000]) {
      const h = new HyperLogLog();
      for (let rep = 0; rep < 3; rep++) for (let i = 0; i < n; i++) h.add(mix32(i));
      expect(Math.abs(h.estimate() - n) / n).toBeLessThan(0.05);
    }
  });
});

describe('column statistics', () => {
  it('counts nulls and finds min, max and distinct values of each type', () => {
    const batch = batchOf([
      ['i', T.int32, [3, null, -7, 3, 12]],
      ['b', T.int64, [5n, 9n, null, -2n, 5n]],
      ['d', T.decimal(10, 2), [150n, -25n, 150n, null, null]],
      ['f', T.float64, [1.5, 2.5, 1.5, -0.5, null]],
      ['s', T.utf8, ['pear', 'apple', null, 'zebra', 'apple']],
    ]);
    const stats = batchStatistics(schemaOf(batch), [batch]);
    expect(statValue(stats.rowCount)).toBe(5);
    const [i, b, d, f, s] = stats.columns;
    expect([statValue(i!.nullCount), statValue(i!.min)?.value, statValue(i!.max)?.value, statValue(i!.distinctCount)]).toEqual([1, -7, 12, 3]);
    expect([statValue(b!.min)?.value, statValue(b!.max)?.value, statValue(b!.distinctCount)]).toEqual([-2n, 9n, 3]);
    expect([statValue(d!.nullCount), statValue(d!.min)?.value, statValue(d!.max)?.value, statValue(d!.distinctCount)]).toEqual([2, -25n, 150n, 2]);
    expect([statValue(f!.min)?.value, statValue(f!.max)?.value, statValue(f!.distinctCount)]).toEqual([-0.5, 2.5, 3]);
    expect([statValue(s!.min)?.value, statValue(s!.max)?.value, statValue(s!.distinctCount)]).toEqual(['apple', 'zebra', 3]);
    expect(statValue(s!.avgWidth)).toBeCloseTo((4 + 5 + 5 + 5) / 5);
  });

  it("computes a column's statistics when first read, once", () => {
    const batch = batchOf([['i', T.int32, [3, 1, 2]], ['s', T.utf8, ['x', 'y', 'x']]]);
    const add = vi.spyOn(ColumnStatsBuilder.prototype, 'add');
    try {
      const stats = batchStatistics(schemaOf(batch), [batch, batch]);
      expect(statValue(stats.rowCount)).toBe(6);
      expect(add).not.toHaveBeenCalled();
      expect(statValue(stats.columns[1]!.distinctCount)).toBe(2);
      expect(add).toHaveBeenCalledTimes(2);
      expect(statValue(stats.columns[1]!.max)?.value).toBe('y');
      expect(add).toHaveBeenCalledTimes(2);
      expect(stats.columns.map((c) => statValue(c.min)?.value)).toEqual([1, 'x']);
    } finally {
      add.mockRestore();
    }
  });

  it('accumulates over several chunks, sliced ones included', () => {
    const b = new ColumnStatsBuilder(T.int32);
    b.add(column(T.int32, [1, 2, 3]));
    b.add(column(T.int32, [100, 4, null, -50]).slice(1, 2));
    const s = b.finish();
    expect([statValue(s.min)?.value, statValue(s.max)?.value, statValue(s.nullCount), statValue(s.distinctCount)]).toEqual([1, 4, 1, 4]);
  });

  it('leaves min and max absent for an all-null column', () => {
    const b = new ColumnStatsBuilder(T.utf8);
    b.add(column(T.utf8, [null, null]));
    const s = b.finish();
    expect([s.min.precision, s.max.precision, statValue(s.nullCount), statValue(s.distinctCount)]).toEqual(['absent', 'absent', 2, 0]);
  });
});
