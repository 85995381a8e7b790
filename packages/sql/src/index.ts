/**
 * @quiver/sql — SQL text to logical plans: the parser adapter (`initSql`, `parseSql`) and the SQL
 * planner (`SqlPlanner`, `planSql`), which binds names through a `TableResolver` and a `FunctionProvider`.
 */
export { initSql, parseSql, type SqlDialect } from './parser.js';
export type { Statement } from './ast.js';
export { SqlPlanner, planSql, type SqlPlannerOptions } from './sql-planner.js';
