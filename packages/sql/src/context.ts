/**
 * What planning one statement carries down the recursion: the catalog and function registry, the
 * CTEs in scope, where each planned column came from (for error positions), and the query planner
 * itself (so expressions can plan their subqueries without a module cycle).
 */
import type { SourceLocation } from '@quiver/common';
import type { Expr, FunctionProvider, LogicalPlan, TableResolver } from '@quiver/planner';
import type { Node } from './ast.js';
import type { Scope } from './scope.js';

/** A WITH entry: planned afresh at every reference, in the context it was defined in. */
export interface CteDefinition {
  readonly query: Node;
  readonly columns: readonly string[];
  readonly ctx: PlannerContext;
  readonly outer: Scope | null;
}

export interface PlannerContext {
  readonly tables: TableResolver;
  readonly functions: FunctionProvider;
  readonly ctes: ReadonlyMap<string, CteDefinition>;
  /** Source position of column expressions created from identifiers. */
  readonly locations: WeakMap<Expr, SourceLocation>;
  readonly planQuery: (query: Node, ctx: PlannerContext, outer: Scope | null) => LogicalPlan;
}
