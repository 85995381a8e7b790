/**
 * `decorrelate-subqueries`: turns subqueries into joins so no subquery runs once per outer row.
 *
 * - In a filter, a top-level conjunct `[NOT] EXISTS (q)` becomes a semi (anti) join with q, and
 *   `x [NOT] IN (q)` a semi (anti) join on `x = q.column`. Correlated equalities
 *   `inner = outer` in q's filters become further join keys; other correlated predicates the join
 *   filter. NOT IN keeps SQL's NULL semantics: a row survives only if every comparison is FALSE,
 *   so when `x` or q's column may be NULL the anti join matches on `x = c OR x IS NULL OR c IS NULL`
 *   (a match whenever the comparison is not FALSE) instead of on the key.
 * - A scalar subquery in a filter or projection becomes a join: uncorrelated and guaranteed to yield
 *   one row (an aggregate without GROUP BY) → a cross join with it; correlated only through
 *   equalities, over sum/avg/min/max with a NULL-preserving projection above → a left join with the
 *   aggregate grouped by the correlation keys (no match gives NULL, as the subquery would).
 * - A correlated `EXISTS (q)` anywhere else in a filter or projection (under OR, NOT, CASE, in a
 *   SELECT list) becomes a `leftMark` join with q, whose mark column the expression then reads;
 *   `x IN (q)` there is `CASE WHEN <q has a row = x> THEN TRUE WHEN <x IS NULL and q has rows, or
 *   q has a NULL> THEN NULL ELSE FALSE END`, each `<q has …>` a mark join (the NULL branch only for
 *   nullable sides, an uncorrelated one left as an EXISTS, which runs once): PostgreSQL's three-valued IN.
 * - A `LateralSubquery` (`FROM t, LATERAL (q)`, `t [LEFT] JOIN LATERAL (q) ON c`) becomes an inner
 *   (left) join of t with q whose condition is q's correlated predicates and c; a cross join when
 *   there are none. One that reads t elsewhere (in q's SELECT list, an aggregate, a LIMIT) is an error.
 * Anything else (e.g. count, which gives 0 and not NULL on no rows) is left unchanged.
 * Subquery plans are decorrelated inside-out first.
 */
import { DataTypes, Field, QuiverError, type Schema } from '@quiver/common';
import {
  aggregateSchema,
  alias,
  binary,
  cast,
  coerceJoin,
  lit,
  conjunction,
  exprName,
  exprNullable,
  joinSchema,
  LateralSubquery,
  mapPlanExprs,
  planExprs,
  rebuildPlan,
  splitConjunction,
  transformExprUp,
  transformPlanUp,
  unalias,
  type Expr,
  type LogicalPlan,
  type PlanOf,
} from '@quiver/planner';
import { colRef, columnIndex, hasColumns, hasOuterColumn, hasSubquery, referencedColumns, replaceColumns } from '../expr-utils.js';
import { splitJoinKeys } from '../join-sides.js';
import { outerToColumns, planReadsOuter, pullCorrelated } from '../correlation.js';
import type { OptimizerRule } from '../rule.js';

function freshAlias(schema: Schema): string {
  let n = 1;
  while (schema.fields.some((f) => f.qualifier === `__sq_${n}`)) n++;
  return `__sq_${n}`;
}

function subqueryAlias(input: LogicalPlan, name: string): LogicalPlan {
  return { kind: 'subqueryAlias', input, alias: name, schema: input.schema.withQualifier(name) };
}

function isNull(e: Expr): Expr {
  return { kind: 'unary', op: 'IS NULL', expr: e };
}

/**
 * The subquery's rows renamed apart from `outer` when their column names clash: then the right side
 * is aliased and the inner column references of `predicates` follow. Null when that is impossible.
 */
function separate(outer: Schema, right: LogicalPlan, predicates: readonly Expr[]): { right: LogicalPlan; predicates: Expr[] } | null {
  const clash = right.schema.fields.some((f) => columnIndex(outer, f) >= 0);
  if (!clash) return { right, predicates: [...predicates] };
  const name = freshAlias(outer);
  const aliased = subqueryAlias(right, name);
  const names = right.schema.fields.map((f) => f.name);
  if (new Set(names).size !== names.length) return null;
  const renamed = predicates.map((p) =>
    replaceColumns(p, (c) => {
      const i = columnIndex(right.schema, c);
      return i < 0 ? undefined : colRef(name, right.schema.field(i).name);
    }),
  );
  return { right: aliased, predicates: renamed };
}

