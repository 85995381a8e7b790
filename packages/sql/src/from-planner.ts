/**
 * The FROM clause: tables, views and CTEs by name, derived tables, and joins (comma joins become
 * cross joins; ON splits into equi-join keys and a residual filter; USING and NATURAL merge columns;
 * a LATERAL subquery becomes a `LateralSubquery` node over the items before it).
 */
import { didYouMean, QuiverError, Schema } from '@quiver/common';
import { alias, conjunction, exprAny, exprColumns, LateralSubquery, LogicalPlanBuilder, splitConjunction, type Expr, type JoinType, type LogicalPlan } from '@quiver/planner';
import { array, asIdent, field, locationOf, objectNameParts, unsupported, variant, withLocation, type Node } from './ast.js';
import type { PlannerContext } from './context.js';
import { planExpr } from './expr-planner.js';
import { constantValue, planComputedTableFunction, planLateral, tableFunctionArgNodes, type LateralJoin } from './lateral-planner.js';
import { columnExpr, normalizeIdent, Scope, type UsingColumn } from './scope.js';

/** A planned FROM item: its plan and the USING-merged columns it exposes. */
export interface FromItem {
  readonly plan: LogicalPlan;
  readonly using: ReadonlyMap<string, UsingColumn>;
}

export function planFrom(from: readonly Node[], ctx: PlannerContext, outer: Scope | null): FromItem {
  if (from.length === 0) return { plan: LogicalPlanBuilder.empty(true).build(), using: new Map() };
  let acc: FromItem | null = null;
  for (const twj of from) {
    const lateral: LogicalPlan | null = acc === null ? null : planLateralItem(acc, field(twj, 'relation'), { kind: 'cross' }, ctx, outer);
    if (lateral !== null) {
      acc = { plan: lateral, using: acc!.using };
      for (const j of array(field(twj, 'joins'))) acc = planJoin(acc, j, ctx, outer);
      continue;
    }
    const item = planTableWithJoins(twj, ctx, outer);
    if (acc !== null) checkDistinctNames(acc.plan.schema, item.plan.schema, twj);
    acc = acc === null ? item : { plan: LogicalPlanBuilder.from(acc.plan).crossJoin(item.plan).build(), using: new Map([...acc.using, ...item.using]) };
  }
  return acc!;
}

function planTableWithJoins(twj: Node, ctx: PlannerContext, outer: Scope | null): FromItem {
  let acc: FromItem = { plan: planRelation(field(twj, 'relation'), ctx, outer), using: new Map() };
  for (const j of array(field(twj, 'joins'))) acc = planJoin(acc, j, ctx, outer);
  return acc;
}

const JOIN_TYPES: Record<string, JoinType> = {
  Join: 'inner',
  Inner: 'inner',
  Left: 'left',
  LeftOuter: 'left',
  Right: 'right',
  RightOuter: 'right',
  FullOuter: 'full',
};

const SEMI_JOINS: Record<string, { type: JoinType; keepRight: boolean }> = {
  Semi: { type: 'semi', keepRight: false },
  LeftSemi: { type: 'semi', keepRight: false },
  RightSemi: { type: 'semi', keepRight: true },
  Anti: { type: 'anti', keepRight: false },
  LeftAnti: { type: 'anti', keepRight: false },
  RightAnti: { type: 'anti', keepRight: true },
};

/** Two FROM items may not have the same name (`from emp, emp` needs an alias). */
function checkDistinctNames(left: Schema, right: Schema, at: Node): void {
  const names = new Set(left.fields.map((f) => f.qualifier));
  const clash = right.fields.find((f) => f.qualifier !== null && names.has(f.qualifier));
  if (clash) {
    const location = locationOf(at);
    throw new QuiverError('PLAN', `table name '${clash.qualifier}' is used more than once in FROM; give one an alias`, location ? { location } : undefined);
  }
}

