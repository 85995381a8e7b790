/**
 * Physical plans as indented text for EXPLAIN; with metrics, as EXPLAIN ANALYZE shows them (actual
 * output rows beside the optimizer's estimate).
 */
import type { ExecutionPlan } from './execution-plan.js';
import { formatBytes } from './memory.js';
import { formatCount } from '@quiver/optimizer';

export function physicalPlanToString(plan: ExecutionPlan, withMetrics: boolean, indent = 0): string {
  let line = `${'  '.repeat(indent)}${plan.describe()}`;
  if (withMetrics) {
    const m = plan.metrics;
    const estimate = m.estimatedRows === null ? '' : `, est_rows=${formatCount(m.estimatedRows)}`;
    line += ` [rows=${m.outputRows}${estimate}, batches=${m.outputBatches}, compute=${m.elapsedComputeMs.toFixed(1)}ms, peak_mem=${formatBytes(m.peakMemoryBytes)}]`;
  }
  return [line, ...plan.children.map((c) => physicalPlanToString(c, withMetrics, indent + 1))].join('\n');
}
