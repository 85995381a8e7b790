import { describe, expect, it } from 'vitest';
import { binary, col, LogicalPlanBuilder, lit, planToString, type JoinType, type LogicalPlan } from '@quiver/planner';
import { agg, scan } from '../test-fixtures.js';
import { statsTable } from '../cost/test-stats.js';
import { ReduceAggregateInput } from './reduce-aggregate-input.js';

// A fact table over 100K keys, a dimension with one row per key, a bridge table keyed like the dimension.
const fact = statsTable(1_000_000, { f_k: { ndv: 100_000 }, f_v: { ndv: 1000 } });
const dim = statsTable(100_000, { d_k: { ndv: 100_000 }, d_x: { ndv: 100_000, min: 1, max: 100_000 } });
const bridge = statsTable(400_000, { b_k: { ndv: 100_000 }, b_w: { ndv: 400_000 } });

/** s: the fact table's sum per key. */
const perKey = () =>
  scan('f', fact)
    .aggregate([col('f.f_k')], [agg('sum', col('f.f_v'))])
    .alias('s')
    .build();
/** The dimension rows with d_x <= rows. */
const fewKeys = (rows: number) => scan('d', dim).filter(binary(col('d.d_x'), '<=', lit(rows))).build();

const join = (left: LogicalPlan, right: LogicalPlan, joinType: JoinType, l: string, r: string) =>
  LogicalPlanBuilder.from(left).join(right, joinType, [[col(l), col(r)]]).build();

describe('ReduceAggregateInput', () => {
  it('semi-joins the aggregate input with the few keys the other join input has', () => {
    const out = new ReduceAggregateInput().rewrite(join(fewKeys(10), perKey(), 'inner', 'd.d_k', 's.f_k'));
    expect(planToString(out)).toBe(
      [
        'Join: type=inner on=[d.d_k = s.f_k]',
        '  Filter: d.d_x <= 10',
        '    TableScan: d',
        '  SubqueryAlias: s',
        '    Aggregate: groupBy=[f.f_k], aggr=[sum(f.f_v)]',
        '      Join: type=semi on=[f.f_k = d.d_k]',
        '        TableScan: f',
        '        Projection: d.d_k',
        '          Filter: d.d_x <= 10',
        '            TableScan: d',
      ].join('\n'),
    );
  });

  it('takes the keys from the cheapest relation covering them (the dimension under a bridge join)', () => {
    const bridged = join(scan('b', bridge).build(), fewKeys(10), 'semi', 'b.b_k', 'd.d_k');
    const out = new ReduceAggregateInput().rewrite(join(perKey(), bridged, 'inner', 's.f_k', 'b.b_k'));
    expect(planToString(out)).toContain('      Join: type=semi on=[f.f_k = d.d_k]\n        TableScan: f\n        Projection: d.d_k\n          Filter: d.d_x <= 10');
  });

  it('reduces the matched side of outer, semi and anti joins, never the preserved side', () => {
    for (const joinType of ['left', 'semi', 'anti'] as const) {
      const out = new ReduceAggregateInput().rewrite(join(fewKeys(10), perKey(), joinType, 'd.d_k', 's.f_k'));
      expect(planToString(out), joinType).toContain('Join: type=semi on=[f.f_k = d.d_k]');
    }
    const preserved = join(perKey(), fewKeys(10), 'left', 's.f_k', 'd.d_k');
    expect(new ReduceAggregateInput().rewrite(preserved)).toBe(preserved);
  });

  it('leaves the aggregate alone when the other side has most keys, and once reduced (a fixed point)', () => {
    const unselective = join(fewKeys(90_000), perKey(), 'inner', 'd.d_k', 's.f_k');
    expect(new ReduceAggregateInput().rewrite(unselective)).toBe(unselective);
    const rule = new ReduceAggregateInput();
    const once = rule.rewrite(join(fewKeys(10), perKey(), 'inner', 'd.d_k', 's.f_k'));
    expect(rule.rewrite(once)).toBe(once);
  });

  it('only follows group keys: a join on an aggregate result is left alone', () => {
    const onSum = LogicalPlanBuilder.from(fewKeys(10))
      .join(perKey(), 'inner', [[col('d.d_k'), col('s.sum(f.f_v)')]])
      .build();
    expect(new ReduceAggregateInput().rewrite(onSum)).toBe(onSum);
  });
});
