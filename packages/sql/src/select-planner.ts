/**
 * One SELECT block: FROM, WHERE, the SELECT list, GROUP BY/HAVING with the aggregate rewrite, window
 * functions (computed after HAVING, with the SELECT's named windows), unnest calls (after windows),
 * DISTINCT,
 * and its ORDER BY/LIMIT — which may name output aliases or ordinals, or sort by expressions the
 * SELECT list lacks (computed as hidden columns and projected away after the sort).
 */
import { QuiverError, type Schema } from '@quiver/common';
import {
  alias,
  collectWindows,
  exprAny,
  exprName,
  exprToString,
  LogicalPlanBuilder,
  rebaseOnWindow,
  unalias,
  type Expr,
  type SortExpr,
} from '@quiver/planner';
import { collectAggregates, rebaseGrouped } from './aggregate-rewrite.js';
import { array, asIdent, field, locationOf, objectNameParts, unsupported, variant, type Node } from './ast.js';
import type { PlannerContext } from './context.js';
import { planExpr, type ExprEnv } from './expr-planner.js';
import { planFrom } from './from-planner.js';
import { isGroupingCall, planGroupingSets, rewriteGroupingCalls, type GroupBy } from './grouping-sets.js';
import { applySortAndLimit, expandOrderByAll, ordinal, type LimitSpec, type OrderItem } from './order-limit.js';
import { columnExpr, normalizeIdent, Scope } from './scope.js';
import { planUnnests, withoutUnnest } from './unnest-planner.js';
import { expandWildcard } from './wildcard.js';
import { namedWindows } from './window-planner.js';

/** Clauses of a SELECT that Quiver does not plan; present (non-empty) means NOT_IMPLEMENTED. */
const UNSUPPORTED_CLAUSES: readonly [string, string][] = [
  ['top', 'TOP'],
  ['into', 'SELECT INTO'],
  ['prewhere', 'PREWHERE'],
  ['qualify', 'QUALIFY'],
  ['lateral_views', 'LATERAL VIEW'],
  ['connect_by', 'CONNECT BY'],
  ['cluster_by', 'CLUSTER BY'],
  ['distribute_by', 'DISTRIBUTE BY'],
  ['sort_by', 'SORT BY'],
  ['value_table_mode', 'SELECT AS VALUE/STRUCT'],
  ['exclude', 'SELECT * EXCLUDE'],
];

/** Where an ORDER BY item points: a SELECT-list position, or an expression over the FROM columns. */
type SortTarget = { readonly output: number } | { readonly expr: Expr };

