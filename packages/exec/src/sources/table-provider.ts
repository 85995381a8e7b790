/**
 * The executable table: a `TableSource` the planner sees, which can also produce a scan operator.
 * Implement it to plug a new data source into Quiver (see docs/data-sources.md).
 */
import type { Expr, FilterPushdown, TableSource } from '@quiver/planner';
import type { ExecutionPlan } from '../execution-plan.js';

export interface TableProvider extends TableSource {
  /**
   * A plan reading the table: only the columns at `projection` (in that order; null for all), at
   * most `limit` rows when given (counted after any `exact` filters). `filters` (over the table's
   * columns, qualified by the scan's table name) are those `supportsFiltersPushdown` did not call
   * `unsupported`: the scan must apply the `exact` ones and may use the others to skip data.
   */
  scan(projection: readonly number[] | null, filters: readonly Expr[], limit: number | null): ExecutionPlan;
  /**
   * How far the scan honours each predicate (see `FilterPushdown`). Without this method every
   * filter is `inexact`: passed to `scan` as a hint and still applied above it.
   */
  supportsFiltersPushdown?(filters: readonly Expr[]): readonly FilterPushdown[];
}
