import { describe, expect, it } from 'vitest';
import { makeConfig } from '@quiver/common';
import { binary, col, lit, planToString, visitPlan, type Expr, type LogicalPlan } from '@quiver/planner';
import { scan } from '../test-fixtures.js';
import { Optimizer } from '../optimizer.js';
import { defaultRules } from '../default-rules.js';
import { statsTable } from '../cost/test-stats.js';
import { JoinReorder } from './join-reorder.js';

const eq = (a: Expr, b: Expr) => binary(a, '=', b);
const on = (a: string, b: string) => [[col(a), col(b)]] as const;

// A star: a large fact table and three dimensions of very different sizes.
const fact = statsTable(1_000_000, { f_a: { ndv: 100_000 }, f_b: { ndv: 1_000 }, f_c: { ndv: 10 }, f_v: { ndv: 1_000_000 } });
const dimA = statsTable(100_000, { a_id: { ndv: 100_000 }, a_x: { ndv: 100_000, min: 1, max: 100_000 } });
const dimB = statsTable(1_000, { b_id: { ndv: 1_000 }, b_y: { ndv: 50 } });
const dimC = statsTable(10, { c_id: { ndv: 10 } });

/** The text-order star: ((fact ⋈ a) ⋈ b) ⋈ c, with a selective filter on a. */
function star(): LogicalPlan {
  return scan('f', fact)
    .join(scan('a', dimA).filter(binary(col('a.a_x'), '<=', lit(10))).build(), 'inner', on('f.f_a', 'a.a_id'))
    .join(scan('b', dimB).build(), 'inner', on('f.f_b', 'b.b_id'))
    .join(scan('c', dimC).build(), 'inner', on('f.f_c', 'c.c_id'))
    .build();
}

function joinedTables(plan: LogicalPlan): string[] {
  const out: string[] = [];
  visitPlan(plan, (p) => {
    if (p.kind === 'tableScan') out.push(p.tableName);
  });
  return out;
}

function hasCrossJoin(plan: LogicalPlan): boolean {
  let found = false;
  visitPlan(plan, (p) => {
    if (p.kind === 'crossJoin' || (p.kind === 'join' && p.on.length === 0)) found = true;
  });
  return found;
}

describe('JoinReorder', () => {
  it('joins the fact table with its most selective dimension first, smaller inputs on the build (left) side (100 rows before b)', () => {
    const out = new JoinReorder().rewrite(star());
    expect(planToString(out)).toBe(
      [
        'Projection: f.f_a, f.f_b, f.f_c, f.f_v, a.a_id, a.a_x, b.b_id, b.b_y, c.c_id',
        '  Join: type=inner on=[f.f_b = b.b_id]',
        '    Join: type=inner on=[c.c_id = f.f_c]',
        '      TableScan: c',
        '      Join: type=inner on=[a.a_id = f.f_a]',
        '        Filter: a.a_x <= 10',
        '          TableScan: a',
        '        TableScan: f',
        '    TableScan: b',
      ].join('\n'),
    );
  });

  it('leaves a tree alone when it already has the chosen order (a fixed point)', () => {
    const rule = new JoinReorder();
    const once = rule.rewrite(star());
    expect(rule.rewrite(once)).toBe(once);
    const optimizer = new Optimizer(defaultRules());
    const optimized = optimizer.optimize(star(), makeConfig());
    expect(optimizer.optimize(optimized, makeConfig())).toBe(optimized);
  });

  it('never introduces a cross product into a connected chain, whatever the text order', () => {
    // r0 - r1 - r2 - r3 written as r0, r2, r3, r1: the text order would need a cross product.
    const rel = (i: number, rows: number) => statsTable(rows, { [`k${i}`]: { ndv: rows }, [`n${i}`]: { ndv: rows } });
    const plan = scan('r0', rel(0, 10))
      .crossJoin(scan('r2', rel(2, 1000)).build())
      .crossJoin(scan('r3', rel(3, 50)).build())
      .crossJoin(scan('r1', rel(1, 100)).build())
      .filter(binary(binary(eq(col('r0.n0'), col('r1.k1')), 'AND', eq(col('r1.n1'), col('r2.k2'))), 'AND', eq(col('r2.n2'), col('r3.k3'))))
      .build();
    const out = new Optimizer().optimize(plan, makeConfig());
    expect(hasCrossJoin(out)).toBe(false);
    expect(joinedTables(out).sort()).toEqual(['r0', 'r1', 'r2', 'r3']);
  });

  it('orders more relations than dynamic programming handles greedily, still without cross products', () => {
    let builder = scan('r0', statsTable(100, { k0: { ndv: 100 } }));
    for (let i = 1; i < 15; i++) {
      const rows = 100 * ((i * 7) % 11 + 1);
      builder = builder.join(scan(`r${i}`, statsTable(rows, { [`k${i}`]: { ndv: rows }, [`p${i}`]: { ndv: 100 } })).build(), 'inner', on(`r${i - 1}.k${i - 1}`, `r${i}.p${i}`));
    }
    const out = new JoinReorder().rewrite(builder.build());
    expect(hasCrossJoin(out)).toBe(false);
    expect(joinedTables(out)).toHaveLength(15);
  });

  it('keeps a cross product the query has, joining the connected parts first', () => {
    const plan = scan('f', fact)
      .join(scan('b', dimB).build(), 'inner', on('f.f_b', 'b.b_id'))
      .crossJoin(scan('c', dimC).build())
      .build();
    const out = new JoinReorder().rewrite(plan);
    expect(planToString(out)).toContain('CrossJoin\n    TableScan: c\n    Join: type=inner on=[b.b_id = f.f_b]');
  });

  it('treats outer joins as barriers: their inputs are ordered on their own, the join stays', () => {
    const inner = scan('f', fact)
      .join(scan('a', dimA).filter(binary(col('a.a_x'), '<=', lit(10))).build(), 'inner', on('f.f_a', 'a.a_id'))
      .join(scan('b', dimB).build(), 'inner', on('f.f_b', 'b.b_id'))
      .build();
    const plan = scan('c', dimC).join(inner, 'left', on('c.c_id', 'f.f_c')).build();
    const out = new JoinReorder().rewrite(plan);
    const text = planToString(out);
    expect(text.split('\n')[0]).toBe('Join: type=left on=[c.c_id = f.f_c]');
    expect(text).toContain('Join: type=inner on=[a.a_id = f.f_a]\n        Filter: a.a_x <= 10');
  });

  it('places non-equality predicates at the lowest join that has their columns', () => {
    const plan = scan('f', fact)
      .join(scan('a', dimA).build(), 'inner', on('f.f_a', 'a.a_id'))
      .join(scan('b', dimB).build(), 'inner', on('f.f_b', 'b.b_id'), binary(col('a.a_x'), '<', col('f.f_v')))
      .build();
    const out = new JoinReorder().rewrite(plan);
    expect(planToString(out)).toMatch(/Join: type=inner on=\[a\.a_id = f\.f_a\] filter=a\.a_x < f\.f_v/);
  });

  it('is switched off by name', () => {
    const optimizer = new Optimizer();
    const off = optimizer.optimize(star(), makeConfig({ disabledRules: new Set(['join-reorder']) }));
    expect(planToString(off)).toContain('Join: type=inner on=[f.f_c = c.c_id]\n  Join: type=inner on=[f.f_b = b.b_id]');
  });
});
