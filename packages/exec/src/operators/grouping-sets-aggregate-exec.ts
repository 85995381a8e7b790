/**
 * GroupingSetsAggregateExec: GROUP BY GROUPING SETS / ROLLUP / CUBE in one pass over the input.
 * Every batch's group keys, aggregate arguments and FILTER masks are evaluated once; then each
 * grouping set looks up its own keys in its own `GroupHashTable` and updates its own accumulators
 * (an empty set is a single group). This is DuckDB's layout rather than DataFusion's (which copies
 * each row once per set, with NULLs for the absent keys and the grouping id as an extra key, into
 * one table): a set hashes only the keys it groups by, and the small tables of coarse sets (ROLLUP's
 * upper levels) stay in cache. The output is each set's groups in turn: NULL for the group columns
 * the set lacks, the aggregates, and the grouping id (bit `n - 1 - i` set when key i is absent).
 */
import * as arrow from 'apache-arrow';
import { DataTypes, Field, Schema, toArrowType } from '@quiver/common';
import { GROUPING_ID_COLUMN, type GroupsAccumulator } from '@quiver/planner';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase } from './exec-base.js';
import type { AggregateCall, GroupExpr } from './hash-aggregate-exec.js';
import { GroupHashTable } from '../hash/group-table.js';
import { hashColumns } from '../hash/hash-columns.js';
import { selectionFromMask } from '../selection/filter.js';
import { takeData } from '../selection/take.js';
import { makeBatch } from '../selection/record-batch.js';
import { nullColumn } from '../selection/make-column.js';
import { shareCommonSubexpressions } from '../expressions/shared-subexpressions.js';
import { columnsReadBy } from '../expressions/referenced-columns.js';

/** One grouping set's state: its key positions, hash table (null for the empty set) and accumulators. */
interface SetState {
  readonly keys: readonly number[];
  readonly table: GroupHashTable | null;
  readonly accumulators: readonly GroupsAccumulator[];
  readonly groupingId: bigint;
}

export class GroupingSetsAggregateExec extends ExecBase {
  readonly name = 'GroupingSetsAggregateExec';
  /** Each aggregate's arguments, with subexpressions repeated among them computed once per batch. */
  private readonly argEvaluators: readonly (readonly PhysicalExpr[])[];

  constructor(
    readonly input: ExecutionPlan,
    readonly groups: readonly GroupExpr[],
    readonly groupingSets: readonly (readonly number[])[],
    readonly aggregates: readonly AggregateCall[],
  ) {
    super(
      new Schema([
        ...groups.map((g) => new Field(g.name, g.expr.type)),
        ...aggregates.map((a) => new Field(a.name, a.returnType)),
        new Field(GROUPING_ID_COLUMN, DataTypes.int64, false),
      ]),
      [input],
    );
    const shared = shareCommonSubexpressions(aggregates.flatMap((a) => a.args));
    let at = 0;
    this.argEvaluators = aggregates.map((a) => shared.slice(at, (at += a.args.length)));
  }

  describe(): string {
    const sets = this.groupingSets.map((s) => `(${s.map((i) => this.groups[i]!.name).join(', ')})`).join(', ');
    const aggs = this.aggregates.map((a) => `${a.func.name}(${a.distinct ? 'DISTINCT ' : ''}${a.args.length ? a.args.join(', ') : '*'}) AS ${a.name}`).join(', ');
    return `GroupingSetsAggregateExec: groups=[${this.groups.map((g) => `${g.expr} AS ${g.name}`).join(', ')}], sets=[${sets}], aggregates=[${aggs}]`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const memory = this.reserve(ctx);
    this.requireOf(this.input, columnsReadBy([...this.groups.map((g) => g.expr), ...this.aggregates.flatMap((a) => (a.filter === null ? a.args : [...a.args, a.filter]))]));
    try {
      const n = this.groups.length;
      const sets: SetState[] = this.groupingSets.map((keys) => {
        let id = 0n;
        for (let i = 0; i < n; i++) if (!keys.includes(i)) id |= 1n << BigInt(n - 1 - i);
        return {
          keys,
          table: keys.length === 0 ? null : new GroupHashTable(keys.map((i) => toArrowType(this.groups[i]!.expr.type))),
          accumulators: this.aggregates.map((a) => a.func.createAccumulator(a.argTypes ?? a.args.map((e) => e.type), a.returnType, a.distinct, a.ordering ?? [])),
          groupingId: id,
        };
      });
      let ids = new Int32Array(0);
      let hashes = new Uint32Array(0);
      for await (const batch of this.pull(this.input, ctx)) {
        const rows = batch.numRows;
        if (rows === 0) continue;
        if (ids.length < rows) {
          ids = new Int32Array(rows);
          hashes = new Uint32Array(rows);
        }
        const keys = this.groups.map((g) => g.expr.evaluate(batch));
        const args = this.argEvaluators.map((exprs) => exprs.map((e) => e.evaluate(batch)));
        // A FILTER clause keeps its rows' arguments once; each set then maps those rows to its groups.
        const selections = this.aggregates.map((a, k) => {
          if (a.filter === null) return null;
          const mask = a.filter.evaluate(batch);
          const sel = mask.typeId === arrow.Type.Null ? new Int32Array(0) : selectionFromMask(mask);
          if (sel.length === rows) return null;
          args[k] = args[k]!.map((d) => takeData(d, sel));
          return sel;
        });
        const groupIds = ids.subarray(0, rows);
        for (const set of sets) {
          let numGroups = 1;
          if (set.table === null) groupIds.fill(0);
          else {
            const setKeys = set.keys.map((i) => keys[i]!);
            set.table.findOrInsert(setKeys, hashColumns(setKeys, rows, hashes.subarray(0, rows)), groupIds);
            numGroups = set.table.numGroups;
          }
          set.accumulators.forEach((acc, k) => {
            const sel = selections[k];
            let rowGroups = groupIds;
            if (sel) {
              rowGroups = new Int32Array(sel.length);
              for (let i = 0; i < sel.length; i++) rowGroups[i] = groupIds[sel[i]!]!;
            }
            acc.update(args[k]!, rowGroups, numGroups);
          });
        }
        memory.resize(sets.reduce((s, set) => s + (set.table?.memoryBytes() ?? 0) + set.accumulators.reduce((t, acc) => t + acc.memoryBytes(), 0), 0));
      }
      for (const set of sets) yield* this.output(set, ctx.config.batchSize);
    } finally {
      memory.free();
    }
  }

  /** One set's groups: its key columns (NULL for the keys it lacks), aggregates and grouping id. */
  private *output(set: SetState, batchSize: number): Generator<arrow.RecordBatch> {
    const numGroups = set.table === null ? 1 : set.table.numGroups;
    if (numGroups === 0) return;
    const setKeys = set.table === null ? [] : set.table.keyColumns();
    const keyColumns = this.groups.map((g, i) => {
      const at = set.keys.indexOf(i);
      return at >= 0 ? setKeys[at]! : nullColumn(toArrowType(g.expr.type), numGroups);
    });
    const gid = new BigInt64Array(numGroups).fill(set.groupingId);
    const columns = [
      ...keyColumns,
      ...set.accumulators.map((acc) => acc.evaluate(numGroups)),
      arrow.makeData({ type: new arrow.Int64(), length: numGroups, nullCount: 0, data: gid }),
    ];
    for (let at = 0; at < numGroups; at += batchSize) {
      const len = Math.min(batchSize, numGroups - at);
      yield makeBatch(this.arrowSchema, at === 0 && len === numGroups ? columns : columns.map((c) => c.slice(at, len)), len);
    }
  }
}
