import { describe, expect, it } from 'vitest';
import { makeConfig } from '@quiver/common';
import { binary, builtinWindowFunction, col, defaultFrame, lit, planToString, type Expr, type LogicalPlan } from '@quiver/planner';
import { Optimizer } from '../optimizer.js';
import type { OptimizerRule } from '../rule.js';
import { scan } from '../test-fixtures.js';
import { PushDownFilter } from './push-down-filter.js';
import { PushDownProjection } from './push-down-projection.js';
import { PushDownLimit } from './push-down-limit.js';
import { PropagateEmptyRelation } from './propagate-empty-relation.js';
import { JoinReorder } from './join-reorder.js';

const run = (rule: OptimizerRule, plan: LogicalPlan) => planToString(new Optimizer([rule]).optimize(plan, makeConfig()));

/** rank() OVER (PARTITION BY <partition> ORDER BY t.b). */
function rank(...partition: Expr[]): Expr {
  return { kind: 'window', func: builtinWindowFunction('rank')!, args: [], partitionBy: partition, orderBy: [{ expr: col('t.b'), asc: true, nullsFirst: false }], frame: defaultFrame(true), distinct: false, filter: null };
}
const rankName = (p: string) => `rank() OVER (PARTITION BY ${p} ORDER BY t.b ASC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
/** The Window node's output column for `rankName(p)` (its name holds dots, so not through `col`). */
const rankCol = (p: string): Expr => ({ kind: 'column', qualifier: null, name: rankName(p) });

describe('optimizer rules around a Window node', () => {
  it('push-down-filter moves predicates on every window\'s partition key below it, and keeps the rest above', () => {
    const w = scan('t').window([rank(col('t.a')), rank(col('t.a'), col('t.c'))]);
    const plan = w.filter(binary(binary(col('t.a'), '=', lit(1)), 'AND', binary(binary(col('t.c'), '=', lit('x')), 'AND', binary(rankCol('t.a'), '<=', lit(3))))).build();
    expect(run(new PushDownFilter(), plan)).toBe(
      [
        `Filter: (t.c = 'x') AND ("${rankName('t.a')}" <= 3)`,
        `  WindowAggr: windowExpr=[${rankName('t.a')}, ${rankName('t.a, t.c')}]`,
        '    Filter: t.a = 1',
        '      TableScan: t filters=[t.a = 1]',
      ].join('\n'),
    );
  });

  it('push-down-filter keeps everything above a window without PARTITION BY', () => {
    const plan = scan('t').window([rank()]).filter(binary(col('t.a'), '=', lit(1))).build();
    expect(run(new PushDownFilter(), plan).split('\n')[0]).toBe('Filter: t.a = 1');
  });

  it('push-down-projection drops unread window expressions and keeps the columns the others read', () => {
    const plan = scan('t').window([rank(col('t.a')), rank(col('t.c'))]).project([rankCol('t.a')]).build();
    expect(run(new PushDownProjection(), plan)).toBe(
      [`Projection: "${rankName('t.a')}"`, `  WindowAggr: windowExpr=[${rankName('t.a')}]`, '    TableScan: t projection=[a, b]'].join('\n'),
    );
    const none = scan('t').window([rank(col('t.a'))]).project([col('t.c')]).build();
    expect(run(new PushDownProjection(), none)).toBe(['Projection: t.c', '  TableScan: t projection=[c]'].join('\n'));
  });

  it('push-down-limit does not move a limit below a window', () => {
    const plan = scan('t').window([rank(col('t.a'))]).limit(0, 5).build();
    expect(new PushDownLimit().rewrite(plan)).toBe(plan);
  });

  it('propagate-empty-relation empties a window over no rows', () => {
    const plan = scan('t').filter(lit(false)).window([rank(col('t.a'))]).build();
    const emptied = { ...plan, input: { kind: 'emptyRelation', produceOneRow: false, schema: plan.schema } } as LogicalPlan;
    expect(run(new PropagateEmptyRelation(), emptied)).toBe('EmptyRelation: rows=0');
  });

  it('join reordering treats a window as a leaf: joins below it stay below', () => {
    const joined = scan('t').crossJoin(scan('u', undefined).build()).window([rank(col('t.a'))]).build();
    const out = run(new JoinReorder(), joined);
    expect(out.split('\n')[0]).toMatch(/^WindowAggr/);
  });
});