export function planSelect(select: Node, order: readonly OrderItem[], limit: LimitSpec | null, ctx: PlannerContext, outer: Scope | null) {
  for (const [key, what] of UNSUPPORTED_CLAUSES) {
    const v = field(select, key);
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) throw unsupported(what, select);
  }
  const distinctNode = field(select, 'distinct');
  if (distinctNode !== undefined && distinctNode !== 'Distinct' && distinctNode !== 'All') throw unsupported('DISTINCT ON', select);
  const distinct = distinctNode === 'Distinct';

  const from = planFrom(array(field(select, 'from')), ctx, outer);
  const scope = new Scope(from.plan.schema, outer, from.using);
  let builder = LogicalPlanBuilder.from(from.plan);
  const where = field(select, 'selection');
  if (where !== undefined) builder = builder.filter(withoutUnnest(planExpr(where, { ctx, scope, noAggregates: 'WHERE' }), 'WHERE'));

  const windows = namedWindows(select);
  const items = planSelectList(array(field(select, 'projection')), { ctx, scope, noAggregates: null, windows });
  const aliases = new Map<string, Expr>();
  for (const e of items) if (e.kind === 'alias' && !aliases.has(e.name)) aliases.set(e.name, e.expr);
  const env: ExprEnv = { ctx, scope, aliases, noAggregates: null, windows };

  const groupBy = planGroupBy(field(select, 'group_by'), items, { ...env, noAggregates: 'GROUP BY' });
  const groupExprs = groupBy.exprs.map((e) => withoutUnnest(e, 'GROUP BY'));
  const havingNode = field(select, 'having');
  let having = havingNode === undefined ? null : withoutUnnest(planExpr(havingNode, env), 'HAVING');
  if (having !== null && exprAny(having, (x) => x.kind === 'window')) {
    const location = locationOf(havingNode);
    throw new QuiverError('PLAN', 'window functions are not allowed in HAVING', location ? { location } : undefined);
  }
  order = expandOrderByAll(order, items.length);
  let targets = order.map((o) => sortTarget(o.expr, items, aliases, env));

  let projected = items;
  const calls = collectAggregates([...items, ...(having ? [having] : []), ...targets.flatMap((t) => ('expr' in t ? [t.expr] : []))]);
  const aggregates = calls.filter((a) => !isGroupingCall(a));
  if (groupExprs.length > 0 || calls.length > 0 || having !== null || groupBy.sets !== null) {
    const input = builder.schema;
    builder = builder.aggregate(groupExprs, aggregates.map((a) => withoutUnnest(a, 'aggregate arguments')), groupBy.sets ?? undefined);
    const outputs = [...groupExprs, ...aggregates];
    const schema = builder.schema;
    const rebase = (e: Expr): Expr => rebaseGrouped(rewriteGroupingCalls(e, groupExprs, groupBy.sets, ctx.locations), outputs, schema, input, ctx.locations);
    projected = items.map((e) => {
      const r = rebase(e);
      return exprName(r) === exprName(e) ? r : alias(r, exprName(e));
    });
    if (having) having = rebase(having);
    targets = targets.map((t) => ('expr' in t ? { expr: rebase(t.expr) } : t));
  }
  if (having) builder = builder.filter(having);

  // Window functions run after grouping and HAVING; the SELECT list and ORDER BY read their columns.
  const windowCalls = collectWindows([...projected, ...targets.flatMap((t) => ('expr' in t ? [t.expr] : []))]);
  if (windowCalls.length > 0) {
    const first = builder.schema.length;
    builder = builder.window(windowCalls.map((w) => withoutUnnest(w, 'window function arguments')));
    const schema = builder.schema;
    const rebase = (e: Expr): Expr => rebaseOnWindow(e, windowCalls, schema, first);
    projected = projected.map((e) => {
      const r = rebase(e);
      return exprName(r) === exprName(e) ? r : alias(r, exprName(e));
    });
    targets = targets.map((t) => ('expr' in t ? { expr: rebase(t.expr) } : t));
  }

  // unnest(…) in the SELECT list: one row per list item, computed last (unnest-planner.ts).
  const unnests = planUnnests(builder, projected, ctx);
  builder = unnests.builder;
  projected = projected.map((e) => {
    const r = unnests.rewrite(e);
    return exprName(r) === exprName(e) ? r : alias(r, exprName(e));
  });
  targets = targets.map((t) => ('expr' in t ? { expr: unnests.rewrite(t.expr) } : t));

  // Sort keys the SELECT list does not compute become hidden columns, projected away after the sort.
  const hidden: Expr[] = [];
  const positions = targets.map((t, i) => {
    if ('output' in t) return t.output;
    const text = exprToString(t.expr);
    const found = projected.findIndex((p) => exprToString(unalias(p)) === text);
    if (found >= 0) return found;
    if (distinct) {
      const location = locationOf(order[i]!.expr);
      throw new QuiverError('PLAN', 'for SELECT DISTINCT, ORDER BY expressions must appear in the SELECT list', location ? { location } : undefined);
    }
    const at = hidden.findIndex((h) => exprToString(h) === text);
    if (at >= 0) return projected.length + at;
    hidden.push(t.expr);
    return projected.length + hidden.length - 1;
  });
  const beforeProjection = builder;
  builder = builder.project([...projected, ...hidden]);
  // Sort keys name output columns; when two outputs share a name (two `count(*)` subqueries), sort
  // over uniquely named copies and restore the names afterwards.
  const renamed = positions.length > 0 && hasDuplicateNames(builder.schema);
  const finalNames = builder.schema.fields.slice(0, projected.length).map((f) => f.name);
  if (renamed) builder = beforeProjection.project([...projected, ...hidden].map((e, i) => alias(unalias(e), `__output_${i + 1}`)));
  if (distinct) builder = builder.distinct();
  const outputSchema = builder.schema;
  const sortExprs: SortExpr[] = positions.map((pos, i) => ({ expr: columnExpr(outputSchema.field(pos)), asc: order[i]!.asc, nullsFirst: order[i]!.nullsFirst }));
  builder = applySortAndLimit(builder, sortExprs, limit);
  if (renamed) builder = builder.project(finalNames.map((name, i) => alias(columnExpr(outputSchema.field(i)), name)));
  else if (hidden.length > 0) builder = builder.project(outputSchema.fields.slice(0, projected.length).map(columnExpr));
  return builder.build();
}

