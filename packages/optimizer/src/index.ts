/**
 * @quiver/optimizer — logical plan rewrites: the rule contract, the fixed-point driver and the
 * standard rules (expression simplification, filter/projection/limit push-down, subquery decorrelation,
 * cost-based join ordering), and the cost model (cardinality estimates from table statistics).
 */
export type { OptimizerContext, OptimizerRule } from './rule.js';
export { Optimizer } from './optimizer.js';
export { defaultRules } from './default-rules.js';
export { SimplifyExpressions, simplifyExpr } from './rules/simplify-expressions.js';
export { CrossJoinToInnerJoin } from './rules/cross-join-to-inner-join.js';
export { EliminateOuterJoin } from './rules/eliminate-outer-join.js';
export { EliminateProjection } from './rules/eliminate-projection.js';
export { PushDownFilter } from './rules/push-down-filter.js';
export { PushDownProjection } from './rules/push-down-projection.js';
export { PushDownLimit } from './rules/push-down-limit.js';
export { PushDownSemiJoin } from './rules/push-down-semi-join.js';
export { ReduceAggregateInput } from './rules/reduce-aggregate-input.js';
export { DecorrelateSubqueries } from './rules/decorrelate-subqueries.js';
export { JoinReorder } from './rules/join-reorder.js';
export { DeriveOrFilters } from './rules/derive-or-filters.js';
export { PropagateEmptyRelation } from './rules/propagate-empty-relation.js';
export { CardinalityEstimator, equiJoinRows, estimateRows } from './cost/cardinality.js';
export { selectivity, DEFAULT_SELECTIVITY } from './cost/selectivity.js';
export { formatCount, planWithEstimatesToString } from './cost/explain-estimates.js';
export type { ColumnEstimate, RelationEstimate } from './cost/relation-estimate.js';
