/**
 * Finding the sub-plans a query computes more than once, so the physical planner can run each
 * once (`SharedSubplanExec`). Only aggregates are shared — their result is usually small next to
 * the work below them (sharing small filtered dimensions too measured slower on TPC-H Q11) — and
 * only deterministic ones without outer references or subqueries. Two sub-plans are the same when
 * they print the same, read the same table objects and have the same output types.
 */
import { typeToString } from '@quiver/common';
import { exprAny, planExprs, planInputs, planToString, visitPlan, type LogicalPlan, type TableSource } from '@quiver/planner';


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

/**
 * The key of every shareable sub-plan that `plan` repeats, with the number of operators that will
 * read it: a repeated sub-plan inside another one counts once for all copies of the outer one,
 * which runs once.
 */
export function repeatedSubplans(plan: LogicalPlan): Map<string, number> {
  const keys = new Map<LogicalPlan, string | null>();
  const keyOf = (p: LogicalPlan) => {
    if (!keys.has(p)) keys.set(p, sharedSubplanKey(p));
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
