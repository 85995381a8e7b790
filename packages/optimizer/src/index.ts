/**
 * @quiver/optimizer — logical plan rewrites: the rule contract, the fixed-point driver and the
 * standard rules (expression simplification, filter/projection/limit push-down, subquery decorrelation).
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
export { DecorrelateSubqueries } from './rules/decorrelate-subqueries.js';
