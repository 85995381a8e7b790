/**
 * A logical plan as indented text with each node's estimated output rows and cumulative cost, as
 * EXPLAIN prints it beside the plain logical plan.
 */
import { describePlanNode, planInputs, type LogicalPlan } from '@quiver/planner';
import { CardinalityEstimator } from './cardinality.js';

/** A count for people: exact below 10 000, else three significant digits with K/M/G/T. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n < 10_000) return String(Math.round(n));
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toPrecision(3)}${units[u]}`;
}

export function planWithEstimatesToString(plan: LogicalPlan, estimator = new CardinalityEstimator()): string {
  const lines: string[] = [];
  const walk = (p: LogicalPlan, indent: number) => {
    const e = estimator.estimate(p);
    lines.push(`${'  '.repeat(indent)}${describePlanNode(p)} [rows=${formatCount(e.rows)} cost=${formatCount(e.cost)}]`);
    for (const input of planInputs(p)) walk(input, indent + 1);
  };
  walk(plan, 0);
  return lines.join('\n');
}
