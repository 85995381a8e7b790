/**
 * The planner's view of a table: its schema and statistics. Executable tables
 * (`TableProvider` in `@quiver/exec`) extend this interface, so a `TableScan` carries the provider itself.
 */
import type { Schema } from '@quiver/common';
import type { TableStatistics } from './statistics.js';

export interface TableSource {
  /** Unqualified schema of the table's columns. */
  readonly schema: Schema;
  /** Row count and per-column statistics, as far as known cheaply (computed once and cached). */
  statistics?(): TableStatistics;
}

/** How SQL planning resolves table names; the session's catalog implements it. */
export interface TableResolver {
  /** The table registered under `name` (already normalized), or undefined. */
  table(name: string): TableSource | undefined;
  /** A view's definition, to be planned in place of the name, or undefined. */
  view?(name: string): import('./plan.js').LogicalPlan | undefined;
  /** All table and view names, for "did you mean" suggestions. */
  tableNames(): Iterable<string>;
}
