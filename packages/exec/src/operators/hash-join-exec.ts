/**
 * HashJoinExec: equi-join that buffers the LEFT (build) input, indexes its rows by key in a
 * `JoinIndex`, then streams the RIGHT (probe) input batch by batch. Candidate pairs go through `JoinMatcher`,
 * which applies the optional residual filter and produces the output for each join type.
 * NULL keys never match unless `nullEqualsNull` (IS NOT DISTINCT FROM semantics). Output columns
 * the consumer does not read are not gathered, and each input is asked only for what is read of it.
 * A filter below the probe side hands over its input batches with the passing rows, and the join
 * probes them whole skipping the other rows, so only matched rows are gathered.
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, typesEqual, typeToString } from '@quiver/common';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase } from './exec-base.js';
import { joinInputNeeds, joinOutputSchema, type PhysicalJoinType } from './join-type.js';
import { JoinMatcher } from './join-matcher.js';
import { JoinIndex } from '../hash/join-index.js';
import { gatherRows, unselectedFlags } from '../selection/selected-batch.js';

/** A filtered probe batch is probed whole when at least this share of its rows passes. */
const PROBE_WHOLE_AT = 0.3;

export class HashJoinExec extends ExecBase {
  readonly name = 'HashJoinExec';

  /**
   * `on` pairs an expression over the left input with one over the right (of equal types); `filter`
   * is evaluated over the left columns followed by the right columns.
   */
  constructor(
    readonly left: ExecutionPlan,
    readonly right: ExecutionPlan,
    readonly on: readonly (readonly [PhysicalExpr, PhysicalExpr])[],
    readonly joinType: PhysicalJoinType,
    readonly filter: PhysicalExpr | null = null,
    readonly nullEqualsNull = false,
  ) {
    super(joinOutputSchema(left.schema, right.schema, joinType), [left, right]);
    if (on.length === 0) throw new QuiverError('INTERNAL', 'HashJoinExec needs at least one key pair');
    for (const [l, r] of on) {
      if (!typesEqual(l.type, r.type)) {
        throw new QuiverError('INTERNAL', `hash join keys ${l} and ${r} have different types ${typeToString(l.type)} and ${typeToString(r.type)}`);
      }
    }
  }

  describe(): string {
    const on = this.on.map(([l, r]) => `(${l}, ${r})`).join(', ');
    const filter = this.filter ? `, filter=${this.filter}` : '';
    return `HashJoinExec: type=${this.joinType}, on=[${on}]${filter}${this.nullEqualsNull ? ', null_equals_null' : ''}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const memory = this.reserve(ctx);
    const reads = joinInputNeeds(this.needed, this.left.schema.fields.length, this.right.schema.fields.length, this.joinType, this.filter, this.on);
    this.requireOf(this.left, reads.left);
    this.requireOf(this.right, reads.right);
    try {
      const leftSchema = this.left.schema.toArrow();
      const rightSchema = this.right.schema.toArrow();
      const build = await this.bufferInput(this.left, ctx, memory, leftSchema);
      const t = this.joinType;
      if (build.numRows === 0 && (t === 'inner' || t === 'left' || t === 'semi' || t === 'anti' || t === 'rightSemi' || t === 'leftMark')) return;

      const index = new JoinIndex(this.on.map(([l]) => l.evaluate(build)), this.nullEqualsNull);
      memory.add(index.memoryBytes());
      const { head, next, unique } = index;

      const matcher = new JoinMatcher(t, build, rightSchema, this.arrowSchema, this.filter, this.needed);
      const keyHit = new Uint8Array(head.length);
      const cap = Math.max(ctx.config.batchSize, 1024);
      let bIdx = new Int32Array(cap);
      let pIdx = new Int32Array(cap);
      const skipsRows = t === 'inner' || t === 'left' || t === 'semi' || t === 'anti' || t === 'rightSemi' || t === 'leftMark';
      const marksBuild = t === 'semi' || t === 'anti' || t === 'leftMark';
      let flags: Uint8Array | null = null;
      for await (const selected of this.pullSelected(this.right, ctx)) {
        // A filtered probe batch is probed whole with the filtered-out rows skipped, so only
        // matched rows are ever gathered; sparse selections (or a key that fails on a skipped row) are gathered first.
        let probe = selected.batch;
        let probeKeys: arrow.Data[] | null = null;
        let skip: Uint8Array | null = null;
        if (selected.rows !== null) {
          if (skipsRows && selected.rows.length >= PROBE_WHOLE_AT * probe.numRows) {
            try {
              probeKeys = this.on.map(([, r]) => r.evaluate(probe));
              skip = flags = unselectedFlags(selected.rows, probe.numRows, flags);
            } catch {
              probeKeys = null;
            }
          }
          if (probeKeys === null) probe = gatherRows(probe, selected.rows, reads.right);
        }
        const m = probe.numRows;
        if (m === 0) continue;
        if (bIdx.length < m) {
          bIdx = new Int32Array(m);
          pIdx = new Int32Array(m);
        }
        probeKeys ??= this.on.map(([, r]) => r.evaluate(probe));
        // The matching build row (unique keys) or key id of each probe row, or -1.
        const pk = new Int32Array(m);
        index.probe(probeKeys, pk, skip);
        const probeMatched = new Uint8Array(m);
        if (unique) {
          if (this.filter === null && !matcher.emitsPairs) {
            if (marksBuild) {
              const bm = matcher.buildMatched;
              for (let i = 0; i < m; i++) if (pk[i]! >= 0) bm[pk[i]!] = 1;
            } else {
              for (let i = 0; i < m; i++) probeMatched[i] = pk[i]! >= 0 ? 1 : 0;
            }
          } else {
            let k = 0;
            for (let i = 0; i < m; i++) {
              const r = pk[i]!;
              if (r < 0) continue;
              bIdx[k] = r;
              pIdx[k++] = i;
            }
            const out = matcher.matchPairs(probe, bIdx.subarray(0, k), pIdx.subarray(0, k), probeMatched);
            if (out) yield out;
          }
        } else if (this.filter === null && !matcher.emitsPairs) {
          // Semi/anti/mark without a residual filter: only whether keys match matters.
          if (marksBuild) {
            const bm = matcher.buildMatched;
            for (let i = 0; i < m; i++) {
              const k = pk[i]!;
              if (k < 0 || keyHit[k]) continue;
              keyHit[k] = 1;
              for (let r = head[k]!; r >= 0; r = next[r]!) bm[r] = 1;
            }
          } else {
            for (let i = 0; i < m; i++) probeMatched[i] = pk[i]! >= 0 ? 1 : 0;
          }
        } else {
          let k = 0;
          for (let i = 0; i < m; i++) {
            const key = pk[i]!;
            if (key < 0) continue;
            for (let r = head[key]!; r >= 0; r = next[r]!) {
              bIdx[k] = r;
              pIdx[k] = i;
              if (++k === cap) {
                const out = matcher.matchPairs(probe, bIdx.subarray(0, k), pIdx.subarray(0, k), probeMatched);
                if (out) yield out;
                k = 0;
              }
            }
          }
          const out = matcher.matchPairs(probe, bIdx.subarray(0, k), pIdx.subarray(0, k), probeMatched);
          if (out) yield out;
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
