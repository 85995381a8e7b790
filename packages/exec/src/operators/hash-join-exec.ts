/**
 * HashJoinExec: equi-join that buffers the LEFT (build) input, indexes its key values in a
 * `GroupHashTable` — or, for one narrow-range integer key, a `DenseKeyIndex` — (one id per distinct
 * key, with the build rows of each key chained in input order),
 * then streams the RIGHT (probe) input batch by batch. Candidate pairs go through `JoinMatcher`,
 * which applies the optional residual filter and produces the output for each join type.
 * NULL keys never match unless `nullEqualsNull` (IS NOT DISTINCT FROM semantics).
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, toArrowType, typesEqual, typeToString } from '@quiver/common';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase, batchBytes } from './exec-base.js';
import { joinOutputSchema, type PhysicalJoinType } from './join-type.js';
import { JoinMatcher } from './join-matcher.js';
import { GroupHashTable } from '../hash/group-table.js';
import { DenseKeyIndex } from '../hash/dense-key-index.js';
import { hashColumns, rowsWithNullKey } from '../hash/hash-columns.js';
import { concatBatches, makeBatch } from '../selection/record-batch.js';
import { nullColumn } from '../selection/make-column.js';

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
    try {
      const leftSchema = this.left.schema.toArrow();
      const rightSchema = this.right.schema.toArrow();
      const batches: arrow.RecordBatch[] = [];
      for await (const batch of this.pull(this.left, ctx)) {
        if (batch.numRows === 0) continue;
        memory.add(batchBytes(batch));
        batches.push(batch);
      }
      const build = batches.length === 0 ? makeBatch(leftSchema, leftSchema.fields.map((f) => nullColumn(f.type, 0)), 0) : concatBatches(leftSchema, batches);
      batches.length = 0;
      const t = this.joinType;
      if (build.numRows === 0 && (t === 'inner' || t === 'left' || t === 'semi' || t === 'anti' || t === 'rightSemi')) return;

      // Build: key id per build row (a dense index for a single narrow-range integer key, else a
      // hash table), and the rows of each key chained through `next`.
      const n = build.numRows;
      const buildKeys = this.on.map(([l]) => l.evaluate(build));
      const keyIds = new Int32Array(n);
      const buildNulls = rowsWithNullKey(buildKeys, n);
      const dense =
        buildKeys.length === 1 && (!this.nullEqualsNull || buildNulls === null) ? DenseKeyIndex.tryBuild(buildKeys[0]!, buildNulls, keyIds) : null;
      let numKeys: number;
      let lookup: (keys: arrow.Data[], m: number, out: Int32Array) => void;
      if (dense !== null) {
        numKeys = dense.numKeys;
        memory.add(dense.memoryBytes());
        lookup = (keys, m, out) => dense.find(keys[0]!, rowsWithNullKey(keys, m), out);
      } else {
        const table = new GroupHashTable(this.on.map(([l]) => toArrowType(l.type)), Math.min(Math.max(16, n), 1 << 20));
        table.findOrInsert(buildKeys, hashColumns(buildKeys, n), keyIds, this.nullEqualsNull ? null : buildNulls);
        numKeys = table.numGroups;
        memory.add(table.memoryBytes());
        lookup = (keys, m, out) => table.find(keys, hashColumns(keys, m), out, this.nullEqualsNull ? null : rowsWithNullKey(keys, m));
      }
      const head = new Int32Array(numKeys).fill(-1);
      const next = new Int32Array(n);
      for (let r = n - 1; r >= 0; r--) {
        const k = keyIds[r]!;
        if (k < 0) continue;
        next[r] = head[k]!;
        head[k] = r;
      }
      memory.add(head.byteLength + next.byteLength + keyIds.byteLength);
      // With unique build keys (the usual primary-key side) each key has one row: look rows up directly.
      let unique = true;
      for (let r = 0; r < n && unique; r++) if (keyIds[r]! >= 0 && next[r]! >= 0) unique = false;
      if (unique && dense !== null) dense.mapIds(head);
      const lookupRows = unique && dense !== null;

      const matcher = new JoinMatcher(t, build, rightSchema, this.arrowSchema, this.filter);
      const keyHit = new Uint8Array(head.length);
      const cap = Math.max(ctx.config.batchSize, 1024);
      let bIdx = new Int32Array(cap);
      let pIdx = new Int32Array(cap);
      for await (const probe of this.pull(this.right, ctx)) {
        const m = probe.numRows;
        if (m === 0) continue;
        if (bIdx.length < m) {
          bIdx = new Int32Array(m);
          pIdx = new Int32Array(m);
        }
        const probeKeys = this.on.map(([, r]) => r.evaluate(probe));
        const pk = new Int32Array(m);
        lookup(probeKeys, m, pk);
        const probeMatched = new Uint8Array(m);
        if (unique) {
          // pk becomes the matching build row of each probe row, or -1.
          if (!lookupRows) for (let i = 0; i < m; i++) if (pk[i]! >= 0) pk[i] = head[pk[i]!]!;
          if (this.filter === null && !matcher.emitsPairs) {
            if (t === 'semi' || t === 'anti') {
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
          // Semi/anti without a residual filter: only whether keys match matters.
          if (t === 'semi' || t === 'anti') {
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
