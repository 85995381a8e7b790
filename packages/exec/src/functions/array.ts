/**
 * Array (LIST) functions that build and read lists: make_array (and the `[a, b]` literal), range,
 * array_length / cardinality, array_element (`a[i]`, 1-based, negative from the end), array_has,
 * flatten. All work on offsets and whole item columns, never a JS array per row.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, fromArrowType, toArrowType, type DataType } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { makeBoolean, makeFixed, makeAllNull } from '../kernels/builders.js';
import { compare } from '../kernels/compare.js';
import { makeList } from '../kernels/list.js';
import { toArray } from '../kernels/scalar.js';
import { bitmapBytes, clearBit, getBit, setBit, validityOf } from '../kernels/validity.js';
import { concatData } from '../selection/concat.js';
import { takeData } from '../selection/take.js';
import { integerReader, nullTest } from './args.js';
import { asListType, commonOrFail, compactItems, isValidRow, listColumn, type ListType } from './list-args.js';
import { noMatch } from './signature.js';

type Invoke = (args: readonly ColumnarValue[], numRows: number, returnType: DataType) => arrow.Data;

function fn(name: string, coerceArgs: (t: readonly DataType[]) => DataType[], returnType: (t: readonly DataType[]) => DataType, invoke: Invoke): ScalarFunction {
  return { name, volatility: 'immutable', coerceArgs, returnType, invoke };
}

/** make_array(a, b, …): the list [a, b, …] of the arguments' common type. */
const makeArray = fn(
  'make_array',
  (types) => {
    const t = commonOrFail('make_array', types, types);
    return types.map(() => t);
  },
  (types) => DataTypes.list(types[0] ?? DataTypes.null),
  (args, n, returnType) => {
    const item = (returnType as ListType).item;
    const k = args.length;
    const offsets = new Int32Array(n + 1);
    for (let r = 0; r < n; r++) offsets[r + 1] = (r + 1) * k;
    if (k === 0) return makeList(item, n, offsets, makeAllNull(item, 0), null);
    // Argument j's row r sits at j*n + r of the concatenation; the list of row r takes them row-major.
    const all = concatData(toArrowType(item), args.map((a) => toArray(a, n)));
    const at = new Int32Array(n * k);
    for (let r = 0; r < n; r++) for (let j = 0; j < k; j++) at[r * k + j] = j * n + r;
    return makeList(item, n, offsets, takeData(all, at), null);
  },
);

function listOnly(name: string, extra: DataType[] = []) {
  return (types: readonly DataType[]): DataType[] => {
    const list = types.length === extra.length + 1 ? asListType(types[0]!) : null;
    if (list === null) noMatch(name, types);
    return [list, ...extra];
  };
}

/** Rows' item counts as BIGINT; NULL for a NULL list. */
function lengths(args: readonly ColumnarValue[], n: number): arrow.Data {
  const list = listColumn(args[0]!, n);
  const out = new BigInt64Array(n);
  for (let r = 0; r < n; r++) out[r] = BigInt(list.offsets[r + 1]! - list.offsets[r]!);
  return makeFixed(DataTypes.int64, n, out, list.validity === null ? null : list.validity.slice());
}

const arrayLength = (name: string) => fn(name, listOnly(name), () => DataTypes.int64, lengths);

/** array_element(list, i): item i (1-based; negative counts from the end); NULL when out of range. */
const arrayElement = (name: string) =>
  fn(
    name,
    (types) => {
      const list = types.length === 2 ? asListType(types[0]!) : null;
      if (list === null || !(types[1]!.kind.startsWith('Int') || types[1]!.kind === 'Null')) noMatch(name, types);
      return [list, DataTypes.int64];
    },
    (types) => (types[0] as ListType).item,
    (args, n) => {
      const list = listColumn(args[0]!, n);
      const index = integerReader(args[1]!);
      const indexNull = nullTest(args[1]!);
      const at = new Int32Array(n);
      for (let r = 0; r < n; r++) {
        const start = list.offsets[r]!;
        const len = list.offsets[r + 1]! - start;
        const i = indexNull(r) || !isValidRow(list.validity, r) ? 0 : index(r);
        const k = i > 0 ? i - 1 : i < 0 ? len + i : -1;
        at[r] = k >= 0 && k < len ? start + k : -1;
      }
      return takeData(list.items, at);
    },
  );

