/**
 * SharedSubplanExec: one operator placed wherever a query needs the same result more than once (a
 * view or CTE read twice, like TPC-H Q15's revenue per supplier, joined with its own maximum). The
 * first of its `consumers` to execute runs the input; each reads the same buffered batches, and the
 * buffer is released once all of them have. Executions with another task context run it again.
 */
import type * as arrow from 'apache-arrow';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import { batchBytes, ExecBase, type MemoryReservation } from './exec-base.js';

interface Buffered {
  readonly batches: Promise<arrow.RecordBatch[]>;
  readonly memory: MemoryReservation;
  /** Consumers that have not started reading yet. */
  pending: number;
}

export class SharedSubplanExec extends ExecBase {
  readonly name = 'SharedSubplanExec';
  private readonly buffers = new WeakMap<TaskContext, Buffered>();

  constructor(
    readonly input: ExecutionPlan,
    readonly consumers: number,
  ) {
    super(input.schema, [input]);
  }

  describe(): string {
    return `SharedSubplanExec: consumers=${this.consumers}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    let buffered = this.buffers.get(ctx);
    if (buffered === undefined) {
      const memory = this.reserve(ctx);
      buffered = { batches: this.collect(ctx, memory), memory, pending: this.consumers };
      this.buffers.set(ctx, buffered);
    }
    const last = --buffered.pending === 0;
    if (last) this.buffers.delete(ctx);
    try {
      yield* await buffered.batches;
    } finally {
      if (last) buffered.memory.free();
    }
  }

  /** Every batch of the input, with all columns (consumers may read different ones). */
  private async collect(ctx: TaskContext, memory: MemoryReservation): Promise<arrow.RecordBatch[]> {
    const batches: arrow.RecordBatch[] = [];
    for await (const batch of this.pull(this.input, ctx)) {
      memory.add(batchBytes(batch));
      batches.push(batch);
    }
    return batches;
  }
}
