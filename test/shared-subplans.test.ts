/**
 * A sub-plan a query repeats (a view read twice, as in TPC-H Q15) is run once: EXPLAIN ANALYZE shows
 * one SharedSubplanExec whose input produced its rows once, and the answer is unchanged.
 */
import * as arrow from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataTypes } from '@quiver/common';
import { planner, SessionContext } from 'quiver';

let ctx: SessionContext;
beforeAll(async () => {
  ctx = await SessionContext.create();
  ctx.registerTable('sales', arrow.tableFromArrays({ shop: Int32Array.from([1, 1, 2, 3, 3, 3]), amount: Float64Array.from([5, 5, 20, 1, 2, 3]) }));
  await (await ctx.sql('CREATE VIEW per_shop AS SELECT shop, sum(amount) AS total FROM sales GROUP BY shop')).collect();
});

const TOP_SHOP = 'SELECT shop, total FROM per_shop WHERE total = (SELECT max(total) FROM per_shop)';

describe('shared sub-plans', () => {
  it('aggregates a view read twice once, with the same answer', async () => {
    const rows = (await (await ctx.sql(TOP_SHOP)).collect()).toArray().map((r) => r.toJSON());
    expect(rows).toEqual([{ shop: 2, total: 20 }]);
    const explain = await (await ctx.sql(TOP_SHOP)).explain(true);
    const shared = explain.split('\n').filter((l) => l.includes('SharedSubplanExec: consumers=2'));
    expect(shared).toHaveLength(2);
    // Both occurrences are one operator: its aggregate input produced the 3 groups once.
    expect(explain).toMatch(/HashAggregateExec: groups=\[shop@0 AS shop\].*\[rows=3,/);
  });

  it('runs volatile sub-plans once per occurrence', async () => {
    const volatileZero: planner.ScalarFunction = {
      name: 'volatile_zero',
      volatility: 'volatile',
      coerceArgs: () => [],
      returnType: () => DataTypes.float64,
      invoke: (_args, numRows) => arrow.makeData({ type: new arrow.Float64(), length: numRows, data: new Float64Array(numRows) }),
    };
    ctx.functions.registerScalar(volatileZero);
    const perShop = 'SELECT shop, sum(amount + volatile_zero()) AS total FROM sales GROUP BY shop';
    const sql = `SELECT a.shop FROM (${perShop}) a JOIN (${perShop}) b ON a.total = b.total`;
    expect((await (await ctx.sql(sql)).collect()).numRows).toBe(3);
    const explain = await (await ctx.sql(sql)).explain(true);
    expect(explain).not.toContain('SharedSubplanExec');
  });
});
