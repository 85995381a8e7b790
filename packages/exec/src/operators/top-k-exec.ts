/**
 * TopKExec: ORDER BY … LIMIT k without sorting everything. Candidate rows accumulate; whenever more
 * than max(2k, batch size) are held, a bounded max-heap of row indices selects the k best and the
 * rest are dropped. Ties keep input order, so the result equals a stable sort followed by LIMIT k.
 */
import type * as arrow from 'apache-arrow';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import { ExecBase, batchBytes } from './exec-base.js';
import { evaluateSortKeys, describeSortKeys, type PhysicalSortKey } from './sort-key.js';
import { concatBatches, takeBatch, sliceBatch } from '../selection/record-batch.js';
import { rowComparator, type RowComparator } from '../selection/sort-indices.js';

export class TopKExec extends ExecBase {
  readonly name = 'TopKExec';

  constructor(
    readonly input: ExecutionPlan,
    readonly keys: readonly PhysicalSortKey[],
    readonly k: number,
  ) {
    super(input.schema, [input]);
  }

  describe(): string {
    return `TopKExec: k=${this.k}, ${describeSortKeys(this.keys)}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    if (this.k === 0) return;
    const memory = this.reserve(ctx);
    try {
      const limit = Math.max(2 * this.k, ctx.config.batchSize);
      let held: arrow.RecordBatch[] = [];
      let heldRows = 0;
      for await (const batch of this.pull(this.input, ctx)) {
        if (batch.numRows === 0) continue;
        held.push(batch);
        heldRows += batch.numRows;
        if (heldRows > limit) {
          const best = this.best(concatBatches(this.arrowSchema, held));
          held = [best];
          heldRows = best.numRows;
        }
        memory.resize(held.reduce((n, b) => n + batchBytes(b), 0));
      }
      if (heldRows === 0) return;
      const result = this.best(concatBatches(this.arrowSchema, held));
      const size = ctx.config.batchSize;
      for (let at = 0; at < result.numRows; at += size) yield sliceBatch(result, at, Math.min(size, result.numRows - at));
    } finally {
      memory.free();
    }
  }

  /** The first k rows of `batch` in sort order. */
  private best(batch: arrow.RecordBatch): arrow.RecordBatch {
    const cmp = rowComparator(evaluateSortKeys(this.keys, batch));
    return takeBatch(batch, topKIndices((a, b) => cmp(a, b) || a - b, batch.numRows, this.k));
  }
}

/** Indices of the `k` smallest rows of 0..n-1 under `cmp` (a total order), sorted. */
export function topKIndices(cmp: RowComparator, n: number, k: number): Int32Array {
  const size = Math.min(k, n);
  const heap = new Int32Array(size);
  // Max-heap: heap[0] is the worst row kept so far.
  for (let i = 0; i < size; i++) {
    let c = i;
    heap[c] = i;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (cmp(heap[p]!, heap[c]!) >= 0) break;
      const t = heap[p]!;
      heap[p] = heap[c]!;
      heap[c] = t;
      c = p;
    }
  }
  for (let i = size; i < n; i++) {
    if (cmp(i, heap[0]!) >= 0) continue;
    heap[0] = i;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= size) break;
      const r = l + 1;
      const m = r < size && cmp(heap[r]!, heap[l]!) > 0 ? r : l;
      if (cmp(heap[m]!, heap[c]!) <= 0) break;
      const t = heap[m]!;
      heap[m] = heap[c]!;
      heap[c] = t;
      c = m;
    }
  }
  return heap.sort(cmp);
}
