/**
 * Finding the sub-plans a query computes more than once, so the physical planner can run each
 * once (`SharedSubplanExec`). Only aggregates are considered — their result is usually small next
 * to the work below them — and only deterministic ones without outer references or subqueries.
 * Two sub-plans are the same when they print the same, read the same table objects and have the
 * same output types.
 */
import { typeToString } from '@quiver/common';
import { exprAny, planExprs, planToString, visitPlan, type LogicalPlan, type TableSource } from '@quiver/planner';

const sourceIds = new WeakMap<TableSource, number>();
let nextSourceId = 0;

function sourceId(source: TableSource): number {
  let id = sourceIds.get(source);
  if (id === undefined) sourceIds.set(source, (id = nextSourceId++));
  return id;
}

/** Whether `plan` always gives the same rows within one execution. */
function deterministic(plan: LogicalPlan): boolean {
  let ok = true;
  visitPlan(plan, (p) => {
    for (const e of planExprs(p)) {
      if (
        exprAny(
          e,
          (x) =>
            x.kind === 'outerColumn' ||
            x.kind === 'scalarSubquery' ||
            x.kind === 'exists' ||
            x.kind === 'inSubquery' ||
            (x.kind === 'scalarFunction' && x.func.volatility === 'volatile'),
        )
      ) {
        ok = false;
      }
    }
    if (p.kind === 'extension') ok = false;
  });
  return ok;
}

/** What identifies a shareable sub-plan, or null when `plan` is not one. */
export function sharedSubplanKey(plan: LogicalPlan): string | null {
  if (plan.kind !== 'aggregate' || !deterministic(plan)) return null;
  const sources: number[] = [];
  visitPlan(plan, (p) => {
    if (p.kind === 'tableScan') sources.push(sourceId(p.source));
  });
  return `${planToString(plan)}\n${plan.schema.fields.map((f) => typeToString(f.type)).join(',')}\n${sources.join(',')}`;
}

/** The key of every shareable sub-plan that occurs more than once in `plan`, with its count. */
export function repeatedSubplans(plan: LogicalPlan): Map<string, number> {
  const counts = new Map<string, number>();
  visitPlan(plan, (p) => {
    const key = sharedSubplanKey(p);
    if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  for (const [key, n] of counts) if (n < 2) counts.delete(key);
  return counts;
}
