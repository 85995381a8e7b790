/**
 * The physical operator contract: a node that produces its output as an async stream of Arrow
 * record batches, plus what every operator needs at run time (configuration, memory, metrics).
 */
import type * as arrow from 'apache-arrow';
import type { Schema, SessionConfig } from '@quiver/common';
import type { MemoryPool } from './memory.js';
import type { SelectedBatch } from './selection/selected-batch.js';

export interface TaskContext {
  readonly config: SessionConfig;
  readonly memory: MemoryPool;
}

/** Counters an operator keeps while it runs, shown by EXPLAIN ANALYZE. */
export class OperatorMetrics {
  outputRows = 0;
  outputBatches = 0;
  /** Milliseconds spent in this operator's own code (not waiting on inputs). */
  elapsedComputeMs = 0;
  peakMemoryBytes = 0;
  /** Output rows the optimizer's cost model expected, set by the physical planner (null: not estimated). */
  estimatedRows: number | null = null;
}

export interface ExecutionPlan {
  /** Short operator name, e.g. "HashJoinExec". */
  readonly name: string;
  readonly schema: Schema;
  readonly children: readonly ExecutionPlan[];
  readonly metrics: OperatorMetrics;
  /** One line describing this node's parameters for EXPLAIN (without children). */
  describe(): string;
  /** Run the operator; each call starts a fresh, independent execution. */
  execute(ctx: TaskContext): AsyncIterable<arrow.RecordBatch>;
  /**
   * Tells the operator that the consumer about to `execute` it reads only `columns` of its output;
   * the other columns of that execution's batches may be left unfilled (all NULL). Applies to the
   * next `execute` call only.
   */
  requireColumns?(columns: ReadonlySet<number>): void;
  /**
   * Like `execute`, but each output batch may come as an input batch with the rows of it that are
   * output (a filter's way to spare the gather when its consumer can skip rows itself).
   */
  executeSelected?(ctx: TaskContext): AsyncIterable<SelectedBatch>;
}
