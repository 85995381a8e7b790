/**
 * The join graph of a tree of inner joins: its relations (the inputs that are not inner joins), and
 * its predicates, each with the set of relations it reads (a bitmask). Equalities between columns
 * of two disjoint relation sets are the graph's edges; the rest are filters placed where all their
 * relations meet. Also the size of any set of joined relations, independent of join order.
 */
import type { Schema } from '@quiver/common';
import { binary, exprColumns, splitConjunction, type Expr, type LogicalPlan } from '@quiver/planner';
import { columnIndex, isMovable } from '../expr-utils.js';
import { selectivity } from './selectivity.js';
import type { CardinalityEstimator } from './cardinality.js';
import type { RelationEstimate } from './relation-estimate.js';

export interface JoinPredicate {
  readonly expr: Expr;
  /** Relations it reads. */
  readonly mask: number;
  /** For `a = b` with a and b over disjoint relation sets: those sets. */
  readonly sides: readonly [number, number] | null;
  /** For an equality between columns of two single relations: the relations and the columns' distinct counts. */
  readonly key: KeyEquality | null;
  /** For any other predicate: its selectivity over the relations it reads. */
  readonly selectivity: number;
}

interface KeyEquality {
  readonly a: number;
  readonly b: number;
  readonly ndvA: number;
  readonly ndvB: number;
}

export interface JoinGraph {
  readonly relations: readonly LogicalPlan[];
  readonly estimates: readonly RelationEstimate[];
  readonly predicates: readonly JoinPredicate[];
}

/** Whether `p` is a join the graph looks through: inner (without IS NOT DISTINCT FROM keys) or cross. */
export function isInnerJoin(p: LogicalPlan): boolean {
  return p.kind === 'crossJoin' || (p.kind === 'join' && p.joinType === 'inner' && !p.nullEqualsNull);
}

/** The relations and predicates of the inner-join tree at `root`, in input order. */
export function flattenJoins(root: LogicalPlan): { relations: LogicalPlan[]; predicates: Expr[] } {
  const relations: LogicalPlan[] = [];
  const predicates: Expr[] = [];
  const walk = (p: LogicalPlan): void => {
    if (!isInnerJoin(p)) {
      relations.push(p);
      return;
    }
    if (p.kind !== 'join' && p.kind !== 'crossJoin') return;
    walk(p.left);
    walk(p.right);
    if (p.kind === 'join') {
      predicates.push(...p.on.map(([l, r]) => binary(l, '=', r)));
      if (p.filter) predicates.push(...splitConjunction(p.filter));
    }
  };
  walk(root);
  return { relations, predicates };
}

/** The relations `e` reads as a bitmask, or null when a column is in none or several of them. */
function maskOf(e: Expr, schemas: readonly Schema[]): number | null {
  let mask = 0;
  for (const c of exprColumns(e)) {
    const owners = schemas.flatMap((s, i) => (columnIndex(s, c) >= 0 ? [i] : []));
    if (owners.length !== 1) return null;
    mask |= 1 << owners[0]!;
  }
  return mask;
}

/** The graph, or null when some predicate cannot be placed (unresolvable columns, subqueries, volatile calls). */
export function buildJoinGraph(relations: readonly LogicalPlan[], predicates: readonly Expr[], estimator: CardinalityEstimator): JoinGraph | null {
  const schemas = relations.map((r) => r.schema);
  const estimates = relations.map((r) => estimator.estimate(r));
  const out: JoinPredicate[] = [];
  for (const expr of predicates) {
    if (!isMovable(expr)) return null;
    const mask = maskOf(expr, schemas);
    if (mask === null) return null;
    let sides: readonly [number, number] | null = null;
    if (expr.kind === 'binary' && expr.op === '=') {
      const a = maskOf(expr.left, schemas);
      const b = maskOf(expr.right, schemas);
      if (a && b && (a & b) === 0) sides = [a, b];
    }
    const key = sides && singleRelationKeys(relations, estimates, expr, sides);
    const sel = key ? 1 : predicateSelectivity(relations, estimates, expr, mask);
    out.push({ expr, mask, sides, key, selectivity: sel });
  }
  return { relations, estimates, predicates: out };
}

