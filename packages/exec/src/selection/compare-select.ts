/**
 * Filter conjuncts comparing two number-valued columns of one type (Int8–Int32, Date32: TPC-H's
 * `l_commitdate < l_receiptdate`), or a string column with a string constant for (in)equality,
 * evaluated straight into a selection of row indices at the rows still selected, like
 * `RangeSelect`: no Boolean mask, no gather. NULLs never pass.
 */
import type * as arrow from 'apache-arrow';
import { typesEqual } from '@quiver/common';
import type { PhysicalExpr } from '../physical-expr.js';
import { BinaryExpr } from '../expressions/binary.js';
import { ColumnExpr } from '../expressions/column.js';
import { LiteralExpr } from '../expressions/literal.js';

export interface RowSelect {
  /** The rows of `sel` (every row of `batch` when null) that pass, ascending. */
  keep(batch: arrow.RecordBatch, sel: Int32Array | null): Int32Array;
}

const NUMBER_VALUED = new Set(['Int8', 'Int16', 'Int32', 'Date32']);
const encoder = new TextEncoder();

/** The direct form of conjunct `e`, or null when it is not one of the comparisons handled here. */
export function compareSelect(e: PhysicalExpr): RowSelect | null {
  if (!(e instanceof BinaryExpr)) return null;
  const { op, left, right } = e;
  if (op !== '=' && op !== '<>' && op !== '<' && op !== '<=' && op !== '>' && op !== '>=') return null;
  if (left instanceof ColumnExpr && right instanceof ColumnExpr && NUMBER_VALUED.has(left.type.kind) && typesEqual(left.type, right.type)) {
    return new ColumnPairSelect(left.index, right.index, op !== '>' && op !== '>=' && op !== '=', op === '=' || op === '<=' || op === '>=', op !== '<' && op !== '<=' && op !== '=');
  }
  if (op !== '=' && op !== '<>') return null;
  const [column, constant] = left instanceof LiteralExpr ? [right, left] : [left, right];
  if (!(column instanceof ColumnExpr) || !(constant instanceof LiteralExpr) || column.type.kind !== 'Utf8' || constant.type.kind !== 'Utf8') return null;
  const value = constant.value.value;
  return value === null ? NONE : new StringEqualsSelect(column.index, encoder.encode(value as string), op === '<>');
}

const NONE: RowSelect = { keep: () => new Int32Array(0) };

function validityOf(data: arrow.Data): Uint8Array | null {
  return data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
}

/** `a op b` over two columns, as which orderings pass: a < b, a = b, a > b. */
class ColumnPairSelect implements RowSelect {
  constructor(
    private readonly a: number,
    private readonly b: number,
    private readonly less: boolean,
    private readonly equal: boolean,
    private readonly greater: boolean,
  ) {}

  keep(batch: arrow.RecordBatch, sel: Int32Array | null): Int32Array {
    const da = batch.data.children[this.a]!;
    const db = batch.data.children[this.b]!;
    const a = da.values as Int8Array | Int16Array | Int32Array;
    const b = db.values as Int8Array | Int16Array | Int32Array;
    const va = validityOf(da);
    const vb = validityOf(db);
    const { less, equal, greater } = this;
    const n = sel === null ? batch.numRows : sel.length;
    const out = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const r = sel === null ? i : sel[i]!;
      const x = a[r]!;
      const y = b[r]!;
      if (x < y ? !less : x > y ? !greater : !equal) continue;
      if (va !== null && !(va[(da.offset + r) >> 3]! & (1 << ((da.offset + r) & 7)))) continue;
      if (vb !== null && !(vb[(db.offset + r) >> 3]! & (1 << ((db.offset + r) & 7)))) continue;
      out[k++] = r;
    }
    return out.subarray(0, k);
  }
}

/** `column = constant` (or `<>`) over UTF-8 bytes: lengths first, then bytes. */
class StringEqualsSelect implements RowSelect {
  constructor(
    private readonly column: number,
    private readonly bytes: Uint8Array,
    private readonly negate: boolean,
  ) {}

  keep(batch: arrow.RecordBatch, sel: Int32Array | null): Int32Array {
    const data = batch.data.children[this.column]!;
    const offsets = data.valueOffsets as Int32Array;
    const values = data.values as Uint8Array;
    const valid = validityOf(data);
    const want = this.bytes;
    const len = want.length;
    const negate = this.negate;
    const n = sel === null ? batch.numRows : sel.length;
    const out = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const r = sel === null ? i : sel[i]!;
      const start = offsets[r]!;
      let equal = offsets[r + 1]! - start === len;
      for (let j = 0; equal && j < len; j++) equal = values[start + j] === want[j];
      if (equal === negate) continue;
      if (valid !== null && !(valid[(data.offset + r) >> 3]! & (1 << ((data.offset + r) & 7)))) continue;
      out[k++] = r;
    }
    return out.subarray(0, k);
  }
}
