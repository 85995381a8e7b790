/**
 * Reading LIST arguments of array functions column-wise: the offsets, item column and validity of a
 * list argument, the items of the non-NULL rows gathered in row order (with each item's row), and
 * the coercion helpers the array functions share.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, type DataType } from '@quiver/common';
import { commonType, type ColumnarValue } from '@quiver/planner';
import { toArray } from '../kernels/scalar.js';
import { getBit, validityOf } from '../kernels/validity.js';
import { takeData } from '../selection/take.js';
import { noMatch } from './signature.js';

export type ListType = Extract<DataType, { kind: 'List' }>;

/** A list argument over `numRows` rows: row r's items are `items` rows [offsets[r], offsets[r+1]). */
export interface ListColumn {
  readonly offsets: Int32Array;
  readonly items: arrow.Data;
  /** Offset-0 validity, null when no row is NULL. */
  readonly validity: Uint8Array | null;
}

export function listColumn(v: ColumnarValue, numRows: number): ListColumn {
  const data = toArray(v, numRows);
  return { offsets: data.valueOffsets as Int32Array, items: data.children[0]!, validity: validityOf(data) };
}

export function isValidRow(validity: Uint8Array | null, r: number): boolean {
  return validity === null || getBit(validity, r);
}

/** The items of the non-NULL rows in row order, as one offset-0 column, with the row of each item. */
export interface CompactItems {
  readonly items: arrow.Data;
  readonly rowOf: Int32Array;
  /** `numRows + 1` offsets into `items` (a NULL row is empty). */
  readonly offsets: Int32Array;
}

export function compactItems(list: ListColumn, numRows: number): CompactItems {
  const { offsets, validity } = list;
  const out = new Int32Array(numRows + 1);
  for (let r = 0; r < numRows; r++) out[r + 1] = out[r]! + (isValidRow(validity, r) ? offsets[r + 1]! - offsets[r]! : 0);
  const positions = new Int32Array(out[numRows]!);
  const rowOf = new Int32Array(out[numRows]!);
  for (let r = 0, k = 0; r < numRows; r++) {
    if (!isValidRow(validity, r)) continue;
    for (let s = offsets[r]!; s < offsets[r + 1]!; s++, k++) {
      positions[k] = s;
      rowOf[k] = r;
    }
  }
  return { items: takeData(list.items, positions), rowOf, offsets: out };
}

/** The list type of an argument: a list as is, NULL as a list of NULLs; null for other types. */
export function asListType(t: DataType): ListType | null {
  if (t.kind === 'List') return t;
  return t.kind === 'Null' ? (DataTypes.list(DataTypes.null) as ListType) : null;
}

/** The common type of several types, or a TYPE error naming the function. */
export function commonOrFail(name: string, types: readonly DataType[], argTypes: readonly DataType[]): DataType {
  let t: DataType = DataTypes.null;
  for (const x of types) {
    const c = commonType(t, x);
    if (c === null) noMatch(name, argTypes);
    t = c;
  }
  return t;
}