/**
 * Whether the correlated predicates read only columns of the two join inputs: not when they reach
 * past the enclosing query (a subquery nested two deep reading the outermost query's columns).
 */
function resolvable(predicates: readonly Expr[], outer: Schema, right: Schema): boolean {
  return predicates.every((p) => referencedColumns(p).every((c) => columnIndex(outer, c) >= 0 || columnIndex(right, c) >= 0));
}

/**
 * `sub` with its correlated predicates pulled out, renamed apart from `outer` and rewritten to read
 * `outer`'s columns: the right input of a join with `outer` and that join's predicates. Null when
 * `sub` cannot be decorrelated that way.
 */
function correlatedSides(outer: LogicalPlan, sub: LogicalPlan): { right: LogicalPlan; predicates: Expr[] } | null {
  const pulled = pullCorrelated(sub);
  if (pulled === null || pulled.predicates.some(hasSubquery)) return null;
  const sep = separate(outer.schema, pulled.plan, pulled.predicates);
  if (sep === null) return null;
  const predicates = sep.predicates.map(outerToColumns);
  return resolvable(predicates, outer.schema, sep.right.schema) ? { right: sep.right, predicates } : null;
}

function semiOrAnti(
  outer: LogicalPlan,
  sub: LogicalPlan,
  negated: boolean,
  needle: Expr | null,
): LogicalPlan | null {
  const sides = correlatedSides(outer, sub);
  if (sides === null) return null;
  const { right, predicates } = sides;
  const { on, residual } = splitJoinKeys(predicates, outer.schema, right.schema);
  if (needle !== null) {
    const field = right.schema.field(0);
    const value = colRef(field.qualifier, field.name);
    const mayBeNull = exprNullable(needle, outer.schema) || field.nullable;
    if (negated && mayBeNull) residual.push(binary(binary(binary(needle, '=', value), 'OR', isNull(needle)), 'OR', isNull(value)));
    else on.push([needle, value]);
  }
  const joinType = negated ? 'anti' : 'semi';
  return coerceJoin({
    kind: 'join',
    left: outer,
    right,
    joinType,
    on,
    filter: conjunction(residual),
    nullEqualsNull: false,
    schema: joinSchema(outer.schema, right.schema, joinType),
  });
}

const NULL_ON_EMPTY = new Set(['sum', 'avg', 'min', 'max']);

/** Whether `e` is NULL whenever the columns it reads are (so a missing group reads like an empty one). */
function isStrict(e: Expr): boolean {
  switch (e.kind) {
    case 'column':
    case 'literal':
      return true;
    case 'alias':
      return isStrict(e.expr);
    case 'cast':
      return !e.try && isStrict(e.expr);
    case 'unary':
      return e.op === '-' && isStrict(e.expr);
    case 'binary':
      return ['+', '-', '*', '/', '%', '=', '<>', '<', '<=', '>', '>='].includes(e.op) && isStrict(e.left) && isStrict(e.right);
    default:
      return false;
  }
}

/** Peel projections and aliases down to the node that determines the row count. */
function rowSource(plan: LogicalPlan): LogicalPlan {
  return plan.kind === 'projection' || plan.kind === 'subqueryAlias' ? rowSource(plan.input) : plan;
}

interface ScalarJoin {
  readonly plan: LogicalPlan;
  readonly value: Expr;
}

function scalarToJoin(outer: LogicalPlan, sub: LogicalPlan): ScalarJoin | null {
  if (sub.schema.length !== 1) return null;
  const name = freshAlias(outer.schema);
  const valueName = sub.schema.field(0).name;
  if (!planReadsOuter(sub)) {
    const src = rowSource(sub);
    if (src.kind !== 'aggregate' || src.groupExprs.length > 0) return null;
    const right = subqueryAlias(sub, name);
    return { plan: { kind: 'crossJoin', left: outer, right, schema: outer.schema.concat(right.schema) }, value: colRef(name, valueName) };
  }
  const plan = aggregateToJoin(outer, sub, name);
  return plan === null ? null : { plan, value: colRef(name, valueName) };
}

