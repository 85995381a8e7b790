/**
 * HashAggregateExec: GROUP BY in one stage. Each batch's group keys are hashed and looked up in a
 * `GroupHashTable` (dense group ids), then every aggregate's `GroupsAccumulator` is updated with the
 * group id of each row (only the rows passing its FILTER clause). Without group keys there is exactly
 * one group, so even an empty input yields one row (COUNT = 0, SUM = NULL). Also serves SELECT
 * DISTINCT (group keys and no aggregates). Subexpressions the aggregate arguments share are computed
 * once per batch; the input is asked only for the columns the keys, arguments and filters read.
 * In two-phase aggregation (`AggregateMode`) it is the partial or the final half.
 * A filter's output mostly passing is aggregated in the filter's input batches, its other rows in no group.
 */
import * as arrow from 'apache-arrow';
import { Field, Schema, toArrowType, type DataType } from '@quiver/common';
import type { AggregateFunction, AggregateOrdering, GroupsAccumulator } from '@quiver/planner';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase } from './exec-base.js';
import { GroupHashTable } from '../hash/group-table.js';
import { hashColumns } from '../hash/hash-columns.js';
import { selectionFromMask } from '../selection/filter.js';
import { takeData } from '../selection/take.js';
import { makeBatch } from '../selection/record-batch.js';
import { gatherRows, unselectedFlags } from '../selection/selected-batch.js';
import { shareCommonSubexpressions } from '../expressions/shared-subexpressions.js';
import { scaledTreeValues } from '../expressions/decimal-tree.js';
import { columnsReadBy } from '../expressions/referenced-columns.js';

/** A filtered input batch is aggregated whole (rather than gathered) when at least this share of its rows passes. */
const AGGREGATE_WHOLE_AT = 0.5;

export interface AggregateCall {
  readonly func: AggregateFunction;
  /** Argument expressions, already of the coerced argument types, then the ORDER BY keys (if any). */
  readonly args: readonly PhysicalExpr[];
  /** One entry per ORDER BY key inside the call (order-sensitive aggregates only). */
  readonly ordering?: readonly AggregateOrdering[];
  readonly distinct: boolean;
  /** FILTER (WHERE …): only rows where it is TRUE are aggregated. */
  readonly filter: PhysicalExpr | null;
  readonly returnType: DataType;
  /** Output column name. */
  readonly name: string;
  /** In `final` mode, where `args` read the partial states: the function's own argument types. */
  readonly argTypes?: readonly DataType[];
}

/**
 * Two-phase aggregation (as DataFusion's): `partial` aggregates its input into one row per group
 * holding each aggregate's state columns (`GroupsAccumulator.state`); `final` groups such rows
 * again and folds the states (`merge`) before evaluating. `single` does it all in one operator.
 */
export type AggregateMode = 'single' | 'partial' | 'final';

export interface GroupExpr {
  readonly expr: PhysicalExpr;
  readonly name: string;
}

export class HashAggregateExec extends ExecBase {
  readonly name = 'HashAggregateExec';

  constructor(
    readonly input: ExecutionPlan,
    readonly groups: readonly GroupExpr[],
    readonly aggregates: readonly AggregateCall[],
    readonly mode: AggregateMode = 'single',
  ) {
    super(
      new Schema([
        ...groups.map((g) => new Field(g.name, g.expr.type)),
        ...aggregates.flatMap((a) =>
          mode === 'partial'
            ? a.func.stateTypes!(a.args.map((e) => e.type), a.returnType).map((t, k) => new Field(`${a.name}[state${k}]`, t))
            : [new Field(a.name, a.returnType)],
        ),
      ]),
      [input],
    );
    const shared = shareCommonSubexpressions(aggregates.flatMap((a) => a.args));
    let at = 0;
    this.argEvaluators = aggregates.map((a) => shared.slice(at, (at += a.args.length)));
  }

  /** Each aggregate's arguments, with subexpressions repeated among them computed once per batch. */
  private readonly argEvaluators: readonly (readonly PhysicalExpr[])[];

