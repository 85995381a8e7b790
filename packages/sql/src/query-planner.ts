/**
 * A query: its WITH list (non-recursive CTEs, planned again at each reference), its body (SELECT,
 * VALUES, parenthesized query, or UNION/INTERSECT/EXCEPT), then ORDER BY and LIMIT. INTERSECT and
 * EXCEPT become semi/anti joins on all columns with NULLs matching, then DISTINCT; their ALL forms
 * number the copies of each row on both sides (row_number over all columns) and join on the number
 * too, so the k-th copy survives INTERSECT ALL when the right has at least k copies (min(m, n)) and
 * EXCEPT ALL when it has fewer (max(m − n, 0)).
 */
import { QuiverError } from '@quiver/common';
import { builtinWindowFunction, defaultFrame, LogicalPlanBuilder, type Expr, type JoinType, type LogicalPlan, type SortExpr } from '@quiver/planner';
import { array, asIdent, field, locationOf, unsupported, variant, withLocation, type Node } from './ast.js';
import type { CteDefinition, PlannerContext } from './context.js';
import { planExpr } from './expr-planner.js';
import { applySortAndLimit, expandOrderByAll, limitSpec, ordinal, orderItems } from './order-limit.js';
import { columnExpr, normalizeIdent, Scope } from './scope.js';
import { planSelect } from './select-planner.js';

export function planQuery(query: Node, outerCtx: PlannerContext, outer: Scope | null): LogicalPlan {
  for (const key of ['for_clause', 'settings', 'format_clause']) {
    if (field(query, key) !== undefined) throw unsupported(key.replace('_clause', '').toUpperCase(), query);
  }
  if (array(field(query, 'locks')).length > 0) throw unsupported('FOR UPDATE/SHARE', query);
  if (array(field(query, 'pipe_operators')).length > 0) throw unsupported('pipe operators', query);
  const ctx = withCtes(field(query, 'with'), outerCtx, outer);
  const order = orderItems(field(query, 'order_by'));
  const limit = limitSpec(query);
  const body = field(query, 'body');
  const [tag, p] = variant(body);
  if (tag === 'Select') return planSelect(p, order, limit, ctx, outer);

  const plan = planSetExpr(body, ctx, outer);
  const scope = new Scope(plan.schema, outer);
  const sorts: SortExpr[] = expandOrderByAll(order, plan.schema.length).map((o) => {
    const n = ordinal(o.expr);
    if (n !== null) {
      if (n < 1 || n > plan.schema.length) {
        const location = locationOf(o.expr);
        throw new QuiverError('PLAN', `ORDER BY position ${n} is not in the SELECT list (1 to ${plan.schema.length})`, location ? { location } : undefined);
      }
      return { expr: columnExpr(plan.schema.field(n - 1)), asc: o.asc, nullsFirst: o.nullsFirst };
    }
    return { expr: planExpr(o.expr, { ctx, scope, noAggregates: 'ORDER BY' }), asc: o.asc, nullsFirst: o.nullsFirst };
  });
  return applySortAndLimit(LogicalPlanBuilder.from(plan), sorts, limit).build();
}

function withCtes(withNode: Node, ctx: PlannerContext, outer: Scope | null): PlannerContext {
  if (withNode === undefined) return ctx;
  if (field(withNode, 'recursive') === true) throw unsupported('WITH RECURSIVE', withNode);
  let current = ctx;
  for (const cte of array(field(withNode, 'cte_tables'))) {
    if (field(cte, 'from') !== undefined) throw unsupported('CTE … FROM', cte);
    const aliasNode = field(cte, 'alias');
    const name = normalizeIdent(asIdent(field(aliasNode, 'name')));
    const columns = array(field(aliasNode, 'columns')).map((c) => normalizeIdent(asIdent(field(c, 'name'))));
    const definition: CteDefinition = { query: field(cte, 'query'), columns, ctx: current, outer };
    current = { ...current, ctes: new Map([...current.ctes, [name, definition]]) };
  }
  return current;
}

