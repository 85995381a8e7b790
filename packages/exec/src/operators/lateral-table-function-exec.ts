/**
 * LateralTableFunctionExec: a table function applied to every row of its input (`FROM t, LATERAL
 * f(t.x)`). Per input batch it evaluates the argument columns, calls the function once with them
 * (`LateralTableFunction.invoke`), and for every chunk the function returns gathers the input
 * columns at the chunk's row indices (one take per column) beside the function's columns. With
 * `outer` (LEFT JOIN LATERAL … ON true), input rows the function returned nothing for follow once
 * per batch with NULL function columns. A strict function is given only the rows whose arguments
 * are all non-NULL (taken into compact columns).
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, type Schema } from '@quiver/common';
import type { ColumnarValue, TableFunction, TableFunctionChunk } from '@quiver/planner';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { evaluateColumnar } from '../expressions/columnar.js';
import { columnsReadBy } from '../expressions/referenced-columns.js';
import { makeBatch, columnsOf } from '../selection/record-batch.js';
import { nullColumn, unreadColumn } from '../selection/make-column.js';
import { takeData } from '../selection/take.js';
import { ExecBase } from './exec-base.js';

export class LateralTableFunctionExec extends ExecBase {
  readonly name = 'LateralTableFunctionExec';

  constructor(
    readonly input: ExecutionPlan,
    readonly func: TableFunction,
    readonly args: readonly PhysicalExpr[],
    readonly outer: boolean,
    schema: Schema,
  ) {
    super(schema, [input]);
    if (!func.lateral) throw new QuiverError('INTERNAL', `table function ${func.name} has no batch form`);
  }

  describe(): string {
    return `LateralTableFunctionExec: ${this.func.name}(${this.args.join(', ')})${this.outer ? ' outer' : ''}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const nIn = this.input.schema.length;
    const needed = this.needed;
    const inputNeeds = needed === null ? null : [...needed].filter((i) => i < nIn);
    this.requireOf(this.input, inputNeeds === null ? null : columnsReadBy(this.args, inputNeeds));
    const lateral = this.func.lateral!;
    for await (const batch of this.pull(this.input, ctx)) {
      const n = batch.numRows;
      let args = this.args.map((a) => evaluateColumnar(a, batch));
      // A strict function sees only the rows whose arguments are all non-NULL; `rowsOf` maps back.
      const rowsOf = lateral.strict ? nonNullRows(args, n) : null;
      if (rowsOf !== null) args = args.map((a) => (a.kind === 'array' ? { kind: 'array', data: takeData(a.data, rowsOf) } : a));
      const covered = this.outer ? new Uint8Array(n) : null;
      let last = 0;
      for (const chunk of rowsOf === null || rowsOf.length > 0 ? lateral.invoke(args, rowsOf?.length ?? n) : []) {
        last = this.checkChunk(chunk, rowsOf?.length ?? n, last);
        const rows = rowsOf === null ? chunk.rowIndex : chunk.rowIndex.map((r) => rowsOf[r]!);
        if (covered !== null) for (const r of rows) covered[r] = 1;
        if (rows.length > 0) yield this.output(batch, rows, chunk.columns);
      }
      if (covered === null) continue;
      let unmatched = 0;
      for (let i = 0; i < n; i++) unmatched += 1 - covered[i]!;
      if (unmatched === 0) continue;
      const rows = new Int32Array(unmatched);
      for (let i = 0, k = 0; i < n; i++) if (covered[i] === 0) rows[k++] = i;
      const fields = this.arrowSchema.fields.slice(nIn);
      yield this.output(batch, rows, fields.map((f) => nullColumn(f.type, unmatched)));
    }
  }

  /** The input's columns at `rows` (only those read above), then the function's columns. */
  private output(batch: arrow.RecordBatch, rows: Int32Array, fnColumns: readonly arrow.Data[]): arrow.RecordBatch {
    const needed = this.needed;
    const fields = this.arrowSchema.fields;
    const inputColumns = columnsOf(batch).map((c, i) => (needed === null || needed.has(i) ? takeData(c, rows) : unreadColumn(fields[i]!.type, rows.length)));
    return makeBatch(this.arrowSchema, [...inputColumns, ...fnColumns], rows.length);
  }

  /** Checks a chunk's shape and row order; returns its last row index. */
  private checkChunk(chunk: TableFunctionChunk, numRows: number, previous: number): number {
    const idx = chunk.rowIndex;
    const width = this.schema.length - this.input.schema.length;
    const bad = (what: string) => new QuiverError('EXECUTION', `table function ${this.func.name} returned ${what}`);
    if (chunk.columns.length !== width) throw bad(`${chunk.columns.length} columns, expected ${width}`);
    if (chunk.columns.some((c) => c.length !== idx.length)) throw bad(`columns of a length other than its ${idx.length} row indices`);
    let prev = previous;
    for (let i = 0; i < idx.length; i++) {
      const r = idx[i]!;
      if (r < prev || r >= numRows) throw bad(`row index ${r} at output row ${i}: indices must be non-decreasing and below the ${numRows} input rows`);
      prev = r;
    }
    return prev;
  }
}

/** The rows where every argument is non-NULL, or null when that is all `n` rows. */
function nonNullRows(args: readonly ColumnarValue[], n: number): Int32Array | null {
  if (args.some((a) => a.kind === 'scalar' && a.value.value === null)) return new Int32Array(0);
  const columns = args.flatMap((a) => (a.kind === 'array' && a.data.nullCount > 0 ? [a.data] : []));
  if (columns.length === 0) return null;
  const rows = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    let valid = true;
    for (const c of columns) if (!isValidAt(c, i)) valid = false;
    if (valid) rows[k++] = i;
  }
  return rows.subarray(0, k);
}

function isValidAt(data: arrow.Data, i: number): boolean {
  const bitmap = data.nullBitmap!;
  const bit = data.offset + i;
  return ((bitmap[bit >> 3]! >> (bit & 7)) & 1) === 1;
}
