import { describe, expect, it } from 'vitest';
import { makeConfig, Scalars } from '@quiver/common';
import { binary, col, lit, planToString, type LogicalPlan } from '@quiver/planner';
import { agg, markJoin, scan, u } from '../test-fixtures.js';
import { Optimizer } from '../optimizer.js';
import { PropagateEmptyRelation } from './propagate-empty-relation.js';

const rule = new PropagateEmptyRelation();
const nothing = (of: LogicalPlan): LogicalPlan => ({ kind: 'emptyRelation', produceOneRow: false, schema: of.schema });
const tScan = scan('t').build();
const uScan = scan('u', u).build();
const on = [[col('t.a'), col('u.x')]] as const;

describe('PropagateEmptyRelation', () => {
  it('empties operators that only pass rows on, up to the root', () => {
    const plan = scan('t').filter(binary(col('t.a'), '>', lit(1))).build();
    const emptied = { ...plan, input: nothing(tScan) } as LogicalPlan;
    expect(planToString(rule.rewrite(emptied))).toBe('EmptyRelation: rows=0');
  });

  it('keeps the one row of an aggregate without groups, but empties grouped ones', () => {
    const global = scan('t').aggregate([], [agg('count')]).build();
    const grouped = scan('t').aggregate([col('t.a')], [agg('count')]).build();
    expect(rule.rewrite({ ...global, input: nothing(tScan) } as LogicalPlan).kind).toBe('aggregate');
    expect(rule.rewrite({ ...grouped, input: nothing(tScan) } as LogicalPlan).kind).toBe('emptyRelation');
  });

  it('joins: inner and semi with either side empty, outer joins with their preserved side empty', () => {
    const join = (type: 'inner' | 'left' | 'right' | 'semi' | 'anti', left: LogicalPlan, right: LogicalPlan) =>
      ({ ...scan('t').join(uScan, type, on).build(), left, right }) as LogicalPlan;
    expect(rule.rewrite(join('inner', tScan, nothing(uScan))).kind).toBe('emptyRelation');
    expect(rule.rewrite(join('semi', tScan, nothing(uScan))).kind).toBe('emptyRelation');
    expect(rule.rewrite(join('left', nothing(tScan), uScan)).kind).toBe('emptyRelation');
    expect(rule.rewrite(join('left', tScan, nothing(uScan))).kind).toBe('join');
    expect(rule.rewrite(join('right', nothing(tScan), uScan)).kind).toBe('join');
    // NOT EXISTS / NOT IN over no rows keeps every left row.
    expect(rule.rewrite(join('anti', tScan, nothing(uScan)))).toBe(tScan);
    expect(rule.rewrite(join('anti', nothing(tScan), uScan)).kind).toBe('emptyRelation');
  });

  it('mark joins: an empty right side marks every left row FALSE, an empty left side empties the join', () => {
    expect(planToString(rule.rewrite(markJoin(tScan, nothing(uScan), on)))).toBe(['Projection: t.a, t.b, t.c, false AS __mark_1', '  TableScan: t'].join('\n'));
    expect(rule.rewrite(markJoin(tScan, nothing(uScan), on)).schema.fields.map((f) => [f.name, f.type.kind, f.nullable])).toEqual([
      ['a', 'Int32', true], ['b', 'Int32', true], ['c', 'Utf8', true], ['__mark_1', 'Boolean', false],
    ]);
    expect(rule.rewrite(markJoin(nothing(tScan), uScan, on)).kind).toBe('emptyRelation');
  });

  it('drops empty UNION ALL inputs but keeps the first, which names the columns', () => {
    const union = scan('t').union(scan('t').build(), scan('t').build()).build();
    const out = rule.rewrite({ ...union, inputs: [tScan, nothing(tScan), tScan] } as LogicalPlan);
    expect(out.kind === 'union' && out.inputs.length).toBe(2);
    const allEmpty = rule.rewrite({ ...union, inputs: [nothing(tScan), nothing(tScan)] } as LogicalPlan);
    expect(allEmpty.kind).toBe('emptyRelation');
  });

  it('runs in the default rules: WHERE false empties the whole join', () => {
    const plan = scan('t').join(uScan, 'inner', on).filter(lit(Scalars.boolean(false))).project([col('t.a')]).build();
    expect(planToString(new Optimizer().optimize(plan, makeConfig()))).toBe('EmptyRelation: rows=0');
  });
});