/** Whether some edge joins a relation of `a` with one of `b`. */
export function connected(graph: JoinGraph, a: number, b: number): boolean {
  return graph.predicates.some(
    (p) => p.sides !== null && (((p.sides[0] & a) === p.sides[0] && (p.sides[1] & b) === p.sides[1]) || ((p.sides[0] & b) === p.sides[0] && (p.sides[1] & a) === p.sides[1])),
  );
}

/**
 * Rows of the join of the relations in `mask`: the product of their sizes times the selectivity of
 * every predicate within the set. Equalities between the same two relations count together, as one
 * composite key (distinct key combinations capped by each side's rows), so correlated keys are not
 * multiplied twice.
 */
export function joinedRows(graph: JoinGraph, mask: number): number {
  let rows = 1;
  for (let i = 0; i < graph.relations.length; i++) if (mask & (1 << i)) rows *= graph.estimates[i]!.rows;
  const keyGroups = new Map<string, { a: number; b: number; ndvA: number; ndvB: number }>();
  for (const p of graph.predicates) {
    if ((p.mask & mask) !== p.mask) continue;
    const key = p.key;
    if (key) {
      const id = `${key.a},${key.b}`;
      const g = keyGroups.get(id);
      if (g) {
        g.ndvA *= key.ndvA;
        g.ndvB *= key.ndvB;
      } else keyGroups.set(id, { ...key });
      continue;
    }
    rows *= p.selectivity;
  }
  for (const g of keyGroups.values()) {
    const da = Math.max(1, Math.min(g.ndvA, graph.estimates[g.a]!.rows));
    const db = Math.max(1, Math.min(g.ndvB, graph.estimates[g.b]!.rows));
    rows /= Math.max(da, db);
  }
  return Math.max(rows, 1);
}

/** For `colA = colB` over single relations: the relations and the columns' distinct counts. */
function singleRelationKeys(
  relations: readonly LogicalPlan[],
  estimates: readonly RelationEstimate[],
  expr: Expr,
  [ma, mb]: readonly [number, number],
): KeyEquality | null {
  if (expr.kind !== 'binary') return null;
  if ((ma & (ma - 1)) !== 0 || (mb & (mb - 1)) !== 0) return null;
  let a = 31 - Math.clz32(ma);
  let b = 31 - Math.clz32(mb);
  let ea = expr.left;
  let eb = expr.right;
  const ndv = (rel: number, e: Expr) => {
    const cols = exprColumns(e);
    const est = estimates[rel]!;
    if (cols.length !== 1) return est.rows;
    const i = columnIndex(relations[rel]!.schema, cols[0]!);
    return (i >= 0 ? est.columns[i]!.ndv : null) ?? est.rows;
  };
  if (a > b) {
    [a, b] = [b, a];
    [ea, eb] = [eb, ea];
  }
  return { a, b, ndvA: ndv(a, ea), ndvB: ndv(b, eb) };
}

/** Selectivity of any other predicate, over the concatenated estimates of the relations it reads. */
function predicateSelectivity(relations: readonly LogicalPlan[], estimates: readonly RelationEstimate[], expr: Expr, mask: number): number {
  const members = relations.flatMap((_, i) => (mask & (1 << i) ? [i] : []));
  if (members.length === 0) return 1;
  const schema = members.map((i) => relations[i]!.schema).reduce((a, b) => a.concat(b));
  const combined: RelationEstimate = {
    rows: members.reduce((n, i) => n * estimates[i]!.rows, 1),
    columns: members.flatMap((i) => estimates[i]!.columns),
    cost: 0,
  };
  return selectivity(expr, schema, combined);
}
