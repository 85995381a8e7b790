/**
 * Physical plans as indented text for EXPLAIN; with metrics, as EXPLAIN ANALYZE shows them.
 */
import type { ExecutionPlan } from './execution-plan.js';
import { formatBytes } from './memory.js';

export function physicalPlanToString(plan: ExecutionPlan, withMetrics: boolean, indent = 0): string {
  let line = `${'  '.repeat(indent)}${plan.describe()}`;
  if (withMetrics) {
    const m = plan.metrics;
    line += ` [rows=${m.outputRows}, batches=${m.outputBatches}, compute=${m.elapsedComputeMs.toFixed(1)}ms, peak_mem=${formatBytes(m.peakMemoryBytes)}]`;
  }
  return [line, ...plan.children.map((c) => physicalPlanToString(c, withMetrics, indent + 1))].join('\n');
}
