/**
 * Finding the sub-plans a query computes more than once, so the physical planner can run each
 * once (`SharedSubplanExec`): aggregates (their result is usually small next to the work below
 * them), and other sub-plans that do work beyond scanning (filters, joins, …) and are estimated to
 * be small — a dimension filtered twice after a semi-join reduction, say. Only deterministic ones
 * without outer references or subqueries qualify. Two sub-plans are the same when they print the
 * same, read the same table objects and have the same output types.
 */
import { typeToString } from '@quiver/common';
import { exprAny, planExprs, planInputs, planToString, visitPlan, type LogicalPlan, type TableSource } from '@quiver/planner';

/** Sub-plans other than aggregates are shared up to this many estimated rows (their rows are buffered). */
export const MAX_SHARED_ROWS = 100_000;

const sourceIds = new WeakMap<TableSource, number>();
let nextSourceId = 0;

function sourceId(source: TableSource): number {
  let id = sourceIds.get(source);
  if (id === undefined) sourceIds.set(source, (id = nextSourceId++));
  return id;
}

/** Whether `plan` does more than read (and project) tables, so that running it once saves work. */
function doesWork(plan: LogicalPlan): boolean {
  let work = false;
  visitPlan(plan, (p) => {
    if (p.kind !== 'tableScan' && p.kind !== 'projection' && p.kind !== 'subqueryAlias' && p.kind !== 'values' && p.kind !== 'emptyRelation') work = true;
  });
  return work;
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

/** What identifies a sub-plan that may be shared, or null when `plan` is not one. */
export function sharedSubplanKey(plan: LogicalPlan): string | null {
  if (!doesWork(plan) || !deterministic(plan)) return null;
  const sources: number[] = [];
  visitPlan(plan, (p) => {
    if (p.kind === 'tableScan') sources.push(sourceId(p.source));
  });
  return `${planToString(plan)}\n${plan.schema.fields.map((f) => typeToString(f.type)).join(',')}\n${sources.join(',')}`;
}

/**
 * The key of every sub-plan worth sharing that `plan` repeats — aggregates, and others estimated at
 * most `MAX_SHARED_ROWS` rows by `estimatedRows` — with the number of operators that will read it:
 * a repeated sub-plan inside another one counts once for all copies of the outer one, which runs once.
 */
export function repeatedSubplans(plan: LogicalPlan, estimatedRows: (p: LogicalPlan) => number): Map<string, number> {
  const keys = new Map<LogicalPlan, string | null>();
  const keyOf = (p: LogicalPlan) => {
    if (!keys.has(p)) keys.set(p, p.kind === 'aggregate' || estimatedRows(p) <= MAX_SHARED_ROWS ? sharedSubplanKey(p) : null);
    return keys.get(p)!;
  };
  const occurrences = new Map<string, number>();
  visitPlan(plan, (p) => {
    const key = keyOf(p);
    if (key !== null) occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
  });
  const readers = new Map<string, number>();
  const count = (p: LogicalPlan) => {
    const key = keyOf(p);
    if (key !== null && occurrences.get(key)! > 1) {
      const seen = readers.get(key) ?? 0;
      readers.set(key, seen + 1);
      if (seen > 0) return; // this copy reads the first one's operator: nothing below it runs
    }
    for (const input of planInputs(p)) count(input);
  };
  count(plan);
  for (const [key, n] of readers) if (n < 2) readers.delete(key);
  return readers;
}
