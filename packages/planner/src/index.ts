/**
 * @quiver/planner — the logical layer: `Expr` and `LogicalPlan`, the fluent plan builder, the tree
 * rewrite API, type rules and the type-coercion pass, and the function/table interfaces through
 * which planning reaches registries and catalogs.
 */
export * from './expr.js';
export * from './plan.js';
export * from './function.js';
export * from './window.js';
export * from './window-exprs.js';
export * from './table-source.js';
export * from './filter-pushdown.js';
export * from './extension.js';
export * from './lateral-subquery.js';
export * from './statistics.js';
export * from './type-rules.js';
export * from './type-of.js';
export * from './tree.js';
export * from './rebuild.js';
export * from './builder.js';
export * from './coerce.js';
export * from './display.js';
