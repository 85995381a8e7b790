/**
 * Two-phase aggregation over UNION ALL (packages/exec/src/two-phase-aggregate.ts): a partial
 * aggregate per branch, the final one merging their states. Every built-in aggregate with a
 * mergeable state must give what one single-phase aggregate gives over the same rows.
 */
import { describe, expect, it } from 'vitest';
import { SessionContext } from 'quiver';
import { rows } from './support/sql-rows.js';

async function explain(ctx: SessionContext, sql: string): Promise<string> {
  const t = await (await ctx.sql(`EXPLAIN ${sql}`)).collect();
  return t.toArray().map((r) => Object.values(r.toJSON()).join('\n')).join('\n');
}

const AGGREGATES = [
  'count(*)', 'count(i)', 'sum(i)', 'sum(big)', 'sum(d)', 'sum(f)', 'avg(i)', 'avg(d)', 'avg(f)',
  'min(i)', 'max(i)', 'min(s)', 'max(s)', 'min(d)', 'max(big)', 'min(b)', 'max(dt)',
].join(', ');

describe('two-phase aggregation over UNION ALL', () => {
  it('merges partial states of every built-in aggregate into the single-phase answer', async () => {
    const ctx = await SessionContext.create();
    // Three branches: different groups per branch, NULLs, a branch with no rows, sums past 2^53.
    await ctx.sql(`CREATE TABLE a AS SELECT * FROM (VALUES
      (1, 10, 9007199254740000, 1.25, 0.5, 'pear', true, DATE '2024-01-02'),
      (1, NULL, 9007199254740000, NULL, NULL, NULL, NULL, NULL),
      (2, 7, -5, 2.50, 1.5, 'fig', false, DATE '2023-05-06')) v(g, i, big, d, f, s, b, dt)`);
    await ctx.sql(`CREATE TABLE b AS SELECT * FROM (VALUES
      (1, 3, 9007199254740000, 0.10, 2.0, 'apple', false, DATE '2025-03-04'),
      (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      (2, -4, 12, 7.00, -1.0, 'kiwi', true, DATE '2022-01-01')) v(g, i, big, d, f, s, b, dt)`);
    const union = 'SELECT * FROM a UNION ALL SELECT * FROM b UNION ALL SELECT * FROM a WHERE g > 5';
    await ctx.sql(`CREATE TABLE whole AS ${union}`);
    const twoPhase = `SELECT g, ${AGGREGATES} FROM (${union}) u GROUP BY g ORDER BY g`;
    expect(await explain(ctx, twoPhase)).toMatch(/mode=final[\s\S]*mode=partial[\s\S]*mode=partial/);
    const single = `SELECT g, ${AGGREGATES} FROM whole GROUP BY g ORDER BY g`;
    expect(await explain(ctx, single)).not.toMatch(/mode=/);
    const got = await rows(ctx, twoPhase);
    expect(got).toEqual(await rows(ctx, single));
    // Hand-checked: group 1 counts rows of both branches, its BIGINT sum is exact past 2^53.
    expect(got[0]!.slice(0, 5)).toEqual([1, 3n, 2n, 13n, 27021597764220000n]);
    expect(got[2]!.slice(0, 4)).toEqual([3, 1n, 0n, null]);
    // Without GROUP BY: one partial row per branch (even the empty one), one final row.
    const total = `SELECT ${AGGREGATES} FROM (${union}) u`;
    expect(await rows(ctx, total)).toEqual(await rows(ctx, `SELECT ${AGGREGATES} FROM whole`));
    expect(await rows(ctx, 'SELECT count(*), sum(i) FROM (SELECT * FROM a WHERE g > 5 UNION ALL SELECT * FROM b WHERE g > 5) u')).toEqual([[0n, null]]);
  });

  it('stays single-phase for DISTINCT and for aggregates without a mergeable state', async () => {
    const ctx = await SessionContext.create();
    await ctx.sql('CREATE TABLE a AS SELECT * FROM (VALUES (1, 2), (1, 2), (2, 3)) v(g, x)');
    const sql = 'SELECT g, count(DISTINCT x) AS n FROM (SELECT * FROM a UNION ALL SELECT * FROM a) u GROUP BY g ORDER BY g';
    expect(await explain(ctx, sql)).not.toMatch(/mode=/);
    expect(await rows(ctx, sql)).toEqual([[1, 1n], [2, 1n]]);
  });
});
