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
  visitExpr,
  type Expr,
  type LogicalPlan,
} from '@quiver/planner';
import { colRef, columnIndex, hasColumns, isMovable } from '../expr-utils.js';
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

/** Indices of the inputs whose columns `e` reads; null when a column is in no input or in several (it never pairs). */
function inputsRead(e: Expr, inputs: readonly LogicalPlan[]): Set<number> | null {
  const read = new Set<number>();
  let resolvable = true;
  visitExpr(e, (x) => {
    if (x.kind !== 'column' || !resolvable) return;
    let owner = -1;
    for (let i = 0; i < inputs.length; i++) {
      if (columnIndex(inputs[i]!.schema, x) < 0) continue;
      if (owner >= 0) resolvable = false;
      owner = i;
    }
    if (owner < 0) resolvable = false;
    else read.add(owner);
  });
  return resolvable ? read : null;
}

/** An equality `l = r` between expressions of known inputs: the candidates for join keys. */
interface Equality {
  readonly expr: Expr;
  readonly left: Set<number>;
  readonly right: Set<number>;
}

function within(set: Set<number>, joined: Set<number>): boolean {
  if (set.size === 0) return false;
  for (const i of set) if (!joined.has(i)) return false;
  return true;
}

/** `[joinedSide, candidateSide]` when `eq` links the joined inputs with input `k`. */
function keyPair(eq: Equality, joined: Set<number>, k: number): readonly [Expr, Expr] | null {
  const e = eq.expr as Extract<Expr, { kind: 'binary' }>;
  const only = (set: Set<number>) => set.size === 1 && set.has(k);
  if (within(eq.left, joined) && only(eq.right)) return [e.left, e.right];
  if (within(eq.right, joined) && only(eq.left)) return [e.right, e.left];
  return null;
}

/** The joined tree and the predicates left over, or null when it would not remove a cross join. */
function reorder(flat: Flattened): { plan: LogicalPlan; rest: Expr[]; crossJoins: number } | null {
  if (flat.crossJoins === 0) return null;
  const inputs = flat.inputs;
  // Which inputs each side of each movable equality reads, worked out once for the whole reordering.
  const equalities = new Map<Expr, Equality>();
  for (const e of flat.predicates) {
    if (e.kind !== 'binary' || e.op !== '=' || !isMovable(e)) continue;
    const left = inputsRead(e.left, inputs);
    const right = inputsRead(e.right, inputs);
    if (left && right) equalities.set(e, { expr: e, left, right });
  }
  const remaining = inputs.map((_, i) => i).slice(1);
  const joined = new Set<number>([0]);
  let pool = [...flat.predicates];
  let current = inputs[0]!;
  let crossJoins = 0;
  while (remaining.length > 0) {
    let chosen = -1;
    let keys: (readonly [Expr, Expr])[] = [];
    for (let j = 0; j < remaining.length && chosen < 0; j++) {
      const k = remaining[j]!;
      keys = pool.flatMap((e) => {
        const eq = equalities.get(e);
        const pair = eq ? keyPair(eq, joined, k) : null;
        return pair ? [pair] : [];
      });
      if (keys.length > 0) chosen = j;
    }
    if (chosen < 0) {
      const k = remaining.shift()!;
      const right = inputs[k]!;
      joined.add(k);
      current = { kind: 'crossJoin', left: current, right, schema: current.schema.concat(right.schema) };
      crossJoins++;
      continue;
    }
    const k = remaining.splice(chosen, 1)[0]!;
    const right = inputs[k]!;
    pool = pool.filter((e) => {
      const eq = equalities.get(e);
      return !(eq && keyPair(eq, joined, k));
    });
    joined.add(k);
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
