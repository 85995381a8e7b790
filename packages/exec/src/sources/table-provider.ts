/**
 * The executable table: a `TableSource` the planner sees, which can also produce a scan operator.
 */
import type { Expr, TableSource } from '@quiver/planner';
import type { ExecutionPlan } from '../execution-plan.js';

export interface TableProvider extends TableSource {
  /**
   * A plan reading the table: only the columns at `projection` (in that order; null for all), at
   * most `limit` rows when given. `filters` (over the table's columns) are advisory: the scan may
   * use them to skip data, and the plan above still applies them.
   */
  scan(projection: readonly number[] | null, filters: readonly Expr[], limit: number | null): ExecutionPlan;
}
