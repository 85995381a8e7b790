/**
 * The contract every logical optimizer rule implements, and what a rule may consult while rewriting.
 */
import type { SessionConfig } from '@quiver/common';
import type { LogicalPlan } from '@quiver/planner';

export interface OptimizerContext {
  readonly config: SessionConfig;
}

/**
 * A semantics-preserving plan rewrite. `rewrite` must return the very same object when it changes
 * nothing, so the driver can detect a fixed point by identity.
 */
export interface OptimizerRule {
  readonly name: string;
  rewrite(plan: LogicalPlan, ctx: OptimizerContext): LogicalPlan;
}