function planJoin(left: FromItem, j: Node, ctx: PlannerContext, outer: Scope | null): FromItem {
  const [opTag, constraint] = variant(field(j, 'join_operator'));
  const lateral = planLateralItem(left, field(j, 'relation'), lateralJoin(opTag, constraint, j), ctx, outer);
  if (lateral !== null) return { plan: lateral, using: left.using };
  const right = planRelation(field(j, 'relation'), ctx, outer);
  checkDistinctNames(left.plan.schema, right.schema, j);
  const builder = LogicalPlanBuilder.from(left.plan);
  if (opTag === 'CrossJoin' && (constraint === 'None' || constraint === undefined)) {
    return { plan: builder.crossJoin(right).build(), using: left.using };
  }
  const [cTag, cPayload] = variant(constraint);
  const semi = SEMI_JOINS[opTag];
  if (semi !== undefined) {
    // LEFT/RIGHT SEMI/ANTI JOIN … ON: the rows of one side with (without) a match on the other.
    if (cTag !== 'On') throw unsupported(`${opTag} join without ON`, j);
    const [kept, other] = semi.keepRight ? [{ plan: right, using: new Map() }, left.plan] : [left, right];
    return { plan: planJoinOn(kept, other, semi.type, cPayload, ctx, outer), using: kept.using };
  }
  const joinType = JOIN_TYPES[opTag];
  if (!joinType) throw unsupported(`${opTag} join`, j);
  if (cTag === 'On') return { plan: planJoinOn(left, right, joinType, cPayload, ctx, outer), using: left.using };
  if (cTag === 'Using') {
    const names = array(cPayload).map((n) => {
      const parts = objectNameParts(n);
      if (parts.length !== 1) throw unsupported('a qualified name in USING', n);
      return { name: normalizeIdent(parts[0]!), at: parts[0] as Node };
    });
    if (joinType === 'full') throw unsupported('FULL JOIN … USING', j);
    return planJoinUsing(left, right, joinType, names);
  }
  if (cTag === 'Natural') {
    const leftNames = new Set(left.plan.schema.fields.map((f) => f.name));
    const common = [...new Set(right.schema.fields.map((f) => f.name).filter((n) => leftNames.has(n)))];
    if (common.length === 0) return { plan: builder.crossJoin(right).build(), using: left.using };
    if (joinType === 'full') throw unsupported('NATURAL FULL JOIN', j);
    return planJoinUsing(left, right, joinType, common.map((name) => ({ name, at: j })));
  }
  throw unsupported(`join without ON or USING (${cTag})`, j);
}

/** `left` joined with the LATERAL table function or subquery `rel`, or null when `rel` is neither. */
function planLateralItem(left: FromItem, rel: Node, join: LateralJoin, ctx: PlannerContext, outer: Scope | null): LogicalPlan | null {
  return planLateral(left, rel, join, ctx, outer) ?? planLateralSubquery(left, rel, join, ctx, outer);
}

/**
 * `left` joined with the subquery `rel` marked LATERAL, planned with `left`'s columns visible as outer
 * columns: a `LateralSubquery` node, which the optimizer turns into a join. Null for other items.
 */
function planLateralSubquery(left: FromItem, rel: Node, join: LateralJoin, ctx: PlannerContext, outer: Scope | null): LogicalPlan | null {
  const [tag, p] = variant(rel);
  if (tag !== 'Derived' || field(p, 'lateral') !== true) return null;
  if (join.kind === 'unsupported') throw unsupported(join.what, join.at);
  const sub = withAlias(ctx.planQuery(field(p, 'subquery'), ctx, new Scope(left.plan.schema, outer, left.using)), field(p, 'alias'));
  checkDistinctNames(left.plan.schema, sub.schema, rel);
  const joinType = join.kind === 'left' ? 'left' : 'inner';
  let on: Expr | null = null;
  if (join.kind !== 'cross') {
    const scope = new Scope(new LateralSubquery(left.plan, sub, joinType, null).schema, outer, left.using);
    on = planExpr(join.on, { ctx, scope, noAggregates: 'JOIN conditions' });
  }
  const node = new LateralSubquery(left.plan, sub, joinType, on);
  return { kind: 'extension', node, schema: node.schema };
}

