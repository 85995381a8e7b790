/**
 * Test helpers: plan SQL against the test catalog and show the plan as EXPLAIN text, or capture the
 * QuiverError planning raises. Callers must have awaited `initSql()`.
 */
import { QuiverError } from '@quiver/common';
import { planToString, type LogicalPlan } from '@quiver/planner';
import { parseSql } from '../parser.js';
import { SqlPlanner } from '../sql-planner.js';
import { SMALL_TABLES, stubFunctions, TestCatalog, TPCH_TABLES } from './catalog.js';

export function testCatalog(): TestCatalog {
  return new TestCatalog({ ...TPCH_TABLES, ...SMALL_TABLES });
}

/** The plan of the single statement `sql`. */
export function planOne(sql: string, catalog: TestCatalog = testCatalog()): LogicalPlan {
  const stmts = parseSql(sql);
  if (stmts.length !== 1) throw new Error(`expected one statement, got ${stmts.length}`);
  return new SqlPlanner(catalog, stubFunctions).planStatement(stmts[0]!);
}

export function planText(sql: string, catalog?: TestCatalog): string {
  return planToString(planOne(sql, catalog));
}

/** The error planning `sql` raises (located, without the caret frame). */
export function planError(sql: string, catalog?: TestCatalog): QuiverError {
  try {
    planOne(sql, catalog);
  } catch (err) {
    if (err instanceof QuiverError) return err;
    throw err;
  }
  throw new Error(`expected planning to fail: ${sql}`);
}
