/**
 * Finding and pulling out the correlated predicates of a subquery plan: the conjuncts that read
 * columns of the enclosing query (`outerColumn`). Used by subquery decorrelation.
 */
import {
  exprAny,
  planExprs,
  rebuildPlan,
  splitConjunction,
  transformExprUp,
  visitPlan,
  withNewInputs,
  conjunction,
  type Expr,
  type LogicalPlan,
} from '@quiver/planner';
import { colRef, columnIndex, referencedColumns, replaceColumns } from './expr-utils.js';

/** Whether `e` reads an outer column, also from inside its own subqueries. */
function exprReadsOuter(e: Expr): boolean {
  return exprAny(e, (x) => {
    if (x.kind === 'outerColumn') return true;
    if (x.kind === 'scalarSubquery' || x.kind === 'exists' || x.kind === 'inSubquery') return planReadsOuter(x.plan);
    return false;
  });
}

/** Whether any node of `plan` reads an outer column. */
export function planReadsOuter(plan: LogicalPlan): boolean {
  let found = false;
  visitPlan(plan, (p) => {
    if (!found) found = planExprs(p).some(exprReadsOuter);
  });
  return found;
}

/** `e` with outer references turned into plain column references. */
export function outerToColumns(e: Expr): Expr {
  return transformExprUp(e, (x) => (x.kind === 'outerColumn' ? colRef(x.qualifier, x.name) : x));
}

export interface Pulled {
  /** The subquery without its correlated predicates (no outer reference left). */
  readonly plan: LogicalPlan;
  /** The correlated predicates, over `plan`'s output columns and outer references. */
  readonly predicates: readonly Expr[];
}

/**
 * Remove the correlated conjuncts of the filters of `plan`, which may sit under projections (they
 * are widened to pass on the columns the predicates read, and an alias renames them). Null when outer references appear
 * anywhere else (under an aggregate, a limit, a join condition, ...): such subqueries stay as they are.
 */
export function pullCorrelated(plan: LogicalPlan): Pulled | null {
  switch (plan.kind) {
    case 'filter': {
      const below = pullCorrelated(plan.input);
      if (below === null) return null;
      const correlated: Expr[] = [];
      const rest: Expr[] = [];
      for (const c of splitConjunction(plan.predicate)) (exprReadsOuter(c) ? correlated : rest).push(c);
      const predicate = conjunction(rest);
      const input = below.plan;
      const filtered: LogicalPlan = predicate === null ? input : { kind: 'filter', input, predicate, schema: input.schema };
      return { plan: filtered, predicates: [...below.predicates, ...correlated] };
    }
    case 'projection': {
      if (plan.exprs.some(exprReadsOuter)) return null;
      const below = pullCorrelated(plan.input);
      if (below === null) return null;
      if (below.predicates.length === 0) return { plan: withNewInputs(plan, [below.plan]), predicates: [] };
      const extra: Expr[] = [];
      for (const p of below.predicates) {
        for (const c of referencedColumns(p)) {
          if (columnIndex(below.plan.schema, c) < 0) continue; // an outer reference
          if (columnIndex(plan.schema, c) >= 0 || extra.some((x) => x.kind === 'column' && x.name === c.name && x.qualifier === c.qualifier)) continue;
          extra.push(colRef(c.qualifier, c.name));
        }
      }
      return { plan: rebuildPlan(plan, [below.plan], [...plan.exprs, ...extra]), predicates: below.predicates };
    }
    case 'subqueryAlias': {
      const below = pullCorrelated(plan.input);
      if (below === null) return null;
      const inner = below.plan.schema;
      const names = inner.fields.map((f) => f.name);
      if (below.predicates.length > 0 && new Set(names).size !== names.length) return null;
      const predicates = below.predicates.map((p) =>
        replaceColumns(p, (c) => {
          const i = columnIndex(inner, c);
          return i < 0 ? undefined : colRef(plan.alias, inner.field(i).name);
        }),
      );
      return { plan: withNewInputs(plan, [below.plan]), predicates };
    }
    default:
      return planReadsOuter(plan) ? null : { plan, predicates: [] };
  }
}
