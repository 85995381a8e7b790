/**
 * WindowExec: window functions over the whole input. Buffers every batch, then for each distinct
 * PARTITION BY + ORDER BY sorts a row permutation once (`windowLayout`), works out the frames, and
 * evaluates each window call column-at-a-time in that order (`window/`). Output: the input rows in
 * the first window's order (partitions together, ordered within), then one column per call.
 */
import * as arrow from 'apache-arrow';
import type { DataType, Schema } from '@quiver/common';
import { frameToString, isBuiltinWindow, type WindowFrame, type WindowFunction } from '@quiver/planner';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase } from './exec-base.js';
import { evaluateSortKeys, describeSortKeys, type PhysicalSortKey } from './sort-key.js';
import { columnsReadBy } from '../expressions/referenced-columns.js';
import { columnsOf, makeBatch } from '../selection/record-batch.js';
import { takeData } from '../selection/take.js';
import { unreadColumn } from '../selection/make-column.js';
import { positionsOf, windowLayout, type WindowLayout } from '../window/layout.js';
import { frameRanges, type RangeKey } from '../window/frames.js';
import { rankingFunction } from '../window/ranking.js';
import { valueFunction } from '../window/value-functions.js';
import { aggregateWindow } from '../window/aggregates.js';
import { isValidAt } from '../window/columns.js';

export interface WindowCall {
  readonly func: WindowFunction;
  readonly args: readonly PhysicalExpr[];
  readonly partitionBy: readonly PhysicalExpr[];
  readonly orderBy: readonly PhysicalSortKey[];
  readonly frame: WindowFrame;
  /** For a RANGE frame with offsets: the ORDER BY key as DOUBLE; else null. */
  readonly rangeKey: PhysicalExpr | null;
  readonly distinct: boolean;
  readonly filter: PhysicalExpr | null;
  readonly returnType: DataType;
  readonly name: string;
}

const RANKING = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile']);

export class WindowExec extends ExecBase {
  readonly name = 'WindowAggExec';

  constructor(
    readonly input: ExecutionPlan,
    readonly calls: readonly WindowCall[],
    schema: Schema,
  ) {
    super(schema, [input]);
  }

  describe(): string {
    return `WindowAggExec: ${this.calls.map((c) => `${describeCall(c)} AS ${c.name}`).join(', ')}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const width = this.input.schema.length;
    const needed = this.needed;
    const inputNeeded = needed === null ? null : [...needed].filter((i) => i < width);
    const exprs = this.calls.flatMap((c) => [...c.args, ...c.partitionBy, ...c.orderBy.map((k) => k.expr), ...(c.filter ? [c.filter] : []), ...(c.rangeKey ? [c.rangeKey] : [])]);
    this.requireOf(this.input, inputNeeded === null ? null : columnsReadBy(exprs, inputNeeded));
    const memory = this.reserve(ctx);
    try {
      const all = await this.bufferInput(this.input, ctx, memory, this.input.schema.toArrow());
      const n = all.numRows;
      if (n === 0) return;
      const layouts = new Map<string, WindowLayout>();
      const results: { layout: WindowLayout; data: arrow.Data }[] = [];
      for (const call of this.calls) {
        const key = sortKeyText(call);
        let layout = layouts.get(key);
        if (layout === undefined) {
          layout = windowLayout(call.partitionBy.map((p) => p.evaluate(all)), evaluateSortKeys(call.orderBy, all), n);
          layouts.set(key, layout);
          memory.add(layout.length * 20);
        }
        const data = evaluateCall(call, layout, all);
        memory.add(dataBytes(data));
        results.push({ layout, data });
      }
      const first = results[0]!.layout;
      const inputColumns = columnsOf(all).map((c, i) => (needed === null || needed.has(i) ? takeData(c, first.perm) : unreadColumn(c.type, n)));
      const windowColumns = results.map(({ layout, data }, j) => {
        if (needed !== null && !needed.has(width + j)) return unreadColumn(data.type, n);
        if (layout === first) return data;
        const pos = positionsOf(layout);
        const at = new Int32Array(n);
        for (let m = 0; m < n; m++) at[m] = pos[first.perm[m]!]!;
        return takeData(data, at);
      });
      const columns = [...inputColumns, ...windowColumns];
      const size = ctx.config.batchSize;
      for (let at = 0; at < n; at += size) {
        const len = Math.min(size, n - at);
        yield makeBatch(this.arrowSchema, len === n ? columns : columns.map((c) => c.slice(at, len)), len);
      }
    } finally {
      memory.free();
    }
  }
}

function sortKeyText(call: WindowCall): string {
  return `${call.partitionBy.join(', ')} | ${describeSortKeys(call.orderBy)}`;
}

function describeCall(c: WindowCall): string {
  const spec: string[] = [];
  if (c.partitionBy.length > 0) spec.push(`PARTITION BY ${c.partitionBy.join(', ')}`);
  if (c.orderBy.length > 0) spec.push(`ORDER BY ${describeSortKeys(c.orderBy)}`);
  spec.push(frameToString(c.frame));
  const filter = c.filter ? ` FILTER (WHERE ${c.filter})` : '';
  const args = c.args.length === 0 && !isBuiltinWindow(c.func) ? '*' : c.args.join(', ');
  return `${c.func.name}(${c.distinct ? 'DISTINCT ' : ''}${args})${filter} OVER (${spec.join(' ')})`;
}

/** One call's values, in `layout`'s sorted order. */
function evaluateCall(call: WindowCall, layout: WindowLayout, batch: arrow.RecordBatch): arrow.Data {
  const args = call.args.map((a) => a.evaluate(batch));
  const { func } = call;
  if (isBuiltinWindow(func)) {
    if (RANKING.has(func.name)) return rankingFunction(func.name, layout, args);
    const frames = func.name === 'lag' || func.name === 'lead' ? null : frameRanges(layout, call.frame, rangeKeyOf(call, layout, batch));
    return valueFunction(func.name, layout, frames, args);
  }
  const frames = frameRanges(layout, call.frame, rangeKeyOf(call, layout, batch));
  const filter = call.filter === null ? null : call.filter.evaluate(batch);
  return aggregateWindow({ func, argTypes: call.args.map((a) => a.type), returnType: call.returnType, distinct: call.distinct }, layout, frames, args, filter);
}

/** The RANGE key per position (negated for DESC so it ascends), when the frame has offsets. */
function rangeKeyOf(call: WindowCall, layout: WindowLayout, batch: arrow.RecordBatch): RangeKey | null {
  if (call.rangeKey === null) return null;
  const data = call.rangeKey.evaluate(batch);
  const raw = data.values as Float64Array;
  const sign = call.orderBy[0]!.asc ? 1 : -1;
  const n = layout.length;
  const values = new Float64Array(n);
  const isNull = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const row = layout.perm[k]!;
    if (isValidAt(data, row)) values[k] = sign * raw[row]!;
    else isNull[k] = 1;
  }
  return { values, isNull };
}

/** Bytes held by a result column's buffers. */
function dataBytes(data: arrow.Data): number {
  return (data.values?.byteLength ?? 0) + (data.nullBitmap?.byteLength ?? 0) + (data.valueOffsets?.byteLength ?? 0);
}