  describe(): string {
    const groups = this.groups.map((g) => `${g.expr} AS ${g.name}`).join(', ');
    const aggs = this.aggregates
      .map((a) => `${a.func.name}(${a.distinct ? 'DISTINCT ' : ''}${a.args.length ? a.args.join(', ') : '*'})${a.filter ? ` FILTER (WHERE ${a.filter})` : ''} AS ${a.name}`)
      .join(', ');
    return `HashAggregateExec: ${this.mode === 'single' ? '' : `mode=${this.mode}, `}groups=[${groups}], aggregates=[${aggs}]`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const memory = this.reserve(ctx);
    const read = columnsReadBy([...this.groups.map((g) => g.expr), ...this.aggregates.flatMap((a) => (a.filter === null ? a.args : [...a.args, a.filter]))]);
    this.requireOf(this.input, read);
    try {
      const grouped = this.groups.length > 0;
      const table = new GroupHashTable(this.groups.map((g) => toArrowType(g.expr.type)));
      const accumulators: GroupsAccumulator[] = this.aggregates.map((a) =>
        a.func.createAccumulator(a.argTypes ?? a.args.map((e) => e.type), a.returnType, a.distinct, a.ordering ?? []),
      );
      // A filtered input batch is aggregated whole with the filtered-out rows in no group (-1), when
      // every accumulator leaves such rows out and no aggregate has a FILTER clause of its own.
      // SUM/AVG over a fused DECIMAL expression take its exact scaled values, no Decimal128 words.
      const takesScaled = this.aggregates.map(
        (a, k) => this.mode !== 'final' && a.filter === null && !a.distinct && a.args.length === 1 && a.args[0]!.type.kind === 'Decimal128' && typeof (accumulators[k] as Partial<ScaledAccumulator>).updateScaled === 'function',
      );
      const skipsRows = accumulators.every((acc) => (acc as { skipsUnassignedRows?: boolean }).skipsUnassignedRows === true) && this.aggregates.every((a) => a.filter === null);
      let ids = new Int32Array(0);
      let hashes = new Uint32Array(0);
      let flags: Uint8Array | null = null;
      for await (const selected of this.pullSelected(this.input, ctx)) {
        let batch = selected.batch;
        let inputs: Inputs | null = null;
        let skip: Uint8Array | null = null;
        if (selected.rows !== null) {
          if (skipsRows && selected.rows.length >= AGGREGATE_WHOLE_AT * batch.numRows) {
            // Evaluated before any state changes: a failure on a filtered-out row falls back to the gathered rows.
            try {
              inputs = this.evaluateInputs(batch, takesScaled);
              skip = flags = unselectedFlags(selected.rows, batch.numRows, flags);
            } catch {
              inputs = null;
            }
          }
          if (inputs === null) batch = gatherRows(batch, selected.rows, read);
        }
        const n = batch.numRows;
        if (n === 0) continue;
        if (ids.length < n) {
          ids = new Int32Array(n);
          hashes = new Uint32Array(n);
        }
        const groupIds = ids.subarray(0, n);
        inputs ??= this.evaluateInputs(batch, takesScaled);
        let numGroups = 1;
        if (grouped) {
          const keys = inputs.keys;
          table.findOrInsert(keys, () => hashColumns(keys, n, hashes.subarray(0, n)), groupIds, skip);
          numGroups = table.numGroups;
        } else if (skip !== null) {
          for (let i = 0; i < n; i++) groupIds[i] = -skip[i]!;
        } else groupIds.fill(0);
        for (let a = 0; a < accumulators.length; a++) {
          const call = this.aggregates[a]!;
          let args = inputs.args[a]!;
          let rowGroups = groupIds;
          if (call.filter !== null) {
            const mask = call.filter.evaluate(batch);
            const sel = mask.typeId === arrow.Type.Null ? new Int32Array(0) : selectionFromMask(mask);
            if (sel.length !== n) {
              args = args.map((d) => takeData(d, sel));
              rowGroups = new Int32Array(sel.length);
              for (let i = 0; i < sel.length; i++) rowGroups[i] = groupIds[sel[i]!]!;
            }
          }
          const scaled = inputs.scaled[a]!;
          if (scaled !== null) (accumulators[a] as unknown as ScaledAccumulator).updateScaled(scaled, rowGroups, numGroups);
          else if (this.mode === 'final') accumulators[a]!.merge!(args, rowGroups, numGroups);
          else accumulators[a]!.update(args, rowGroups, numGroups);
        }
        memory.resize(table.memoryBytes() + accumulators.reduce((s, acc) => s + acc.memoryBytes(), 0));
      }
      const numGroups = grouped ? table.numGroups : 1;
      if (numGroups === 0) return;
      const columns = [...(grouped ? table.keyColumns() : []), ...(this.mode === 'partial' ? accumulators.flatMap((acc) => acc.state!(numGroups)) : accumulators.map((acc) => acc.evaluate(numGroups)))];
      const size = ctx.config.batchSize;
      for (let at = 0; at < numGroups; at += size) {
        const len = Math.min(size, numGroups - at);
        yield makeBatch(this.arrowSchema, at === 0 && len === numGroups ? columns : columns.map((c) => c.slice(at, len)), len);
      }
    } finally {
      memory.free();
    }
  }

  /** The group keys and every aggregate's arguments over `batch` (as scaled values where `takesScaled` and available). */
  private evaluateInputs(batch: arrow.RecordBatch, takesScaled: readonly boolean[]): Inputs {
    const scaled = this.argEvaluators.map((args, a) => (takesScaled[a] ? scaledTreeValues(args[0]!, batch) : null));
    return {
      keys: this.groups.map((g) => g.expr.evaluate(batch)),
      args: this.argEvaluators.map((args, a) => (scaled[a] !== null ? [] : args.map((e) => e.evaluate(batch)))),
      scaled,
    };
  }
}

interface Inputs {
  readonly keys: arrow.Data[];
  readonly args: arrow.Data[][];
  /** Per aggregate: its DECIMAL argument's exact scaled values, when taken that way (then `args` is empty). */
  readonly scaled: (Float64Array | null)[];
}

/** An accumulator that also takes a DECIMAL argument as exact scaled values (`SumAccumulator.updateScaled`). */
interface ScaledAccumulator {
  updateScaled(values: Float64Array, groupIds: Int32Array, numGroups: number): void;
}
