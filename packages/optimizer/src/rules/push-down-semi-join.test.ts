import { describe, expect, it } from 'vitest';
import { binary, col, lit, LogicalPlanBuilder, planToString, type Expr, type JoinType, type LogicalPlan } from '@quiver/planner';
import { scan } from '../test-fixtures.js';
import { statsTable } from '../cost/test-stats.js';
import { PushDownSemiJoin } from './push-down-semi-join.js';

const on = (a: string, b: string) => [[col(a), col(b)]] as const;

// Every order has one customer; s holds a few order keys.
const customers = statsTable(100, { c_id: { ndv: 100 }, c_x: { ndv: 100, min: 1, max: 100 } });
const orders = statsTable(1000, { o_id: { ndv: 1000 }, o_c: { ndv: 100 } });
const keys = statsTable(10, { s_id: { ndv: 10 }, s_y: { ndv: 10 } });
const allKeys = statsTable(1000, { s_id: { ndv: 1000 }, s_y: { ndv: 10 } });

/** (c ⋈ o) ⋉ s on `key` = s.s_id, with an optional residual `s.s_y < residual`. */
function semiOverJoin(joinType: JoinType, options: { customerFilter?: boolean; everyKey?: boolean; key?: Expr; residual?: string } = {}): LogicalPlan {
  let c = scan('c', customers);
  if (options.customerFilter) c = c.filter(binary(col('c.c_x'), '<=', lit(2)));
  const residual = options.residual === undefined ? undefined : binary(col('s.s_y'), '<', col(options.residual));
  return c
    .join(scan('o', orders).build(), 'inner', on('c.c_id', 'o.o_c'))
    .join(scan('s', options.everyKey ? allKeys : keys).build(), joinType, [[options.key ?? col('o.o_id'), col('s.s_id')]], residual)
    .build();
}

describe('PushDownSemiJoin', () => {
  it('filters the inner-join input holding the semi join keys instead of the join output', () => {
    const out = new PushDownSemiJoin().rewrite(semiOverJoin('semi'));
    expect(planToString(out)).toBe(
      [
        'Join: type=inner on=[c.c_id = o.o_c]',
        '  TableScan: c',
        '  Join: type=semi on=[o.o_id = s.s_id]',
        '    TableScan: o',
        '    TableScan: s',
      ].join('\n'),
    );
  });

  it('pushes anti joins, and semi joins whose residual filter reads the same input', () => {
    expect(planToString(new PushDownSemiJoin().rewrite(semiOverJoin('anti')))).toContain('  Join: type=anti on=[o.o_id = s.s_id]\n    TableScan: o');
    expect(planToString(new PushDownSemiJoin().rewrite(semiOverJoin('semi', { residual: 'o.o_c' })))).toContain(
      '  Join: type=semi on=[o.o_id = s.s_id] filter=s.s_y < o.o_c\n    TableScan: o',
    );
  });

  it('stays above the inner join when the input has more rows than the join keeps and the semi join drops few, or the keys or filter read both inputs', () => {
    const plans = [
      semiOverJoin('semi', { customerFilter: true, everyKey: true }),
      semiOverJoin('semi', { key: binary(col('c.c_id'), '+', col('o.o_id')) }),
      semiOverJoin('semi', { residual: 'c.c_x' }),
    ];
    for (const plan of plans) expect(new PushDownSemiJoin().rewrite(plan)).toBe(plan);
  });

  it('pushes a selective semi join into an input larger than the join output, and below column projections', () => {
    const selective = semiOverJoin('semi', { customerFilter: true });
    expect(planToString(new PushDownSemiJoin().rewrite(selective))).toContain('  Join: type=semi on=[o.o_id = s.s_id]\n    TableScan: o');
    const projected = LogicalPlanBuilder.from(selective.kind === 'join' ? selective.left : selective)
      .project([col('o.o_id'), col('c.c_x')])
      .join(scan('s', keys).build(), 'semi', [[col('o.o_id'), col('s.s_id')]])
      .build();
    expect(planToString(new PushDownSemiJoin().rewrite(projected))).toMatch(/^Projection: o\.o_id, c\.c_x\n  Join: type=inner.*\n(.*\n)*    Join: type=semi on=\[o\.o_id = s\.s_id\]\n      TableScan: o/);
  });

  it('pushes to whichever input holds the keys', () => {
    const out = new PushDownSemiJoin().rewrite(semiOverJoin('semi', { key: col('c.c_id'), residual: 'c.c_x' }));
    expect(planToString(out)).toContain('  Join: type=semi on=[c.c_id = s.s_id] filter=s.s_y < c.c_x\n    TableScan: c');
  });
});