/**
 * `outer` left-joined with the correlated one-row aggregate `sub` grouped by its correlation keys
 * and aliased `name` (a missing group gives NULLs, as `sub` would), or null when `sub` is not one
 * (see the module comment). The right side also carries the key columns, after `sub`'s own.
 */
function aggregateToJoin(outer: LogicalPlan, sub: LogicalPlan, name: string): LogicalPlan | null {
  const top = sub.kind === 'projection' ? sub : null;
  const agg = top ? top.input : sub;
  if (agg.kind !== 'aggregate' || agg.groupExprs.length > 0) return null;
  if (top && !top.exprs.every(isStrict)) return null;
  if (!agg.aggrExprs.every((a) => { const u = unalias(a); return u.kind === 'aggregate' && NULL_ON_EMPTY.has(u.func.name.toLowerCase()); })) return null;
  if (agg.aggrExprs.some((a) => hasOuterColumn(a) || hasSubquery(a))) return null;
  const pulled = pullCorrelated(agg.input);
  if (pulled === null || pulled.predicates.length === 0) return null;
  const keys: (readonly [Expr, Expr])[] = [];
  for (const p of pulled.predicates) {
    if (hasSubquery(p) || p.kind !== 'binary' || p.op !== '=') return null;
    const innerLeft = !hasOuterColumn(p.left) && onlyOuter(p.right);
    const innerRight = !hasOuterColumn(p.right) && onlyOuter(p.left);
    if (innerLeft) keys.push([p.left, outerToColumns(p.right)]);
    else if (innerRight) keys.push([p.right, outerToColumns(p.left)]);
    else return null;
  }
  const groupExprs = keys.map(([inner], i) => alias(inner, `__key_${i + 1}`));
  const grouped: LogicalPlan = {
    ...agg,
    input: pulled.plan,
    groupExprs,
    schema: aggregateSchema(pulled.plan.schema, groupExprs, agg.aggrExprs),
  };
  const keyCols = keys.map((_, i) => colRef(null, `__key_${i + 1}`));
  const body = top ? rebuildPlan(top, [grouped], [...top.exprs, ...keyCols]) : grouped;
  const right = subqueryAlias(body, name);
  const on = keys.map(([, outerExpr], i) => [outerExpr, colRef(name, `__key_${i + 1}`)] as const);
  return {
    kind: 'join',
    left: outer,
    right,
    joinType: 'left',
    on,
    filter: null,
    nullEqualsNull: false,
    schema: joinSchema(outer.schema, right.schema, 'left'),
  };
}

/** Whether `e` reads outer columns and nothing else (no column of the subquery itself). */
function onlyOuter(e: Expr): boolean {
  return hasOuterColumn(e) && !hasColumns(e) && !hasSubquery(e);
}

function freshMark(schema: Schema): string {
  let n = 1;
  while (schema.fields.some((f) => f.name === `__mark_${n}`)) n++;
  return `__mark_${n}`;
}

/**
 * `outer` mark-joined with `sub`: the mark says whether `sub` has a row for the outer row, after
 * also requiring `extra` (over `sub`'s first column) of it. Null when `sub` cannot be decorrelated.
 */
function markJoin(outer: LogicalPlan, sub: LogicalPlan, extra: ((value: Expr) => Expr) | null): ScalarJoin | null {
  const sides = correlatedSides(outer, sub);
  if (sides === null) return null;
  const { right, predicates } = sides;
  if (extra !== null) {
    const field = right.schema.field(0);
    predicates.push(extra(colRef(field.qualifier, field.name)));
  }
  const { on, residual } = splitJoinKeys(predicates, outer.schema, right.schema);
  const mark = new Field(freshMark(outer.schema), DataTypes.boolean, false);
  const plan = coerceJoin({
    kind: 'join',
    left: outer,
    right,
    joinType: 'leftMark',
    on,
    filter: conjunction(residual),
    nullEqualsNull: false,
    schema: joinSchema(outer.schema, right.schema, 'leftMark', mark),
  });
  return { plan, value: colRef(null, mark.name) };
}

