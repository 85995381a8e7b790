/**
 * User-defined logical plan nodes: operators the planner does not know, carried in an `extension`
 * plan node. Rules treat them as opaque (they can rewrite their inputs and expressions); an
 * `ExtensionPlanner` registered with the physical planner turns them into operators.
 */
import type { Schema } from '@quiver/common';
import type { Expr } from './expr.js';
import type { LogicalPlan } from './plan.js';

export interface UserDefinedLogicalNode {
  /** The operator's name, shown in EXPLAIN and used by physical planners to recognise it. */
  readonly name: string;
  readonly inputs: readonly LogicalPlan[];
  /** The expressions the node holds, over the concatenated columns of its inputs; rules may rewrite them. */
  readonly exprs: readonly Expr[];
  readonly schema: Schema;
  /** The node's parameters for EXPLAIN, on one line (without its inputs). */
  describe(): string;
  /** This node with new inputs and expressions (same counts and order as `inputs` and `exprs`). */
  withNewInputs(inputs: readonly LogicalPlan[], exprs: readonly Expr[]): UserDefinedLogicalNode;
}
