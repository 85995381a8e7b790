/**
 * TPC-H plan snapshots: the optimized plan of each of the 22 queries, with estimated rows and cost
 * per node, over tables that carry SF 1 statistics but no data (so no files are needed). Reviewed
 * for sanity: no cross products, and the multi-way joins start from their selective dimensions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planner, SessionContext } from 'quiver';
import { planWithEstimatesToString } from '@quiver/optimizer';
import { tpchQueries } from '../tpch/src/queries/tpch-queries.js';
import { TPCH_TABLES, tpchStatisticsTable } from './support/tpch-statistics.js';

type LogicalPlan = planner.LogicalPlan;

let ctx: SessionContext;
beforeAll(async () => {
  ctx = await SessionContext.create();
  for (const t of TPCH_TABLES) ctx.registerTable(t, tpchStatisticsTable(t));
});

async function optimizedPlan(n: number): Promise<LogicalPlan> {
  let plan: LogicalPlan | null = null;
  for await (const { dataframe } of ctx.executeScript(tpchQueries('literal')[n - 1]!)) {
    if (!dataframe.isDdl) plan = dataframe.optimizedPlan();
  }
  return plan!;
}

/** The tables under the deepest join of the plan's largest inner-join tree, e.g. ['nation', 'region']. */
function firstJoinTables(plan: LogicalPlan): string[] {
  let deepest: { depth: number; tables: string[] } = { depth: -1, tables: [] };
  const walk = (p: LogicalPlan, depth: number) => {
    if (p.kind === 'join' && depth > deepest.depth && !planner.planInputs(p).some(hasJoin)) deepest = { depth, tables: tablesOf(p) };
    for (const input of planner.planInputs(p)) walk(input, depth + 1);
  };
  walk(plan, 0);
  return deepest.tables.sort();
}

/** A relation of exactly one row: an aggregate without groups (under aliases and projections). */
function isScalar(plan: LogicalPlan): boolean {
  if (plan.kind === 'subqueryAlias' || plan.kind === 'projection') return isScalar(plan.input);
  return plan.kind === 'aggregate' && plan.groupExprs.length === 0;
}

/** Whether some join in the plan reads exactly these tables. */
function hasJoinOf(plan: LogicalPlan, tables: string[]): boolean {
  let found = false;
  planner.visitPlan(plan, (p) => {
    if (p.kind === 'join' && tablesOf(p).sort().join() === [...tables].sort().join()) found = true;
  });
  return found;
}

function hasJoin(plan: LogicalPlan): boolean {
  let found = false;
  planner.visitPlan(plan, (p) => {
    if (p.kind === 'join' || p.kind === 'crossJoin') found = true;
  });
  return found;
}

function tablesOf(plan: LogicalPlan): string[] {
  const out: string[] = [];
  planner.visitPlan(plan, (p) => {
    if (p.kind === 'tableScan') out.push(p.tableName);
  });
  return out;
}

describe('TPC-H optimized plans with SF 1 statistics', () => {
  for (let n = 1; n <= 22; n++) {
    it(`Q${n}`, async () => {
      const plan = await optimizedPlan(n);
      await expect(planWithEstimatesToString(plan)).toMatchFileSnapshot(`./__snapshots__/tpch-plans/q${String(n).padStart(2, '0')}.txt`);
      // The only cross products allowed pair rows with one-row scalar subquery results (Q11, Q22).
      planner.visitPlan(plan, (p) => {
        const cross = p.kind === 'crossJoin' || (p.kind === 'join' && p.on.length === 0 && p.joinType === 'inner');
        if (cross) expect(planner.planInputs(p).some(isScalar), `Q${n} has a cross product`).toBe(true);
      });
    });
  }

  it('Q5, Q8 and Q9 start from their selective dimensions', async () => {
    // Q5: region 'ASIA' → its nations → their suppliers, before any fact table.
    const q5 = await optimizedPlan(5);
    expect(firstJoinTables(q5)).toEqual(['nation', 'region']);
    expect(hasJoinOf(q5, ['nation', 'region', 'supplier'])).toBe(true);
    // Q8: the part type (1 in 150) cuts lineitem first; region 'AMERICA' and its nations meet apart.
    const q8 = await optimizedPlan(8);
    expect(firstJoinTables(q8)).toEqual(['lineitem', 'part']);
    expect(hasJoinOf(q8, ['nation', 'region'])).toBe(true);
    // Q9: parts named '%green%' cut lineitem first.
    expect(firstJoinTables(await optimizedPlan(9))).toEqual(['lineitem', 'part']);
  });
});