/** Whether `sub` has a row (with `extra` of its first column TRUE): a mark column when correlated, else the EXISTS itself. */
function existsValue(state: { input: LogicalPlan }, sub: LogicalPlan, extra: ((value: Expr) => Expr) | null): Expr | null {
  if (!planReadsOuter(sub)) {
    if (extra === null) return { kind: 'exists', plan: sub, negated: false };
    const field = sub.schema.field(0);
    const plan: LogicalPlan = { kind: 'filter', input: sub, predicate: extra(colRef(field.qualifier, field.name)), schema: sub.schema };
    return { kind: 'exists', plan, negated: false };
  }
  const joined = markJoin(state.input, sub, extra);
  if (joined === null) return null;
  state.input = joined.plan;
  return joined.value;
}

/** `needle IN (sub)` with its three-valued result read from mark joins, or null. */
function inToMarks(state: { input: LogicalPlan }, needle: Expr, sub: LogicalPlan): Expr | null {
  if (!hasColumns(needle) || hasSubquery(needle) || sub.schema.length !== 1) return null;
  const outer = state.input.schema;
  const found = markJoin(state.input, sub, (value) => binary(needle, '=', value));
  if (found === null) return null;
  state.input = found.plan;
  // `sub` decorrelates (the first mark join shows it), so these do too.
  const unknown: Expr[] = [];
  if (exprNullable(needle, outer)) unknown.push(binary(isNull(needle), 'AND', existsValue(state, sub, null)!));
  if (sub.schema.field(0).nullable) unknown.push(existsValue(state, sub, isNull)!);
  if (unknown.length === 0) return found.value;
  const whens = [
    { when: found.value, then: lit(true) },
    { when: unknown.reduce((a, b) => binary(a, 'OR', b)), then: cast(lit(null), DataTypes.boolean) },
  ];
  return { kind: 'case', operand: null, whens, else: lit(false) };
}

/** Replace each scalar subquery, correlated EXISTS and IN of `e` by a column of a join added to `state.input`. */
function joinSubqueries(e: Expr, state: { input: LogicalPlan }): Expr {
  return transformExprUp(e, (x) => {
    if (x.kind === 'scalarSubquery') {
      const joined = scalarToJoin(state.input, x.plan);
      if (joined === null) return x;
      state.input = joined.plan;
      return joined.value;
    }
    if (x.kind !== 'exists' && x.kind !== 'inSubquery') return x;
    const value = x.kind === 'inSubquery' ? inToMarks(state, x.expr, x.plan) : planReadsOuter(x.plan) ? existsValue(state, x.plan, null) : null;
    if (value === null) return x;
    return x.negated ? { kind: 'unary', op: 'NOT', expr: value } : value;
  });
}

/** A projection giving exactly the columns of `schema` (restoring a node's output after joins widened it). */
function restore(plan: LogicalPlan, schema: Schema): LogicalPlan {
  if (plan.schema.length === schema.length) return plan;
  const exprs = schema.fields.map((f) => colRef(f.qualifier, f.name));
  return rebuildPlan({ kind: 'projection', input: plan, exprs: [], schema }, [plan], exprs);
}

function decorrelateFilter(f: PlanOf<'filter'>): LogicalPlan {
  const state = { input: f.input };
  const kept: Expr[] = [];
  for (const c of splitConjunction(f.predicate)) {
    const target = c.kind === 'unary' && c.op === 'NOT' && c.expr.kind === 'exists' ? { ...c.expr, negated: !c.expr.negated } : c;
    let joined: LogicalPlan | null = null;
    if (target.kind === 'exists') joined = semiOrAnti(state.input, target.plan, target.negated, null);
    else if (target.kind === 'inSubquery' && !hasSubquery(target.expr)) joined = semiOrAnti(state.input, target.plan, target.negated, target.expr);
    if (joined) state.input = joined;
    else kept.push(joinSubqueries(c, state));
  }
  if (state.input === f.input) return f;
  const predicate = conjunction(kept);
  const filtered: LogicalPlan = predicate === null ? state.input : { kind: 'filter', input: state.input, predicate, schema: state.input.schema };
  return restore(filtered, f.schema);
}

