/**
 * `unnest`: one row per list item. As a table function (`FROM unnest([1, 2])`, `FROM t,
 * unnest(t.a)`), each argument gives a column; several lists zip to the longest, the shorter padded
 * with NULLs, and a row whose lists are all NULL or empty gives no rows. In the SELECT list
 * (`SELECT unnest(a), b FROM t`) the SQL planner moves the calls into this same function as a LATERAL
 * node (`unnestInSelect` marks them there; it cannot run as a scalar function).
 *
 * The rows are gathered column-wise from each list's offsets and item column: a single list column
 * becomes a zero-copy slice of its items when no NULL row holds items, otherwise one take by item
 * position (-1 for padding); no per-row JS array is built.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, Field, QuiverError, Schema, typeToString, type DataType, type ScalarValue } from '@quiver/common';
import type { ColumnarValue, LateralTableFunction, ScalarFunction, TableFunction, TableFunctionChunk } from '@quiver/planner';
import { toArray } from '../kernels/scalar.js';
import { isValidRow } from './list-args.js';
import { validityOf } from '../kernels/validity.js';
import { makeBatch } from '../selection/record-batch.js';
import { nullColumn } from '../selection/make-column.js';
import { takeData } from '../selection/take.js';
import { MemTable } from '../sources/mem-table.js';

/** Output rows per chunk. */
const CHUNK_ROWS = 8192;

/** The item type of an unnest argument (NULL unnests to nothing); a TYPE error for other types. */
function itemType(t: DataType, argTypes: readonly DataType[]): DataType {
  if (t.kind === 'List') return t.item;
  if (t.kind === 'Null') return DataTypes.null;
  throw new QuiverError('TYPE', `unnest(${argTypes.map(typeToString).join(', ')}) is not supported: unnest takes lists (or NULL), not ${typeToString(t)}`);
}

function checkArgs(argTypes: readonly DataType[]): DataType[] {
  if (argTypes.length === 0) throw new QuiverError('PLAN', 'unnest() needs at least one list argument');
  for (const t of argTypes) itemType(t, argTypes);
  return [...argTypes];
}

/** One argument's rows: row r holds `items` rows [offsets[r * stride], offsets[r * stride + 1]) unless NULL. */
interface ListSide {
  readonly offsets: Int32Array;
  readonly items: arrow.Data;
  readonly validity: Uint8Array | null;
  /** 0 for a constant list (every row reads row 0). */
  readonly stride: 0 | 1;
}

/** The argument as lists, or null for an argument of type NULL. */
function listSide(arg: ColumnarValue): ListSide | null {
  const data = toArray(arg, 1);
  if (data.typeId === arrow.Type.Null) return null;
  return { offsets: data.valueOffsets as Int32Array, items: data.children[0]!, validity: validityOf(data), stride: arg.kind === 'array' ? 1 : 0 };
}

function itemCount(side: ListSide, r: number): number {
  const row = r * side.stride;
  return isValidRow(side.validity, row) ? side.offsets[row + 1]! - side.offsets[row]! : 0;
}

/** The output column of one argument for the rows of every input row (`rowLengths`, `total` in all). */
function unnestColumn(side: ListSide | null, rowLengths: Int32Array, total: number, zipped: boolean): arrow.Data {
  if (side === null) return nullColumn(new arrow.Null(), total);
  const n = rowLengths.length;
  const { offsets, items } = side;
  if (!zipped && side.stride === 1) {
    let contiguous = true;
    for (let r = 0; r < n && contiguous; r++) contiguous = isValidRow(side.validity, r) || offsets[r] === offsets[r + 1];
    if (contiguous) return items.slice(offsets[0]!, total);
  }
  const positions = new Int32Array(total);
  for (let r = 0, k = 0; r < n; r++) {
    const len = itemCount(side, r);
    const start = offsets[r * side.stride]!;
    for (let i = 0; i < len; i++) positions[k++] = start + i;
    for (let i = len; i < rowLengths[r]!; i++) positions[k++] = -1;
  }
  return takeData(items, positions);
}

function* unnestChunks(args: readonly ColumnarValue[], numRows: number): Generator<TableFunctionChunk> {
  const sides = args.map(listSide);
  const rowLengths = new Int32Array(numRows);
  let total = 0;
  for (let r = 0; r < numRows; r++) {
    let len = 0;
    for (const side of sides) if (side !== null) len = Math.max(len, itemCount(side, r));
    rowLengths[r] = len;
    total += len;
  }
  if (total === 0) return;
  const rowIndex = new Int32Array(total);
  for (let r = 0, k = 0; r < numRows; r++) for (let i = rowLengths[r]!; i > 0; i--) rowIndex[k++] = r;
  const columns = sides.map((side) => unnestColumn(side, rowLengths, total, sides.length > 1));
  for (let at = 0; at < total; at += CHUNK_ROWS) {
    const len = Math.min(CHUNK_ROWS, total - at);
    yield { columns: columns.map((c) => c.slice(at, len)), rowIndex: rowIndex.subarray(at, at + len) };
  }
}

function outputFields(argTypes: readonly DataType[]): Field[] {
  return argTypes.map((t, i) => new Field(argTypes.length === 1 ? 'unnest' : `unnest_${i + 1}`, itemType(t, argTypes), true));
}

const lateral: LateralTableFunction = {
  coerceArgs: checkArgs,
  outputFields,
  invoke: unnestChunks,
};

/** The `unnest` table function. */
export const unnestTableFunction: TableFunction = {
  name: 'unnest',
  lateral,
  call(args: readonly ScalarValue[]) {
    const schema = new Schema(outputFields(checkArgs(args.map((a) => a.type))));
    const arrowSchema = schema.toArrow();
    const values: ColumnarValue[] = args.map((value) => ({ kind: 'scalar', value }));
    const batches = [...unnestChunks(values, 1)].map((c) => makeBatch(arrowSchema, c.columns, c.rowIndex.length));
    return new MemTable(schema, batches);
  },
};

/**
 * `unnest(list)` as the SQL planner sees it in a SELECT list: typed as the list's items, and moved
 * into an `unnest` LATERAL node before it would run (running it is an error).
 */
export const unnestInSelect: ScalarFunction = {
  name: 'unnest',
  volatility: 'immutable',
  coerceArgs(argTypes) {
    if (argTypes.length !== 1) throw new QuiverError('PLAN', `unnest in a SELECT list takes one list argument, got ${argTypes.length} (in FROM it takes several)`);
    return checkArgs(argTypes);
  },
  returnType: (argTypes) => itemType(argTypes[0]!, argTypes),
  invoke() {
    throw new QuiverError('PLAN', 'unnest(…) is only allowed in a SELECT list (not nested in another call) or as a table function in FROM');
  },
};
