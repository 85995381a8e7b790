/**
 * Physical planning hooks: `ExtensionPlanner`s turn user-defined logical nodes into operators, and
 * `PhysicalOptimizerRule`s rewrite the finished operator tree. Both are passed to
 * `createPhysicalPlan` (the session keeps them: `ctx.registerExtensionPlanner`, `ctx.physicalOptimizerRules`).
 */
import type { SessionConfig } from '@quiver/common';
import type { UserDefinedLogicalNode } from '@quiver/planner';
import type { ExecutionPlan } from './execution-plan.js';

export interface ExtensionPlanner {
  /**
   * The operator for `node`, given the operators of its inputs (in order); undefined when this
   * planner does not handle nodes of that kind, so the next planner is asked.
   */
  planExtension(node: UserDefinedLogicalNode, inputs: readonly ExecutionPlan[], config: SessionConfig): ExecutionPlan | undefined | Promise<ExecutionPlan | undefined>;
}

/** A rewrite of the whole operator tree, run after physical planning (in order). */
export interface PhysicalOptimizerRule {
  readonly name: string;
  optimize(plan: ExecutionPlan, config: SessionConfig): ExecutionPlan;
}

export interface PhysicalPlannerOptions {
  readonly extensionPlanners?: readonly ExtensionPlanner[];
  readonly physicalOptimizerRules?: readonly PhysicalOptimizerRule[];
}