function hasDuplicateNames(schema: Schema): boolean {
  const seen = new Set<string>();
  for (const f of schema.fields) {
    const key = `${f.qualifier ?? ''}.${f.name}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

function planSelectList(projection: readonly Node[], env: ExprEnv): Expr[] {
  return projection.flatMap((item): Expr[] => {
    const [tag, p] = variant(item);
    if (tag === 'UnnamedExpr') return [planExpr(p, env)];
    if (tag === 'ExprWithAlias') return [alias(planExpr(field(p, 'expr'), env), normalizeIdent(asIdent(field(p, 'alias'))))];
    if (tag === 'Wildcard') return expandWildcard(env.scope.wildcardFields(), p, env, item);
    if (tag === 'QualifiedWildcard') {
      const [kind, name] = variant(array(p)[0]);
      if (kind !== 'ObjectName') throw unsupported(`${kind}.*`, item);
      const qualifier = objectNameParts(name).map(normalizeIdent).join('.');
      const fields = env.scope.schema.fields.filter((f) => f.qualifier === qualifier);
      if (fields.length === 0) {
        const location = locationOf(name);
        throw new QuiverError('PLAN', `'${qualifier}.*': no table named '${qualifier}' in FROM`, location ? { location } : undefined);
      }
      return expandWildcard(fields, array(p)[1], env, item);
    }
    throw unsupported(`SELECT item ${tag}`, item);
  });
}

function planGroupBy(groupBy: Node, items: readonly Expr[], env: ExprEnv): GroupBy {
  if (groupBy === undefined) return { exprs: [], sets: null };
  const [tag, p] = variant(groupBy);
  if (tag === 'All') {
    if (array(p).length > 0) throw unsupported('GROUP BY ALL with modifiers', groupBy);
    return { exprs: items.map(unalias).filter((e) => !exprAny(e, (x) => x.kind === 'aggregate')), sets: null };
  }
  const [exprs, modifiers] = array(p);
  return planGroupingSets(array(exprs), array(modifiers), (node) => {
    const n = ordinal(node);
    if (n === null) return planExpr(node, env);
    const item = items[n - 1];
    const location = locationOf(node);
    if (item === undefined) {
      throw new QuiverError('PLAN', `GROUP BY position ${n} is not in the SELECT list (1 to ${items.length})`, location ? { location } : undefined);
    }
    const e = unalias(item);
    if (exprAny(e, (x) => x.kind === 'aggregate')) {
      throw new QuiverError('PLAN', `GROUP BY position ${n} refers to an aggregate, ${exprToString(e)}`, location ? { location } : undefined);
    }
    return e;
  }, groupBy);
}

function sortTarget(node: Node, items: readonly Expr[], aliases: ReadonlyMap<string, Expr>, env: ExprEnv): SortTarget {
  const n = ordinal(node);
  if (n !== null) {
    if (n < 1 || n > items.length) {
      const location = locationOf(node);
      throw new QuiverError('PLAN', `ORDER BY position ${n} is not in the SELECT list (1 to ${items.length})`, location ? { location } : undefined);
    }
    return { output: n - 1 };
  }
  const [tag, p] = variant(node);
  if (tag === 'Identifier') {
    const name = normalizeIdent(asIdent(p));
    if (aliases.has(name)) return { output: items.findIndex((e) => e.kind === 'alias' && e.name === name) };
  }
  return { expr: planExpr(node, env) };
}
