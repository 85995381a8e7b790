/**
 * FilterExec: keeps the rows for which the predicate is TRUE (FALSE and NULL drop the row). A
 * predicate that is a conjunction is evaluated one conjunct at a time, simple comparisons first
 * (straight into the selection, see `RangeSelect` and `compareSelect`), then the others: once the rows still passing
 * are few enough, later conjuncts see only those rows (with only the columns they read gathered),
 * gathered again only when a later conjunct halves them.
 * Output batches gather only the columns the consumer reads; a consumer that can skip rows itself
 * (`executeSelected`) gets the input batches with the passing rows instead, and no gather at all.
 */
import * as arrow from 'apache-arrow';
import { QuiverError, typeToString } from '@quiver/common';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase } from './exec-base.js';
import { selectionFromMask } from '../selection/filter.js';
import { gatherRows, type SelectedBatch } from '../selection/selected-batch.js';
import { RangeSelect } from '../selection/range-select.js';
import { compareSelect, type RowSelect } from '../selection/compare-select.js';
import { BinaryExpr } from '../expressions/binary.js';
import { columnsReadBy } from '../expressions/referenced-columns.js';

/** Later conjuncts run on the passing rows alone once fewer than this share of the batch passes. */
const NARROW_BELOW = 0.3;
/** Once narrowed, the rows are gathered again when at most this share of the narrowed rows still passes. */
const RENARROW_AT = 0.5;

export class FilterExec extends ExecBase {
  readonly name = 'FilterExec';
  /**
   * The predicate's top-level AND operands evaluated straight into the selection, applied first:
   * comparisons of a column with a constant as one range per column, then the other direct comparisons.
   */
  private readonly direct: readonly RowSelect[];
  /** The predicate's other top-level AND operands, in order. */
  private readonly conjuncts: readonly PhysicalExpr[];
  /** For each k, the columns conjuncts k.. read (null: unknown, gather all). */
  private readonly laterColumns: readonly (ReadonlySet<number> | null)[];

  constructor(
    readonly input: ExecutionPlan,
    readonly predicate: PhysicalExpr,
  ) {
    super(input.schema, [input]);
    if (predicate.type.kind !== 'Boolean' && predicate.type.kind !== 'Null') {
      throw new QuiverError('INTERNAL', `filter predicate ${predicate} has type ${typeToString(predicate.type)}, not BOOLEAN`);
    }
    const all = conjunctsOf(predicate);
    const { ranges, others } = RangeSelect.split(all);
    const compared = others.map((k) => compareSelect(all[k]!));
    this.direct = [...ranges, ...compared.filter((c) => c !== null)];
    this.conjuncts = others.filter((_, i) => compared[i] === null).map((k) => all[k]!);
    this.laterColumns = this.conjuncts.map((_, k) => columnsReadBy(this.conjuncts.slice(k)));
  }

  describe(): string {
    return `FilterExec: ${this.predicate}`;
  }

  override executeSelected(ctx: TaskContext): AsyncGenerator<SelectedBatch> {
    return this.timed(this.selected(ctx), (s) => s.rows?.length ?? s.batch.numRows);
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    for await (const { batch, rows } of this.selected(ctx)) yield rows === null ? batch : gatherRows(batch, rows, this.needed);
  }

  /** Each input batch with its passing rows (batches with none left out). */
  private async *selected(ctx: TaskContext): AsyncGenerator<SelectedBatch> {
    const needed = this.needed;
    this.requireOf(this.input, needed === null ? null : columnsReadBy([this.predicate], needed));
    for await (const batch of this.pull(this.input, ctx)) {
      const rows = this.passingRows(batch);
      if (rows !== null && rows.length === 0) continue;
      yield { batch, rows };
    }
  }

  /** The rows of `batch` for which every conjunct is TRUE, or null when that is all of them. */
  private passingRows(batch: arrow.RecordBatch): Int32Array | null {
    const n = batch.numRows;
    let sel: Int32Array | null = null;
    // Direct comparisons cannot fail, so they go first, each at the rows still passing.
    for (const select of this.direct) {
      sel = select.keep(batch, sel);
      if (sel.length === 0) return sel;
    }
    /** The rows `narrowedRows` of `batch` (with the columns later conjuncts read), once narrowed. */
    let narrowed: arrow.RecordBatch | null = null;
    let narrowedRows: Int32Array = new Int32Array(0);
    /** The rows of `narrowed` still passing. */
    let local: Int32Array = new Int32Array(0);
    const last = this.conjuncts.length - 1;
    if (sel !== null && last >= 0 && sel.length < NARROW_BELOW * n) {
      narrowedRows = sel;
      narrowed = this.gather(batch, sel, 0);
      local = identity(sel.length);
    }
    for (let k = 0; k <= last; k++) {
      const mask = this.conjuncts[k]!.evaluate(narrowed ?? batch);
      if (mask.typeId === arrow.Type.Null) return new Int32Array(0);
      if (narrowed !== null) {
        local = keepWhere(local, mask);
        if (local.length === 0) return local;
        // Gathering again only pays once the narrowed batch's passing rows are down to half or less.
        if (k < last && local.length <= RENARROW_AT * narrowed.numRows) {
          narrowedRows = rowsOf(narrowedRows, local);
          narrowed = this.gather(batch, narrowedRows, k + 1);
          local = identity(narrowedRows.length);
        }
        continue;
      }
      sel = sel === null ? selectionFromMask(mask) : keepWhere(sel, mask);
      if (sel.length === 0) return sel;
      if (k < last && sel.length < NARROW_BELOW * n) {
        narrowedRows = sel;
        narrowed = this.gather(batch, sel, k + 1);
        local = identity(sel.length);
      }
    }
    if (narrowed !== null) return local.length === narrowedRows.length ? narrowedRows : rowsOf(narrowedRows, local);
    return sel === null || sel.length === n ? null : sel;
  }

  /** The rows `rows` of `batch`, with only the columns conjuncts `from`.. read. */
  private gather(batch: arrow.RecordBatch, rows: Int32Array, from: number): arrow.RecordBatch {
    return gatherRows(batch, rows, this.laterColumns[from]!);
  }
}

/** The operands of nested top-level ANDs, left to right. */
function conjunctsOf(e: PhysicalExpr): PhysicalExpr[] {
  return e instanceof BinaryExpr && e.op === 'AND' ? [...conjunctsOf(e.left), ...conjunctsOf(e.right)] : [e];
}

/** `rows[local[i]]` for each i. */
function rowsOf(rows: Int32Array, local: Int32Array): Int32Array {
  const out = new Int32Array(local.length);
  for (let i = 0; i < local.length; i++) out[i] = rows[local[i]!]!;
  return out;
}

/** 0, 1, .., n - 1. */
function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** The rows of `sel` for which `mask` (one value per batch row) is TRUE. */
function keepWhere(sel: Int32Array, mask: arrow.Data): Int32Array {
  const bits = mask.values as Uint8Array;
  const off = mask.offset;
  const valid = mask.nullCount > 0 && mask.nullBitmap && mask.nullBitmap.length > 0 ? mask.nullBitmap : null;
  const out = new Int32Array(sel.length);
  let k = 0;
  for (let i = 0; i < sel.length; i++) {
    const r = sel[i]!;
    const b = off + r;
    const bit = 1 << (b & 7);
    if (bits[b >> 3]! & bit && (valid === null || valid[b >> 3]! & bit)) out[k++] = r;
  }
  return out.subarray(0, k);
}
