import { coercePlan, planToString, type LogicalPlan } from '@quiver/planner';
import { beforeAll, describe, expect, it } from 'vitest';
import { initSql, parseSql } from './parser.js';
import { SqlPlanner } from './sql-planner.js';
import { stubFunctions, TestCatalog, TPCH_TABLES } from './testdata/catalog.js';
import { tpchQueries, type TpchSpelling } from '../../../tpch/src/queries/tpch-queries.js';

beforeAll(async () => {
  await initSql();
});

/** Plan a script, applying its view DDL to the catalog as a session would; the plan of the last query. */
function planScript(sql: string): LogicalPlan {
  const catalog = new TestCatalog(TPCH_TABLES);
  const planner = new SqlPlanner(catalog, stubFunctions);
  let last: LogicalPlan | null = null;
  for (const stmt of parseSql(sql)) {
    const plan = planner.planStatement(stmt, sql);
    if (plan.kind === 'ddl' && plan.ddl.op === 'createView') catalog.views.set(plan.ddl.name, plan.ddl.plan);
    else if (plan.kind === 'ddl' && plan.ddl.op === 'dropView') catalog.views.delete(plan.ddl.name);
    else last = plan;
  }
  if (last === null) throw new Error('script has no query');
  return last;
}

describe.each<TpchSpelling>(['interval', 'literal'])('TPC-H queries, %s spelling', (spelling) => {
  const queries = tpchQueries(spelling);
  it('has all 22 queries', () => {
    expect(queries).toHaveLength(22);
  });
  it.each(queries.map((sql, i) => [i + 1, sql] as const))('plans Q%i', (_n, sql) => {
    const plan = planScript(sql);
    expect(plan.schema.length).toBeGreaterThan(0);
    expect(planToString(plan)).not.toContain('wildcard');
  });
  it.each(queries.map((sql, i) => [i + 1, sql] as const))('type-coerces the plan of Q%i', (_n, sql) => {
    const plan = planScript(sql);
    expect(coercePlan(plan).schema.fields.map((f) => f.name)).toEqual(plan.schema.fields.map((f) => f.name));
  });
});
