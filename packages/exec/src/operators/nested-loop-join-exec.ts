/**
 * NestedLoopJoinExec: joins with an arbitrary predicate (or none: a cross join). Buffers the LEFT
 * input, then for each RIGHT batch pairs every left row with every right row — in chunks of about
 * the batch size — and hands the pairs to `JoinMatcher`, which evaluates the predicate and produces
 * the output for the join type.
 */
import type * as arrow from 'apache-arrow';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase } from './exec-base.js';
import { joinOutputSchema, type PhysicalJoinType } from './join-type.js';
import { JoinMatcher } from './join-matcher.js';

export class NestedLoopJoinExec extends ExecBase {
  readonly name = 'NestedLoopJoinExec';

  /** `filter` is evaluated over the left columns followed by the right columns; null joins every pair. */
  constructor(
    readonly left: ExecutionPlan,
    readonly right: ExecutionPlan,
    readonly joinType: PhysicalJoinType,
    readonly filter: PhysicalExpr | null,
  ) {
    super(joinOutputSchema(left.schema, right.schema, joinType), [left, right]);
  }

  describe(): string {
    return `NestedLoopJoinExec: type=${this.joinType}${this.filter ? `, filter=${this.filter}` : ''}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const memory = this.reserve(ctx);
    try {
      const leftSchema = this.left.schema.toArrow();
      const rightSchema = this.right.schema.toArrow();
      const build = await this.bufferInput(this.left, ctx, memory, leftSchema);
      const t = this.joinType;
      const n = build.numRows;
      if (n === 0 && (t === 'inner' || t === 'left' || t === 'semi' || t === 'anti' || t === 'rightSemi' || t === 'leftMark')) return;
      const matcher = new JoinMatcher(t, build, rightSchema, this.arrowSchema, this.filter);
      for await (const probe of this.pull(this.right, ctx)) {
        const m = probe.numRows;
        if (m === 0) continue;
        const probeMatched = new Uint8Array(m);
        if (n > 0) {
          // Pairs in left-row-major order (every probe row for build row 0, then build row 1, ...), as
          // DataFusion emits them; build rows per chunk so a chunk holds about a batch of pairs.
          const rowsPerChunk = Math.max(1, Math.floor(ctx.config.batchSize / m));
          for (let start = 0; start < n; start += rowsPerChunk) {
            const end = Math.min(n, start + rowsPerChunk);
            const pairs = (end - start) * m;
            const bIdx = new Int32Array(pairs);
            const pIdx = new Int32Array(pairs);
            let k = 0;
            for (let r = start; r < end; r++) {
              for (let i = 0; i < m; i++, k++) {
                bIdx[k] = r;
                pIdx[k] = i;
              }
            }
            const out = matcher.matchPairs(probe, bIdx, pIdx, probeMatched);
            if (out) yield out;
          }
        }
        const rest = matcher.finishProbeBatch(probe, probeMatched);
        if (rest) yield rest;
      }
      const rest = matcher.finishBuild(rightSchema);
      if (rest) yield rest;
    } finally {
      memory.free();
    }
  }
}
