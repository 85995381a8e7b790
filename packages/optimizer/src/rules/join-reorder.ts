/**
 * `join-reorder`: cost-based join ordering. Each maximal tree of inner joins is flattened into its
 * join graph (relations and predicates), the cheapest order is searched (`bestJoinTree`: dynamic
 * programming over connected subsets, greedy for large graphs), and the tree is rebuilt with every
 * predicate at the lowest join that has its columns: equalities between the two sides as hash keys,
 * the rest as join filters. Outer, semi and anti joins are barriers: they stay where they are, and
 * the inner-join trees inside their inputs are ordered on their own. A projection restores the
 * original column order. The tree is left alone when the chosen order is the one it already has.
 */
import type { Schema } from '@quiver/common';
import { conjunction, joinSchema, rebuildPlan, withNewInputs, planInputs, type Expr, type LogicalPlan } from '@quiver/planner';
import { colRef } from '../expr-utils.js';
import { equiPair } from '../join-sides.js';
import type { OptimizerRule } from '../rule.js';
import { CardinalityEstimator } from '../cost/cardinality.js';
import { buildJoinGraph, flattenJoins, isInnerJoin, type JoinGraph } from '../cost/join-graph.js';
import { bestJoinTree, type JoinTree } from '../cost/join-order.js';

/** Nested leaf indices of a tree, e.g. `((0 1) 2)`. */
function shapeOf(tree: JoinTree): string {
  return tree.kind === 'relation' ? String(tree.index) : `(${shapeOf(tree.left)} ${shapeOf(tree.right)})`;
}

/** The same for an existing join tree whose relations are `relations` (by identity). */
function currentShape(p: LogicalPlan, relations: readonly LogicalPlan[]): string {
  if (!isInnerJoin(p)) return String(relations.indexOf(p));
  const [l, r] = planInputs(p);
  return `(${currentShape(l!, relations)} ${currentShape(r!, relations)})`;
}

function hasUniqueNames(schema: Schema): boolean {
  const names = schema.fields.map((f) => f.qualifiedName);
  return new Set(names).size === names.length;
}

class Builder {
  private readonly placed = new Set<number>();

  constructor(private readonly graph: JoinGraph) {}

  build(tree: JoinTree): LogicalPlan {
    if (tree.kind === 'relation') {
      const own = this.take(tree.mask, () => true);
      const rel = this.graph.relations[tree.index]!;
      const predicate = conjunction(own);
      return predicate === null ? rel : { kind: 'filter', input: rel, predicate, schema: rel.schema };
    }
    const left = this.build(tree.left);
    const right = this.build(tree.right);
    const on: (readonly [Expr, Expr])[] = [];
    const rest = this.take(tree.mask, (e) => {
      const pair = equiPair(e, left.schema, right.schema);
      if (pair) on.push(pair);
      return !pair;
    });
    const filter = conjunction(rest);
    if (on.length === 0 && filter === null) {
      return { kind: 'crossJoin', left, right, schema: left.schema.concat(right.schema) };
    }
    return { kind: 'join', left, right, joinType: 'inner', on, filter, nullEqualsNull: false, schema: joinSchema(left.schema, right.schema, 'inner') };
  }

  /** The predicates not yet placed whose relations are all within `mask` (those `keep` accepts are returned). */
  private take(mask: number, keep: (e: Expr) => boolean): Expr[] {
    const out: Expr[] = [];
    this.graph.predicates.forEach((p, i) => {
      if (this.placed.has(i) || (p.mask & mask) !== p.mask) return;
      this.placed.add(i);
      if (keep(p.expr)) out.push(p.expr);
    });
    return out;
  }
}

export class JoinReorder implements OptimizerRule {
  readonly name = 'join-reorder';

  rewrite(plan: LogicalPlan): LogicalPlan {
    return this.visit(plan, new CardinalityEstimator());
  }

  private visit(plan: LogicalPlan, estimator: CardinalityEstimator): LogicalPlan {
    if (isInnerJoin(plan)) {
      const reordered = this.reorder(plan, estimator);
      if (reordered) return reordered;
    }
    return withNewInputs(plan, planInputs(plan).map((p) => this.visit(p, estimator)));
  }

  /** The reordered tree, or null when there is nothing to reorder (the caller then just recurses). */
  private reorder(root: LogicalPlan, estimator: CardinalityEstimator): LogicalPlan | null {
    const flat = flattenJoins(root);
    if (flat.relations.length < 3 || flat.relations.length > 31 || !hasUniqueNames(root.schema)) return null;
    // Relations in a canonical order (by column names), so that ties between equally good orders
    // are broken the same way whatever order the tree has now: a second pass changes nothing.
    const key = (p: LogicalPlan) => p.schema.fields.map((f) => f.qualifiedName).join(',');
    flat.relations.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const relations = flat.relations.map((r) => this.visit(r, estimator));
    const graph = buildJoinGraph(relations, flat.predicates, estimator);
    if (graph === null) return null;
    const tree = bestJoinTree(graph);
    const unchanged = relations.every((r, i) => r === flat.relations[i]);
    if (unchanged && shapeOf(tree) === currentShape(root, flat.relations)) return root;
    // Predicates over a single relation (or none: constants) become filters over the first relation they fit.
    let plan = new Builder(graph).build(tree);
    const order = root.schema.fields.map((f) => f.qualifiedName).join('\n');
    if (plan.schema.fields.map((f) => f.qualifiedName).join('\n') !== order) {
      const exprs = root.schema.fields.map((f) => colRef(f.qualifier, f.name));
      plan = rebuildPlan({ kind: 'projection', input: plan, exprs: [], schema: plan.schema }, [plan], exprs);
    }
    return plan;
  }
}
