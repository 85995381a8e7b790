import { makeConfig } from '@quiver/common';
import { binary, col, lit, planToString, type LogicalPlan } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { Optimizer } from '../optimizer.js';
import { scan } from '../test-fixtures.js';
import { PushDownLimit } from './push-down-limit.js';

const run = (b: { build(): LogicalPlan }) => planToString(new Optimizer([new PushDownLimit()]).optimize(b.build(), makeConfig()));
const byA = [{ expr: col('t.a'), asc: true, nullsFirst: false }];

describe('PushDownLimit', () => {
  it('turns LIMIT 0 into an empty relation', () => {
    expect(run(scan('t').sort(byA).limit(3, 0))).toBe('EmptyRelation: rows=0');
  });

  it('gives a sort under a limit a fetch of skip + fetch (a top-k)', () => {
    expect(run(scan('t').sort(byA).limit(5, 10))).toBe(
      ['Limit: skip=5, fetch=10', '  Sort: t.a ASC NULLS LAST fetch=15', '    TableScan: t'].join('\n'),
    );
  });

  it('leaves a sort alone under an OFFSET without LIMIT', () => {
    const plan = scan('t').sort(byA).limit(5, null).build();
    expect(new PushDownLimit().rewrite(plan)).toBe(plan);
  });

  it('merges nested limits', () => {
    // rows 2..11 of t, then skip 3 of those and take at most 20 → rows 5..11: skip 5, fetch 7.
    expect(run(scan('t').limit(2, 10).limit(3, 20))).toBe('Limit: skip=5, fetch=7\n  TableScan: t fetch=12');
  });

  it('moves below projections down to the scan, which gets a fetch hint', () => {
    expect(run(scan('t').project([col('t.a')]).limit(0, 4))).toBe(
      ['Projection: t.a', '  Limit: skip=0, fetch=4', '    TableScan: t fetch=4'].join('\n'),
    );
  });

  it('does not move below a filter', () => {
    const plan = scan('t').filter(binary(col('t.a'), '>', lit(1))).limit(0, 4).build();
    expect(new PushDownLimit().rewrite(plan)).toBe(plan);
  });
});
