/**
 * Filter conjuncts of the form `column op constant` over an integer-valued column (Int8–Int64,
 * Date32, Timestamp, Time, Decimal128 unscaled) evaluated straight into a selection of row indices: the
 * comparisons on one column merge into one inclusive range (`<>` into excluded values), checked
 * only at the rows still selected — no Boolean mask, no gather. NULLs never pass. Values are read
 * as exact float64s while below 2^52 in magnitude, as BigInt beyond.
 */
import type * as arrow from 'apache-arrow';
import { typesEqual, type DataType } from '@quiver/common';
import type { PhysicalExpr } from '../physical-expr.js';
import { BinaryExpr } from '../expressions/binary.js';
import { ColumnExpr } from '../expressions/column.js';
import { LiteralExpr } from '../expressions/literal.js';
import { decimalAsBigInt } from '../kernels/wide-int.js';
import type { RowSelect } from './compare-select.js';

const SMALL_HI = 0x100000;

/** One column's comparisons with constants: `lo <= x <= hi` and `x` not one of `excluded`. */
export class RangeSelect implements RowSelect {
  private lo: bigint | null = null;
  private hi: bigint | null = null;
  private readonly excluded: bigint[] = [];
  /** Whether a comparison with NULL makes every row fail. */
  private none = false;

  private constructor(
    readonly column: number,
    private readonly type: DataType,
  ) {}

  /**
   * The `column op constant` conjuncts among `conjuncts` grouped by column (in first-seen order),
   * and the indices of the other conjuncts.
   */
  static split(conjuncts: readonly PhysicalExpr[]): { ranges: RangeSelect[]; others: number[] } {
    const byColumn = new Map<number, RangeSelect>();
    const others: number[] = [];
    conjuncts.forEach((c, k) => {
      const cmp = columnVersusConstant(c);
      if (cmp === null) {
        others.push(k);
        return;
      }
      let range = byColumn.get(cmp.column.index);
      if (range === undefined) byColumn.set(cmp.column.index, (range = new RangeSelect(cmp.column.index, cmp.column.type)));
      range.add(cmp.op, cmp.value);
    });
    return { ranges: [...byColumn.values()], others };
  }

  private add(op: string, value: bigint | null): void {
    if (value === null) {
      this.none = true;
      return;
    }
    const atLeast = (v: bigint) => (this.lo = this.lo === null || v > this.lo ? v : this.lo);
    const atMost = (v: bigint) => (this.hi = this.hi === null || v < this.hi ? v : this.hi);
    switch (op) {
      case '=': atLeast(value); atMost(value); return;
      case '<>': this.excluded.push(value); return;
      case '<': atMost(value - 1n); return;
      case '<=': atMost(value); return;
      case '>': atLeast(value + 1n); return;
      case '>=': atLeast(value); return;
    }
  }

  /** The rows of `sel` (every row of `batch` when null) whose value is in the range, ascending. */
  keep(batch: arrow.RecordBatch, sel: Int32Array | null): Int32Array {
    const n = sel === null ? batch.numRows : sel.length;
    if (this.none || (this.lo !== null && this.hi !== null && this.lo > this.hi)) return new Int32Array(0);
    const data = batch.data.children[this.column]!;
    const out = new Int32Array(n);
    const k = this.type.kind === 'Decimal128' || this.type.kind === 'Int64' || this.type.kind === 'Timestamp' || this.type.kind === 'Time' ? this.keepWide(data, sel, n, out) : this.keepNumbers(data, sel, n, out);
    return out.subarray(0, k);
  }

  /**
   * The bounds and excluded values as numbers, for values below 2^52 in magnitude: exact below
   * 2^53, and beyond it rounding never moves them across such a value.
   */
  private numbers(): { lo: number; hi: number; excluded: number[] } {
    return { lo: this.lo === null ? -Infinity : Number(this.lo), hi: this.hi === null ? Infinity : Number(this.hi), excluded: this.excluded.map(Number) };
  }

  private keepNumbers(data: arrow.Data, sel: Int32Array | null, n: number, out: Int32Array): number {
    const values = data.values as Int8Array | Int16Array | Int32Array;
    const { lo, hi, excluded } = this.numbers();
    const bm = validityOf(data);
    const off = data.offset;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const r = sel === null ? i : sel[i]!;
      const v = values[r]!;
      if (v < lo || v > hi) continue;
      if (bm !== null && !(bm[(off + r) >> 3]! & (1 << ((off + r) & 7)))) continue;
      if (excluded.length > 0 && excluded.includes(v)) continue;
      out[k++] = r;
    }
    return k;
  }

  private keepWide(data: arrow.Data, sel: Int32Array | null, n: number, out: Int32Array): number {
    const v = data.values as BigInt64Array | Uint32Array;
    const words = new Int32Array(v.buffer, v.byteOffset, v.byteLength >> 2);
    const decimal = this.type.kind === 'Decimal128';
    const width = decimal ? 4 : 2;
    const { lo, hi, excluded } = this.numbers();
    const bm = validityOf(data);
    const off = data.offset;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const r = sel === null ? i : sel[i]!;
      if (bm !== null && !(bm[(off + r) >> 3]! & (1 << ((off + r) & 7)))) continue;
      const j = width * r;
      const w1 = words[j + 1]!;
      const sign = w1 >> 31;
      if (w1 < SMALL_HI && w1 >= -SMALL_HI && (!decimal || (words[j + 2] === sign && words[j + 3] === sign))) {
        const x = w1 * 4294967296 + (words[j]! >>> 0);
        if (x >= lo && x <= hi && (excluded.length === 0 || !excluded.includes(x))) out[k++] = r;
        continue;
      }
      const x = decimal ? decimalAsBigInt(v as Uint32Array, r) : (v as BigInt64Array)[r]!;
      if ((this.lo === null || x >= this.lo) && (this.hi === null || x <= this.hi) && !this.excluded.includes(x)) out[k++] = r;
    }
    return k;
  }
}

function validityOf(data: arrow.Data): Uint8Array | null {
  return data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
}

const INTEGRAL = new Set(['Int8', 'Int16', 'Int32', 'Int64', 'Date32', 'Timestamp', 'Time', 'Decimal128']);
const FLIPPED: Record<string, string> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** `column op constant` (or `constant op column`, flipped) over an integer-valued column of the constant's type. */
function columnVersusConstant(e: PhysicalExpr): { column: ColumnExpr; op: string; value: bigint | null } | null {
  if (!(e instanceof BinaryExpr) || !(e.op in FLIPPED)) return null;
  let column = e.left;
  let constant = e.right;
  let op: string = e.op;
  if (column instanceof LiteralExpr) {
    [column, constant] = [constant, column];
    op = FLIPPED[op]!;
  }
  if (!(column instanceof ColumnExpr) || !(constant instanceof LiteralExpr)) return null;
  if (!INTEGRAL.has(column.type.kind) || !typesEqual(column.type, constant.type)) return null;
  const raw = constant.value.value;
  if (raw === null) return { column, op, value: null };
  if (typeof raw === 'bigint') return { column, op, value: raw };
  if (typeof raw === 'number' && Number.isInteger(raw)) return { column, op, value: BigInt(raw) };
  return null;
}