function decorrelateProjection(p: PlanOf<'projection'>): LogicalPlan {
  const state = { input: p.input };
  const exprs = p.exprs.map((e) => {
    const r = joinSubqueries(e, state);
    return r === e ? e : alias(r, exprName(e));
  });
  if (state.input === p.input) return p;
  return rebuildPlan(p, [state.input], exprs);
}

/**
 * `node`'s inputs joined on the subquery's correlated predicates and the ON condition, or (a one-row
 * aggregate correlated through equalities, inner join) left-joined with the aggregate grouped by its keys.
 */
function lateralToJoin(node: LateralSubquery): LogicalPlan {
  const { left, subquery, joinType } = node;
  if (node.on !== null && hasSubquery(node.on)) throw new QuiverError('NOT_IMPLEMENTED', 'a subquery in the ON condition of a LATERAL join is not supported');
  const sides = correlatedSides(left, subquery);
  const renamed = sides !== null && subquery.schema.fields.some((f, i) => sides.right.schema.field(i).qualifier !== f.qualifier);
  const aggregate = sides === null && joinType === 'inner' ? lateralAggregate(node) : null;
  if (aggregate !== null) return aggregate;
  if (sides === null || renamed) {
    throw new QuiverError(
      'NOT_IMPLEMENTED',
      'a LATERAL subquery that reads the FROM items before it other than in its WHERE conditions (e.g. in its SELECT list, a LIMIT, or an aggregate other than sum/avg/min/max correlated by equalities) is not supported',
    );
  }
  const { right, predicates } = sides;
  if (node.on !== null) predicates.push(...splitConjunction(node.on));
  if (predicates.length === 0 && joinType === 'inner') {
    return restore({ kind: 'crossJoin', left, right, schema: left.schema.concat(right.schema) }, node.schema);
  }
  const { on, residual } = splitJoinKeys(predicates, left.schema, right.schema);
  const join = coerceJoin({
    kind: 'join',
    left,
    right,
    joinType,
    on,
    filter: conjunction(residual),
    nullEqualsNull: false,
    schema: joinSchema(left.schema, right.schema, joinType),
  });
  return restore(join, node.schema);
}

/**
 * The inner LATERAL join with a one-row aggregate (`FROM t, LATERAL (SELECT sum(x) FROM u WHERE u.k =
 * t.k)`) as a left join with it grouped by the keys, then the ON condition; null when it is not one.
 */
function lateralAggregate(node: LateralSubquery): LogicalPlan | null {
  const sub = node.subquery.kind === 'subqueryAlias' ? node.subquery.input : node.subquery;
  const qualifiers = new Set(sub.schema.fields.map((f) => f.qualifier));
  const own = node.subquery.kind === 'subqueryAlias' ? node.subquery.alias : qualifiers.size === 1 ? [...qualifiers][0]! : null;
  if (own === null && [...qualifiers].some((q) => q !== null)) return null;
  const name = own ?? freshAlias(node.left.schema);
  const joined = aggregateToJoin(node.left, sub, name);
  if (joined === null) return null;
  const exprs = [...node.left.schema.fields.map((f) => colRef(f.qualifier, f.name)), ...sub.schema.fields.map((f) => colRef(name, f.name))];
  const restored = rebuildPlan({ kind: 'projection', input: joined, exprs: [], schema: joined.schema }, [joined], exprs);
  return node.on === null ? restored : { kind: 'filter', input: restored, predicate: node.on, schema: restored.schema };
}

export class DecorrelateSubqueries implements OptimizerRule {
  readonly name = 'decorrelate-subqueries';

  rewrite(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, (node) => {
      if (node.kind === 'extension' && node.node instanceof LateralSubquery) return lateralToJoin(node.node);
      if (!planExprs(node).some(hasSubquery)) return node;
      const inner = mapPlanExprs(node, (e) =>
        transformExprUp(e, (x) => {
          if (x.kind !== 'scalarSubquery' && x.kind !== 'exists' && x.kind !== 'inSubquery') return x;
          const sub = this.rewrite(x.plan);
          return sub === x.plan ? x : { ...x, plan: sub };
        }),
      );
      if (inner.kind === 'filter') return decorrelateFilter(inner);
      if (inner.kind === 'projection') return decorrelateProjection(inner);
      return inner;
    });
  }
}
