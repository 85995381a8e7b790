/**
 * A DataFrame projection whose expressions hold window calls: the calls (distinct by text, arguments
 * and frames checked, none nested) are computed by a Window node over the input, and the projection reads them
 * as that node's columns — what SQL planning does for a SELECT list with OVER (…).
 */
import { QuiverError } from '@quiver/common';
import { alias, collectWindows, exprAny, exprName, exprToString, exprType, frameError, rebaseOnWindow, type Expr, type LogicalPlanBuilder } from '@quiver/planner';

export function projectWithWindows(b: LogicalPlanBuilder, exprs: readonly Expr[]): LogicalPlanBuilder {
  const calls = collectWindows(exprs);
  if (calls.length === 0) return b.project(exprs);
  const input = b.schema;
  for (const call of calls) {
    if (call.kind !== 'window') continue;
    const parts = [...call.args, ...call.partitionBy, ...call.orderBy.map((s) => s.expr), ...(call.filter ? [call.filter] : [])];
    if (parts.some((e) => exprAny(e, (x) => x.kind === 'window'))) {
      throw new QuiverError('PLAN', `window function calls cannot be nested (in ${exprToString(call)})`);
    }
    call.func.coerceArgs(call.args.map((a) => exprType(a, input))); // wrong arguments fail here, as in SQL planning
    const error = frameError(call.frame, call.orderBy, (e) => exprType(e, input));
    if (error !== null) throw new QuiverError('PLAN', `${error}, in ${exprToString(call)}`);
  }
  const windowed = b.window(calls);
  // `*` stands for the input's columns, not the window node's added ones.
  const columns = exprs.flatMap((e): Expr[] =>
    e.kind === 'wildcard'
      ? input.fields.filter((f) => e.qualifier === null || f.qualifier === e.qualifier).map((f) => ({ kind: 'column', qualifier: f.qualifier, name: f.name }))
      : [e],
  );
  return windowed.project(
    columns.map((e) => {
      const r = rebaseOnWindow(e, calls, windowed.schema, input.length);
      return exprName(r) === exprName(e) ? r : alias(r, exprName(e));
    }),
  );
}