/** array_has(list, x): whether an item equals x; NULL for a NULL list or x. */
const arrayHas = (name: string) =>
  fn(
    name,
    (types) => {
      const list = types.length === 2 ? asListType(types[0]!) : null;
      if (list === null) noMatch(name, types);
      const item = commonOrFail(name, [list.item, types[1]!], types);
      return [DataTypes.list(item), item];
    },
    () => DataTypes.boolean,
    (args, n) => {
      const list = listColumn(args[0]!, n);
      const compact = compactItems(list, n);
      const total = compact.rowOf.length;
      const needle = args[1]!;
      const itemType = fromArrowType(compact.items.type);
      const right: ColumnarValue = needle.kind === 'scalar' ? needle : { kind: 'array', data: takeData(needle.data, compact.rowOf) };
      const eq = compare('=', { kind: 'array', data: compact.items }, right, itemType, total);
      const eqBits = eq.values as Uint8Array;
      const eqValid = validityOf(eq);
      const bits = new Uint8Array(bitmapBytes(n));
      const validity = new Uint8Array(bitmapBytes(n));
      const needleNull = nullTest(needle);
      for (let r = 0; r < n; r++) {
        if (!isValidRow(list.validity, r) || needleNull(r)) continue;
        setBit(validity, r);
        for (let k = compact.offsets[r]!; k < compact.offsets[r + 1]!; k++) {
          if ((eqValid === null || getBit(eqValid, k)) && getBit(eqBits, eq.offset + k)) {
            setBit(bits, r);
            break;
          }
        }
      }
      return makeBoolean(n, bits, validity);
    },
  );

/** range(start, stop[, step]): the BIGINTs from start up to (not including) stop. */
const range = fn(
  'range',
  (types) => {
    if (types.length < 1 || types.length > 3 || types.some((t) => !(t.kind.startsWith('Int') || t.kind === 'Null'))) noMatch('range', types);
    return types.map(() => DataTypes.int64);
  },
  () => DataTypes.list(DataTypes.int64),
  (args, n) => {
    const readers = args.map(integerReader);
    const nulls = args.map(nullTest);
    const bounds = (r: number): [number, number, number] =>
      readers.length === 1 ? [0, readers[0]!(r), 1] : [readers[0]!(r), readers[1]!(r), readers.length === 3 ? readers[2]!(r) : 1];
    const offsets = new Int32Array(n + 1);
    const validity = new Uint8Array(bitmapBytes(n)).fill(0xff);
    let anyNull = false;
    for (let r = 0; r < n; r++) {
      const [start, stop, step] = bounds(r);
      let count = 0;
      if (nulls.some((t) => t(r))) {
        clearBit(validity, r);
        anyNull = true;
      } else if (step !== 0) {
        count = Math.max(0, Math.ceil((stop - start) / step));
      }
      offsets[r + 1] = offsets[r]! + count;
    }
    const values = new BigInt64Array(offsets[n]!);
    for (let r = 0, k = 0; r < n; r++) {
      const [start, , step] = bounds(r);
      for (let j = 0; j < offsets[r + 1]! - offsets[r]!; j++) values[k++] = BigInt(start + j * step);
    }
    return makeList(DataTypes.int64, n, offsets, makeFixed(DataTypes.int64, values.length, values, null), anyNull ? validity : null);
  },
);

/** flatten(list of lists): each row's inner lists concatenated (a NULL inner list adds nothing). */
const flatten = fn(
  'flatten',
  listOnly('flatten'),
  (types) => {
    const item = (types[0] as ListType).item;
    return item.kind === 'List' ? item : types[0]!;
  },
  (args, n, returnType) => {
    const outer = toArray(args[0]!, n);
    const inner = outer.children[0]!;
    if (inner.type.typeId !== arrow.Type.List) return outer;
    const o = outer.valueOffsets as Int32Array;
    const io = inner.valueOffsets as Int32Array;
    const innerValid = validityOf(inner);
    const offsets = new Int32Array(n + 1);
    for (let r = 0; r < n; r++) {
      let count = 0;
      for (let j = o[r]!; j < o[r + 1]!; j++) if (isValidRow(innerValid, j)) count += io[j + 1]! - io[j]!;
      offsets[r + 1] = offsets[r]! + count;
    }
    const positions = new Int32Array(offsets[n]!);
    for (let r = 0, k = 0; r < n; r++) {
      for (let j = o[r]!; j < o[r + 1]!; j++) if (isValidRow(innerValid, j)) for (let s = io[j]!; s < io[j + 1]!; s++) positions[k++] = s;
    }
    const validity = validityOf(outer);
    return makeList((returnType as ListType).item, n, offsets, takeData(inner.children[0]!, positions), validity === null ? null : validity.slice());
  },
);

export function arrayFunctions(): ScalarFunction[] {
  return [
    makeArray,
    range,
    flatten,
    arrayLength('array_length'),
    arrayLength('cardinality'),
    arrayLength('list_length'),
    arrayElement('array_element'),
    arrayElement('array_extract'),
    arrayElement('list_element'),
    arrayHas('array_has'),
    arrayHas('array_contains'),
    arrayHas('list_has'),
  ];
}
