/**
 * `cross-join-to-inner-join`: reorders a tree of cross joins and inner joins (as `FROM a, b, c WHERE …`
 * plans it) so that every input is joined to one it has an equality with, turning cross joins into
 * inner equi-joins. Starting from the first input, it repeatedly adds the first remaining input
 * linked to those already joined by some equality predicate (joined on all such equalities), and
 * only falls back to a cross join when none is. Predicates not used as keys stay in a filter above
 * (push-down-filter then moves them). Applied only when it removes cross joins; the output columns
 * keep their order (a projection restores it when inputs moved).
 */
import type { Schema } from '@quiver/common';
import {
  binary,
  conjunction,
  joinSchema,
  rebuildPlan,
  splitConjunction,
  transformPlanUp,
  type Expr,
  type LogicalPlan,
} from '@quiver/planner';
import { colRef, hasColumns, isMovable } from '../expr-utils.js';
import { equiPair } from '../join-sides.js';
import type { OptimizerRule } from '../rule.js';

interface Flattened {
  readonly inputs: LogicalPlan[];
  readonly predicates: Expr[];
  crossJoins: number;
}

function isFlattenable(p: LogicalPlan): boolean {
  return p.kind === 'crossJoin' || (p.kind === 'join' && p.joinType === 'inner' && !p.nullEqualsNull);
}

function flatten(p: LogicalPlan, into: Flattened): void {
  if (p.kind === 'crossJoin') {
    into.crossJoins++;
    flatten(p.left, into);
    flatten(p.right, into);
  } else if (p.kind === 'join' && isFlattenable(p)) {
    flatten(p.left, into);
    flatten(p.right, into);
    into.predicates.push(...p.on.map(([l, r]) => binary(l, '=', r)));
    if (p.filter) into.predicates.push(...splitConjunction(p.filter));
  } else into.inputs.push(p);
}

function hasUniqueNames(schema: Schema): boolean {
  const names = schema.fields.map((f) => f.qualifiedName);
  return new Set(names).size === names.length;
}

/** The joined tree and the predicates left over, or null when it would not remove a cross join. */
function reorder(flat: Flattened): { plan: LogicalPlan; rest: Expr[]; crossJoins: number } | null {
  const remaining = flat.inputs.slice(1);
  let pool = [...flat.predicates];
  let current = flat.inputs[0]!;
  let crossJoins = 0;
  while (remaining.length > 0) {
    let chosen = -1;
    let keys: (readonly [Expr, Expr])[] = [];
    for (let j = 0; j < remaining.length && chosen < 0; j++) {
      const candidate = remaining[j]!;
      keys = pool.flatMap((e) => {
        const pair = isMovable(e) ? equiPair(e, current.schema, candidate.schema) : null;
        return pair ? [pair] : [];
      });
      if (keys.length > 0) chosen = j;
    }
    if (chosen < 0) {
      const right = remaining.shift()!;
      current = { kind: 'crossJoin', left: current, right, schema: current.schema.concat(right.schema) };
      crossJoins++;
      continue;
    }
    const right = remaining.splice(chosen, 1)[0]!;
    pool = pool.filter((e) => !(isMovable(e) && equiPair(e, current.schema, right.schema)));
    current = {
      kind: 'join',
      left: current,
      right,
      joinType: 'inner',
      on: keys,
      filter: null,
      nullEqualsNull: false,
      schema: joinSchema(current.schema, right.schema, 'inner'),
    };
  }
  return crossJoins < flat.crossJoins ? { plan: current, rest: pool, crossJoins } : null;
}

function rewriteTree(top: LogicalPlan, above: Expr[], original: LogicalPlan): LogicalPlan | null {
  if (!isFlattenable(top) || !hasUniqueNames(top.schema)) return null;
  const flat: Flattened = { inputs: [], predicates: above.filter((e) => hasColumns(e)), crossJoins: 0 };
  flatten(top, flat);
  const untouched = above.filter((e) => !hasColumns(e));
  const result = reorder(flat);
  if (result === null) return null;
  const predicate = conjunction([...result.rest, ...untouched]);
  let plan: LogicalPlan = predicate === null ? result.plan : { kind: 'filter', input: result.plan, predicate, schema: result.plan.schema };
  const order = original.schema.fields.map((f) => f.qualifiedName).join('\n');
  if (plan.schema.fields.map((f) => f.qualifiedName).join('\n') !== order) {
    const exprs = original.schema.fields.map((f) => colRef(f.qualifier, f.name));
    plan = rebuildPlan({ kind: 'projection', input: plan, exprs: [], schema: plan.schema }, [plan], exprs);
  }
  return plan;
}

export class CrossJoinToInnerJoin implements OptimizerRule {
  readonly name = 'cross-join-to-inner-join';

  rewrite(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, (node) => {
      if (node.kind === 'filter') return rewriteTree(node.input, splitConjunction(node.predicate), node) ?? node;
      return rewriteTree(node, [], node) ?? node;
    });
  }
}
