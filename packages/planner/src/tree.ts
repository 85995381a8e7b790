/**
 * The tree rewrite API: children of expressions and plans, post-order (bottom-up) and pre-order
 * transforms, and rebuilding a node with new children or expressions. Rewrites return the same
 * object when nothing changed, so rules can detect a fixed point by identity.
 */
import type { Expr } from './expr.js';
import { planInputs, type LogicalPlan } from './plan.js';
import { rebuildPlan } from './rebuild.js';

/** The direct sub-expressions of `e` (not descending into subquery plans). */
export function exprChildren(e: Expr): Expr[] {
  switch (e.kind) {
    case 'column':
    case 'outerColumn':
    case 'literal':
    case 'wildcard':
    case 'scalarSubquery':
    case 'exists':
      return [];
    case 'alias':
    case 'unary':
    case 'cast':
      return [e.expr];
    case 'binary':
      return [e.left, e.right];
    case 'case':
      return [
        ...(e.operand ? [e.operand] : []),
        ...e.whens.flatMap((w) => [w.when, w.then]),
        ...(e.else ? [e.else] : []),
      ];
    case 'inList':
      return [e.expr, ...e.list];
    case 'between':
      return [e.expr, e.low, e.high];
    case 'like':
      return [e.expr, e.pattern];
    case 'scalarFunction':
      return [...e.args];
    case 'aggregate':
      return [...e.args, ...(e.orderBy ?? []).map((s) => s.expr), ...(e.filter ? [e.filter] : [])];
    case 'window':
      return [...e.args, ...e.partitionBy, ...e.orderBy.map((s) => s.expr), ...(e.filter ? [e.filter] : [])];
    case 'inSubquery':
      return [e.expr];
  }
}

function same<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** `e` with its direct sub-expressions replaced by `children` (in `exprChildren` order). */
export function withNewExprChildren(e: Expr, children: readonly Expr[]): Expr {
  if (same(exprChildren(e), children)) return e;
  let i = 0;
  const next = () => children[i++]!;
  switch (e.kind) {
    case 'column':
    case 'outerColumn':
    case 'literal':
    case 'wildcard':
    case 'scalarSubquery':
    case 'exists':
      return e;
    case 'alias':
    case 'unary':
    case 'cast':
      return { ...e, expr: next() };
    case 'binary':
      return { ...e, left: next(), right: next() };
    case 'case': {
      const operand = e.operand ? next() : null;
      const whens = e.whens.map(() => ({ when: next(), then: next() }));
      const elseExpr = e.else ? next() : null;
      return { ...e, operand, whens, else: elseExpr };
    }
    case 'inList':
      return { ...e, expr: next(), list: children.slice(1) };
    case 'between':
      return { ...e, expr: next(), low: next(), high: next() };
    case 'like':
      return { ...e, expr: next(), pattern: next() };
    case 'scalarFunction':
      return { ...e, args: [...children] };
    case 'aggregate': {
      const args = e.args.map(next);
      const orderBy = e.orderBy?.map((s) => ({ ...s, expr: next() }));
      return { ...e, args, ...(orderBy ? { orderBy } : {}), filter: e.filter ? next() : null };
    }
    case 'window': {
      const args = e.args.map(next);
      const partitionBy = e.partitionBy.map(next);
      const orderBy = e.orderBy.map((s) => ({ ...s, expr: next() }));
      return { ...e, args, partitionBy, orderBy, filter: e.filter ? next() : null };
    }
    case 'inSubquery':
      return { ...e, expr: next() };
  }
}

/** Rewrite bottom-up: `fn` sees each node after its children were rewritten. */
export function transformExprUp(e: Expr, fn: (e: Expr) => Expr): Expr {
  if (e.kind === 'column' || e.kind === 'literal') return fn(e);
  const kids = exprChildren(e);
  const mapped = kids.map((k) => transformExprUp(k, fn));
  return fn(withNewExprChildren(e, mapped));
}

/** Rewrite top-down: `fn` sees each node first; its result's children are then rewritten. */
export function transformExprDown(e: Expr, fn: (e: Expr) => Expr): Expr {
  const top = fn(e);
  const kids = exprChildren(top);
  return withNewExprChildren(top, kids.map((k) => transformExprDown(k, fn)));
}

/** Visit every node of `e` (pre-order); return false from `fn` to skip a node's children. */
export function visitExpr(e: Expr, fn: (e: Expr) => boolean | void): void {
  if (fn(e) === false) return;
  for (const k of exprChildren(e)) visitExpr(k, fn);
}

/** Whether any node of `e` satisfies `pred`. */
export function exprAny(e: Expr, pred: (e: Expr) => boolean): boolean {
  let found = false;
  visitExpr(e, (x) => {
    if (found) return false;
    if (pred(x)) found = true;
    return !found;
  });
  return found;
}

/** The column references in `e`, in order of first appearance. */
export function exprColumns(e: Expr): Array<Extract<Expr, { kind: 'column' }>> {
  const out: Array<Extract<Expr, { kind: 'column' }>> = [];
  visitExpr(e, (x) => {
    if (x.kind === 'column' && !out.some((c) => c.name === x.name && c.qualifier === x.qualifier)) out.push(x);
  });
  return out;
}

/** The expressions a plan node holds directly (not those of its inputs). */
export function planExprs(plan: LogicalPlan): Expr[] {
  switch (plan.kind) {
    case 'projection':
      return [...plan.exprs];
    case 'filter':
      return [plan.predicate];
    case 'aggregate':
      return [...plan.groupExprs, ...plan.aggrExprs];
    case 'window':
      return [...plan.windowExprs];
    case 'sort':
      return plan.exprs.map((s) => s.expr);
    case 'join':
      return [...plan.on.flatMap(([l, r]) => [l, r]), ...(plan.filter ? [plan.filter] : [])];
    case 'values':
      return plan.rows.flat();
    case 'tableScan':
      return [...plan.filters];
    case 'lateralTableFunction':
      return [...plan.args];
    case 'extension':
      return [...plan.node.exprs];
    default:
      return [];
  }
}

/** Rewrite every expression a node holds directly; the node's schema is re-derived. */
export function mapPlanExprs(plan: LogicalPlan, fn: (e: Expr) => Expr): LogicalPlan {
  const before = planExprs(plan);
  const after = before.map(fn);
  if (same(before, after)) return plan;
  return rebuildPlan(plan, planInputs(plan), after);
}

/** `plan` with new inputs (same count and order as `planInputs`); the schema is re-derived. */
export function withNewInputs(plan: LogicalPlan, inputs: readonly LogicalPlan[]): LogicalPlan {
  if (same(planInputs(plan), inputs)) return plan;
  return rebuildPlan(plan, inputs, planExprs(plan));
}

/** Rewrite a plan bottom-up: `fn` sees each node after its inputs were rewritten. */
export function transformPlanUp(plan: LogicalPlan, fn: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  const inputs = planInputs(plan).map((p) => transformPlanUp(p, fn));
  return fn(withNewInputs(plan, inputs));
}

/** Rewrite a plan top-down: `fn` sees each node first, then the inputs of its result are rewritten. */
export function transformPlanDown(plan: LogicalPlan, fn: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  const top = fn(plan);
  return withNewInputs(top, planInputs(top).map((p) => transformPlanDown(p, fn)));
}

/** Visit every node of a plan (pre-order). */
export function visitPlan(plan: LogicalPlan, fn: (p: LogicalPlan) => void): void {
  fn(plan);
  for (const p of planInputs(plan)) visitPlan(p, fn);
}