/** How a join operator joins a LATERAL item: cross, inner with ON, or left with ON. */
function lateralJoin(opTag: string, constraint: Node, j: Node): LateralJoin {
  if (opTag === 'CrossJoin' && (constraint === 'None' || constraint === undefined)) return { kind: 'cross' };
  const [cTag, on] = variant(constraint);
  const kind = JOIN_TYPES[opTag];
  if (cTag === 'On' && (kind === 'inner' || kind === 'left')) return { kind, on };
  return { kind: 'unsupported', what: `${opTag} join with a LATERAL item (use CROSS JOIN, JOIN … ON or LEFT JOIN … ON true)`, at: j };
}

function planJoinOn(left: FromItem, right: LogicalPlan, joinType: JoinType, on: Node, ctx: PlannerContext, outer: Scope | null): LogicalPlan {
  const scope = new Scope(left.plan.schema.concat(right.schema), outer, left.using);
  const predicate = planExpr(on, { ctx, scope, noAggregates: 'JOIN conditions' });
  const keys: [Expr, Expr][] = [];
  const residual: Expr[] = [];
  for (const c of splitConjunction(predicate)) {
    const pair = c.kind === 'binary' && c.op === '=' ? equiKey(c.left, c.right, left.plan.schema, right.schema) : null;
    if (pair) keys.push(pair);
    else residual.push(c);
  }
  return LogicalPlanBuilder.from(left.plan).join(right, joinType, keys, conjunction(residual)).build();
}

/** `[l, r]` when one side reads only left columns and the other only right columns. */
function equiKey(a: Expr, b: Expr, left: Schema, right: Schema): [Expr, Expr] | null {
  if (only(a, left) && only(b, right)) return [a, b];
  if (only(b, left) && only(a, right)) return [b, a];
  return null;
}

const NOT_A_KEY = new Set<Expr['kind']>(['outerColumn', 'scalarSubquery', 'exists', 'inSubquery', 'aggregate']);

/** Whether `e` reads at least one column, all of them from `schema`, and no outer reference or subquery. */
function only(e: Expr, schema: Schema): boolean {
  const cols = exprColumns(e);
  return cols.length > 0 && cols.every((c) => schema.indexOf(c.name, c.qualifier) >= 0) && !exprAny(e, (x) => NOT_A_KEY.has(x.kind));
}

function planJoinUsing(left: FromItem, right: LogicalPlan, joinType: JoinType, names: readonly { name: string; at: Node }[]): FromItem {
  const leftScope = new Scope(left.plan.schema, null, left.using);
  const rightScope = new Scope(right.schema, null);
  const keys: [Expr, Expr][] = [];
  const using = new Map(left.using);
  for (const { name, at } of names) {
    const l = leftScope.local(name, null);
    const r = rightScope.local(name, null);
    if (!l || !r) {
      const location = locationOf(at);
      const side = l ? 'right' : 'left';
      throw new QuiverError('PLAN', `column '${name}' of USING is not in the ${side} side of the join`, location ? { location } : undefined);
    }
    keys.push([columnExpr(l), columnExpr(r)]);
    const [keep, drop] = joinType === 'right' ? [r.qualifier, l.qualifier] : [l.qualifier, r.qualifier];
    using.set(name, { preferred: keep, hidden: [...(using.get(name)?.hidden ?? []), drop] });
  }
  return { plan: LogicalPlanBuilder.from(left.plan).join(right, joinType, keys).build(), using };
}

