/**
 * Rewriting an aggregate query's SELECT, HAVING and ORDER BY over the Aggregate node's output: each
 * group expression and aggregate call is replaced by a reference to the output column that holds it,
 * matched by canonical text (`exprToString`), as DataFusion does. Whatever column is left must be
 * grouped, or the query is rejected.
 */
import { QuiverError, type Schema, type SourceLocation } from '@quiver/common';
import { exprColumns, exprToString, transformExprDown, visitExpr, type Expr } from '@quiver/planner';
import { columnExpr } from './scope.js';

/** The distinct aggregate calls in `exprs`, in order of first appearance. */
export function collectAggregates(exprs: readonly Expr[]): Expr[] {
  const found = new Map<string, Expr>();
  for (const e of exprs) {
    visitExpr(e, (x) => {
      if (x.kind !== 'aggregate') return true;
      const key = exprToString(x);
      if (!found.has(key)) found.set(key, x);
      return false;
    });
  }
  return [...found.values()];
}

/**
 * `e` with every sub-expression that an aggregate output column computes (group expressions, then
 * aggregates; `outputs[i]` is computed into field i of `schema`) replaced by a reference to that column.
 */
export function rebaseOnAggregate(e: Expr, outputs: readonly Expr[], schema: Schema): Expr {
  const byText = new Map<string, Expr>();
  outputs.forEach((o, i) => {
    const key = exprToString(o);
    if (!byText.has(key)) byText.set(key, columnExpr(schema.field(i)));
  });
  return transformExprDown(e, (x) => byText.get(exprToString(x)) ?? x);
}

/** Throws a PLAN error at the first column of `e` the aggregate output does not provide. */
export function checkGrouped(e: Expr, schema: Schema, locations: WeakMap<Expr, SourceLocation>): void {
  for (const c of exprColumns(e)) {
    if (schema.indexOf(c.name, c.qualifier) >= 0) continue;
    const location = locations.get(c);
    throw new QuiverError(
      'PLAN',
      `column '${exprToString(c)}' must appear in the GROUP BY clause or be used in an aggregate function`,
      location ? { location } : undefined,
    );
  }
}
