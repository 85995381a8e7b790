/**
 * The standard rule list, in the order the driver applies it within each pass.
 */
import type { OptimizerRule } from './rule.js';
import { CrossJoinToInnerJoin } from './rules/cross-join-to-inner-join.js';
import { DecorrelateSubqueries } from './rules/decorrelate-subqueries.js';
import { DeriveOrFilters } from './rules/derive-or-filters.js';
import { EliminateOuterJoin } from './rules/eliminate-outer-join.js';
import { EliminateProjection } from './rules/eliminate-projection.js';
import { JoinReorder } from './rules/join-reorder.js';
import { PropagateEmptyRelation } from './rules/propagate-empty-relation.js';
import { PushDownFilter } from './rules/push-down-filter.js';
import { PushDownLimit } from './rules/push-down-limit.js';
import { PushDownProjection } from './rules/push-down-projection.js';
import { PushDownSemiJoin } from './rules/push-down-semi-join.js';
import { ReduceAggregateInput } from './rules/reduce-aggregate-input.js';
import { SimplifyExpressions } from './rules/simplify-expressions.js';

export function defaultRules(): OptimizerRule[] {
  return [
    new DecorrelateSubqueries(),
    new SimplifyExpressions(),
    new EliminateOuterJoin(),
    new CrossJoinToInnerJoin(),
    new DeriveOrFilters(),
    new PushDownFilter(),
    new PushDownSemiJoin(),
    new JoinReorder(),
    new ReduceAggregateInput(),
    new PushDownLimit(),
    new PropagateEmptyRelation(),
    new PushDownProjection(),
    new EliminateProjection(),
  ];
}
