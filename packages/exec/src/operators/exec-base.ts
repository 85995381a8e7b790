/**
 * What every operator shares: output metrics (rows, batches, compute time excluding time spent
 * waiting on inputs, peak memory) and memory reservations against the session's pool.
 *
 * Subclasses implement `run`, pulling their inputs through `pull` so that input time is not counted
 * as their own. A consumer may declare which output columns it reads (`requireColumns`); operators
 * that use this leave the others unfilled and pass their own needs on to their inputs. Timing is per operator instance; concurrent executions of one instance share it.
 */
import type * as arrow from 'apache-arrow';
import type { Schema } from '@quiver/common';
import { OperatorMetrics, type ExecutionPlan, type TaskContext } from '../execution-plan.js';
import { concatBatches, makeBatch } from '../selection/record-batch.js';
import { nullColumn } from '../selection/make-column.js';
import type { SelectedBatch } from '../selection/selected-batch.js';

export abstract class ExecBase implements ExecutionPlan {
  abstract readonly name: string;
  readonly metrics = new OperatorMetrics();
  private clockStart = -1;
  private cachedArrowSchema: arrow.Schema | null = null;

  constructor(
    readonly schema: Schema,
    readonly children: readonly ExecutionPlan[],
  ) {}

  abstract describe(): string;
  protected abstract run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch>;

  /** The Arrow schema of this operator's output batches. */
  protected get arrowSchema(): arrow.Schema {
    return (this.cachedArrowSchema ??= this.schema.toArrow());
  }

  /** Columns the consumer of the next execution reads (see `requireColumns`). */
  private pendingNeeds: ReadonlySet<number> | null = null;
  /** Output columns the consumer of the current execution reads; null: all of them. */
  protected needed: ReadonlySet<number> | null = null;

  requireColumns(columns: ReadonlySet<number>): void {
    this.pendingNeeds = columns;
  }

  /** Passes down that only `columns` of `child`'s output are read (nothing when null: all are). */
  protected requireOf(child: ExecutionPlan, columns: ReadonlySet<number> | null): void {
    if (columns !== null && columns.size < child.schema.fields.length) child.requireColumns?.(columns);
  }

  execute(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    return this.timed(this.run(ctx), (b) => b.numRows);
  }

  /** Every output batch whole (operators that can hand over input batches with selected rows override this). */
  async *executeSelected(ctx: TaskContext): AsyncGenerator<SelectedBatch> {
    for await (const batch of this.execute(ctx)) yield { batch, rows: null };
  }

  /** Drives one execution's output, timing this operator's own code and counting what it outputs. */
  protected async *timed<T>(it: AsyncGenerator<T>, rowsOf: (item: T) => number): AsyncGenerator<T> {
    this.needed = this.pendingNeeds;
    this.pendingNeeds = null;
    try {
      for (;;) {
        this.startClock();
        const r = await it.next();
        this.stopClock();
        if (r.done) return;
        const rows = rowsOf(r.value);
        if (rows === 0) continue;
        this.metrics.outputRows += rows;
        this.metrics.outputBatches++;
        yield r.value;
      }
    } finally {
      this.stopClock();
      await it.return(undefined);
    }
  }

  /** The batches of `child`, with the time spent producing them excluded from this operator's compute time. */
  protected async *pull(child: ExecutionPlan, ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    yield* this.untimed(child.execute(ctx)[Symbol.asyncIterator]());
  }

  /** `pull`, letting `child` hand over input batches with the rows selected (see `executeSelected`). */
  protected async *pullSelected(child: ExecutionPlan, ctx: TaskContext): AsyncGenerator<SelectedBatch> {
    const source = child.executeSelected !== undefined ? child.executeSelected(ctx) : selectAll(child.execute(ctx));
    yield* this.untimed(source[Symbol.asyncIterator]());
  }

  private async *untimed<T>(it: AsyncIterator<T>): AsyncGenerator<T> {
    try {
      for (;;) {
        this.stopClock();
        const r = await it.next();
        this.startClock();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await it.return?.();
    }
  }

  /**
   * Every row of `child` as one batch of `schema` (empty when it has none), its bytes added to `memory`:
   * the buffered side of a join.
   */
  protected async bufferInput(child: ExecutionPlan, ctx: TaskContext, memory: MemoryReservation, schema: arrow.Schema): Promise<arrow.RecordBatch> {
    const batches: arrow.RecordBatch[] = [];
    for await (const batch of this.pull(child, ctx)) {
      if (batch.numRows === 0) continue;
      memory.add(batchBytes(batch));
      batches.push(batch);
    }
    return batches.length === 0 ? makeBatch(schema, schema.fields.map((f) => nullColumn(f.type, 0)), 0) : concatBatches(schema, batches);
  }

  /** A memory reservation for this operator's buffered state. */
  protected reserve(ctx: TaskContext): MemoryReservation {
    return new MemoryReservation(ctx, this.name, this.metrics);
  }

  private startClock(): void {
    this.clockStart = performance.now();
  }

  private stopClock(): void {
    if (this.clockStart < 0) return;
    this.metrics.elapsedComputeMs += performance.now() - this.clockStart;
    this.clockStart = -1;
  }
}

async function* selectAll(batches: AsyncIterable<arrow.RecordBatch>): AsyncGenerator<SelectedBatch> {
  for await (const batch of batches) yield { batch, rows: null };
}

/** Bytes an operator holds, kept in step with the pool; the peak is recorded in the operator's metrics. */
export class MemoryReservation {
  private bytes = 0;

  constructor(
    private readonly ctx: TaskContext,
    private readonly consumer: string,
    private readonly metrics: OperatorMetrics,
  ) {}

  /** Sets the reservation to `bytes`, growing (which may throw RESOURCES) or shrinking the pool. */
  resize(bytes: number): void {
    if (bytes > this.bytes) this.ctx.memory.grow(this.consumer, bytes - this.bytes);
    else this.ctx.memory.shrink(this.bytes - bytes);
    this.bytes = bytes;
    if (bytes > this.metrics.peakMemoryBytes) this.metrics.peakMemoryBytes = bytes;
  }

  add(bytes: number): void {
    this.resize(this.bytes + bytes);
  }

  free(): void {
    this.resize(0);
  }
}

/** Bytes held by the buffers of a record batch. */
export function batchBytes(batch: arrow.RecordBatch): number {
  let n = 0;
  for (const c of batch.data.children) n += dataBytes(c);
  return n;
}

function dataBytes(d: arrow.Data): number {
  let n = (d.values?.byteLength ?? 0) + (d.nullBitmap?.byteLength ?? 0) + (d.valueOffsets?.byteLength ?? 0);
  for (const c of d.children) n += dataBytes(c);
  return n;
}