function planSetExpr(body: Node, ctx: PlannerContext, outer: Scope | null): LogicalPlan {
  const [tag, p] = variant(body);
  switch (tag) {
    case 'Select':
      return planSelect(p, [], null, ctx, outer);
    case 'Query':
      return planQuery(p, ctx, outer);
    case 'Values':
      return planValues(p, ctx, outer);
    case 'SetOperation':
      return planSetOperation(p, body, ctx, outer);
    default:
      throw unsupported(`${tag} as a query`, body);
  }
}

function planValues(p: Node, ctx: PlannerContext, outer: Scope | null): LogicalPlan {
  const scope = new Scope(LogicalPlanBuilder.empty(true).schema, outer);
  const rows = array(field(p, 'rows')).map((row) =>
    (Array.isArray(row) ? row : array(field(row, 'content'))).map((e) => planExpr(e, { ctx, scope, noAggregates: 'VALUES' })),
  );
  return withLocation(locationOf(p), () => LogicalPlanBuilder.values(rows).build());
}

function planSetOperation(p: Node, body: Node, ctx: PlannerContext, outer: Scope | null): LogicalPlan {
  const op = field(p, 'op');
  const quantifier = field(p, 'set_quantifier');
  if (quantifier !== 'None' && quantifier !== 'All' && quantifier !== 'Distinct') throw unsupported(`${String(op).toUpperCase()} ${String(quantifier)}`, body);
  const all = quantifier === 'All';
  const left = planSetExpr(field(p, 'left'), ctx, outer);
  const right = planSetExpr(field(p, 'right'), ctx, outer);
  const name = String(op).toUpperCase();
  if (left.schema.length !== right.schema.length) {
    const location = locationOf(field(p, 'right'));
    throw new QuiverError('PLAN', `each ${name} query must have the same number of columns: ${left.schema.length} vs ${right.schema.length}`, location ? { location } : undefined);
  }
  if (op === 'Union') {
    const union = withLocation(locationOf(field(p, 'right')), () => LogicalPlanBuilder.from(left).union(right));
    return (all ? union : union.distinct()).build();
  }
  if (op !== 'Intersect' && op !== 'Except') throw unsupported(name, body);
  const joinType: JoinType = op === 'Intersect' ? 'semi' : 'anti';
  if (all) return planSetOperationAll(left, right, joinType);
  const keys = left.schema.fields.map((f, i) => [columnExpr(f), columnExpr(right.schema.field(i))] as const);
  return LogicalPlanBuilder.from(left).join(right, joinType, keys, null, true).distinct().build();
}

/** The column numbering the copies of a row: 1 for its first copy, 2 for its second, … */
const COPY_COLUMN = '__quiver_set_copy';

function planSetOperationAll(left: LogicalPlan, right: LogicalPlan, joinType: JoinType): LogicalPlan {
  const numberedLeft = numberCopies(left);
  const numberedRight = numberCopies(right);
  const copy = (plan: LogicalPlan): Expr => columnExpr(plan.schema.field(plan.schema.length - 1));
  const keys = [
    ...left.schema.fields.map((f, i) => [columnExpr(f), columnExpr(right.schema.field(i))] as const),
    [copy(numberedLeft), copy(numberedRight)] as const,
  ];
  return LogicalPlanBuilder.from(numberedLeft).join(numberedRight, joinType, keys, null, true).project(left.schema.fields.map(columnExpr)).build();
}

/** `plan` with a last column numbering the copies of each row (`row_number() OVER (PARTITION BY every column)`). */
function numberCopies(plan: LogicalPlan): LogicalPlan {
  const rowNumber: Expr = {
    kind: 'window',
    func: builtinWindowFunction('row_number')!,
    args: [],
    partitionBy: plan.schema.fields.map(columnExpr),
    orderBy: [],
    frame: defaultFrame(false),
    distinct: false,
    filter: null,
  };
  return LogicalPlanBuilder.from(plan).window([{ kind: 'alias', expr: rowNumber, name: COPY_COLUMN }]).build();
}