function planRelation(rel: Node, ctx: PlannerContext, outer: Scope | null): LogicalPlan {
  const [tag, p] = variant(rel);
  const computed = planComputedTableFunction(rel, ctx);
  if (computed !== null) return computed;
  const call = tableFunctionArgNodes(rel);
  if (call !== null) return withAlias(planTableFunction(call.name, call.args, call.at, ctx), field(p, 'alias'));
  if (tag === 'Table') {
    const parts = objectNameParts(field(p, 'name'));
    return withAlias(planNamedTable(parts.map(normalizeIdent).join('.'), parts[0], ctx), field(p, 'alias'));
  }
  if (tag === 'Derived') {
    return withAlias(ctx.planQuery(field(p, 'subquery'), ctx, outer), field(p, 'alias'));
  }
  if (tag === 'NestedJoin') {
    const item = planTableWithJoins(field(p, 'table_with_joins'), ctx, outer);
    return withAlias(item.plan, field(p, 'alias'));
  }
  throw unsupported(`${tag} in FROM`, rel);
}

/** A CTE, view or table by name (in that order of precedence). */
function planNamedTable(name: string, at: Node, ctx: PlannerContext): LogicalPlan {
  const cte = ctx.ctes.get(name);
  if (cte) {
    const plan = cte.ctx.planQuery(cte.query, cte.ctx, cte.outer);
    return renameColumns(plan, cte.columns, name, at).alias(name).build();
  }
  const view = ctx.tables.view?.(name);
  if (view) return LogicalPlanBuilder.from(view).alias(name).build();
  const source = ctx.tables.table(name);
  if (source) return LogicalPlanBuilder.scan(name, source).build();
  const location = locationOf(at);
  const known = [...ctx.tables.tableNames(), ...ctx.ctes.keys()];
  throw new QuiverError('PLAN', `table '${name}' not found${didYouMean(name, known)}`, location ? { location } : undefined);
}

/** A table function call in FROM with constant arguments (`argExprs`): the function returns the table to scan. */
function planTableFunction(name: string, argExprs: readonly Node[], at: Node, ctx: PlannerContext): LogicalPlan {
  const fn = ctx.functions.tableFunction?.(name);
  if (!fn) {
    const location = locationOf(at);
    throw new QuiverError('PLAN', `table function '${name}' not found${didYouMean(name, ctx.functions.functionNames())}`, location ? { location } : undefined);
  }
  const env = { ctx, scope: new Scope(Schema.empty(), null), noAggregates: `the arguments of table function ${name}` };
  const values = argExprs.map((e) => {
    const value = constantValue(planExpr(e, env));
    if (value === null) throw new QuiverError('PLAN', `the arguments of table function ${name} must be constants`, locationOf(e) ? { location: locationOf(e)! } : undefined);
    return value;
  });
  return LogicalPlanBuilder.scan(name, withLocation(locationOf(at), () => fn.call(values))).build();
}

/** `plan` under `AS alias (c1, c2, …)` when an alias is given. */
function withAlias(plan: LogicalPlan, aliasNode: Node): LogicalPlan {
  if (aliasNode === undefined) return plan;
  const name = normalizeIdent(asIdent(field(aliasNode, 'name')));
  const columns = array(field(aliasNode, 'columns')).map((c) => normalizeIdent(asIdent(field(c, 'name'))));
  return renameColumns(plan, columns, name, aliasNode).alias(name).build();
}

/** `plan` with its first columns renamed to `columns` (none: unchanged). */
export function renameColumns(plan: LogicalPlan, columns: readonly string[], relation: string, at: Node): LogicalPlanBuilder {
  const builder = LogicalPlanBuilder.from(plan);
  if (columns.length === 0) return builder;
  const fields = plan.schema.fields;
  if (columns.length > fields.length) {
    const location = locationOf(at);
    throw new QuiverError('PLAN', `'${relation}' has ${fields.length} columns but ${columns.length} column names were given`, location ? { location } : undefined);
  }
  return builder.project(fields.map((f, i) => (i < columns.length ? alias(columnExpr(f), columns[i]!) : columnExpr(f))));
}

