/**
 * Array (LIST) functions that derive new lists or text: array_append / array_prepend / array_concat
 * (a NULL list counts as empty), array_sort (ASC or DESC, NULLS FIRST by default, as DataFusion),
 * array_distinct (sorted, one of each value) and array_to_string. Each gathers item rows by index
 * through the take kernel; no JS array per row.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, toArrowType, type DataType } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { Utf8Builder } from '../kernels/builders.js';
import { castArray } from '../kernels/cast.js';
import { makeList } from '../kernels/list.js';
import { toArray } from '../kernels/scalar.js';
import { getBit, validityOf } from '../kernels/validity.js';
import { concatData } from '../selection/concat.js';
import { makeColumn } from '../selection/make-column.js';
import { rowComparator, sortIndices, type SortKeyColumn } from '../selection/sort-indices.js';
import { takeData } from '../selection/take.js';
import { nullTest, stringReader } from './args.js';
import { asListType, commonOrFail, compactItems, isValidRow, listColumn, type ListType } from './list-args.js';
import { argType, noMatch } from './signature.js';

type Invoke = (args: readonly ColumnarValue[], numRows: number, returnType: DataType) => arrow.Data;

function fn(name: string, coerceArgs: (t: readonly DataType[]) => DataType[], returnType: (t: readonly DataType[]) => DataType, invoke: Invoke): ScalarFunction {
  return { name, volatility: 'immutable', coerceArgs, returnType, invoke };
}

/** array_append(list, x) / array_prepend(x, list): the list with x added at the end / front. */
const addItem = (name: string, front: boolean) =>
  fn(
    name,
    (types) => {
      const list = types.length === 2 ? asListType(types[front ? 1 : 0]!) : null;
      if (list === null) noMatch(name, types);
      const item = commonOrFail(name, [list.item, types[front ? 0 : 1]!], types);
      return front ? [item, DataTypes.list(item)] : [DataTypes.list(item), item];
    },
    (types) => types[front ? 1 : 0]!,
    (args, n, returnType) => {
      const item = (returnType as ListType).item;
      const list = listColumn(args[front ? 1 : 0]!, n);
      const base = list.items.length;
      const all = concatData(toArrowType(item), [list.items, toArray(args[front ? 0 : 1]!, n)]);
      const offsets = new Int32Array(n + 1);
      for (let r = 0; r < n; r++) offsets[r + 1] = offsets[r]! + 1 + (isValidRow(list.validity, r) ? list.offsets[r + 1]! - list.offsets[r]! : 0);
      const at = new Int32Array(offsets[n]!);
      for (let r = 0, k = 0; r < n; r++) {
        if (front) at[k++] = base + r;
        if (isValidRow(list.validity, r)) for (let s = list.offsets[r]!; s < list.offsets[r + 1]!; s++) at[k++] = s;
        if (!front) at[k++] = base + r;
      }
      return makeList(item, n, offsets, takeData(all, at), null);
    },
  );

/** array_concat(a, b, …): the lists one after another; NULL only when every list is. */
const concatLists = (name: string) =>
  fn(
    name,
    (types) => {
      const lists = types.map(asListType);
      if (types.length === 0 || lists.some((l) => l === null)) noMatch(name, types);
      const t = commonOrFail(name, lists as ListType[], types);
      return types.map(() => t);
    },
    (types) => types[0]!,
    (args, n, returnType) => {
      const item = (returnType as ListType).item;
      const lists = args.map((a) => listColumn(a, n));
      const bases = new Int32Array(lists.length);
      for (let j = 1; j < lists.length; j++) bases[j] = bases[j - 1]! + lists[j - 1]!.items.length;
      const all = concatData(toArrowType(item), lists.map((l) => l.items));
      const offsets = new Int32Array(n + 1);
      const validity = new Uint8Array((n + 7) >> 3);
      let anyNull = false;
      for (let r = 0; r < n; r++) {
        let count = 0;
        let valid = false;
        for (const l of lists) {
          if (!isValidRow(l.validity, r)) continue;
          valid = true;
          count += l.offsets[r + 1]! - l.offsets[r]!;
        }
        if (valid) validity[r >> 3]! |= 1 << (r & 7);
        else anyNull = true;
        offsets[r + 1] = offsets[r]! + count;
      }
      const at = new Int32Array(offsets[n]!);
      for (let r = 0, k = 0; r < n; r++) {
        lists.forEach((l, j) => {
          if (isValidRow(l.validity, r)) for (let s = l.offsets[r]!; s < l.offsets[r + 1]!; s++) at[k++] = bases[j]! + s;
        });
      }
      return makeList(item, n, offsets, takeData(all, at), anyNull ? validity : null);
    },
  );

function sortSpec(name: string, args: readonly ColumnarValue[]): { asc: boolean; nullsFirst: boolean } {
  const text = (i: number, fallback: string): string => {
    const a = args[i];
    if (a === undefined) return fallback;
    if (a.kind !== 'scalar' || typeof a.value.value !== 'string') throw new QuiverError('EXECUTION', `${name}: the sort direction and NULLS placement must be constant strings`);
    return a.value.value.trim().toUpperCase();
  };
  const dir = text(1, 'ASC');
  const nulls = text(2, 'NULLS FIRST');
  if ((dir !== 'ASC' && dir !== 'DESC') || (nulls !== 'NULLS FIRST' && nulls !== 'NULLS LAST')) {
    throw new QuiverError('EXECUTION', `${name}: expected 'ASC' or 'DESC' and 'NULLS FIRST' or 'NULLS LAST', got '${dir}', '${nulls}'`);
  }
  return { asc: dir === 'ASC', nullsFirst: nulls === 'NULLS FIRST' };
}

/** The items of each row sorted (row by row, via one sort keyed on (row, item)); with `distinct`, equal neighbours dropped. */
function sortedLists(args: readonly ColumnarValue[], n: number, returnType: DataType, spec: { asc: boolean; nullsFirst: boolean }, distinct: boolean): arrow.Data {
  const list = listColumn(args[0]!, n);
  const compact = compactItems(list, n);
  const total = compact.rowOf.length;
  const rows = makeColumn(toArrowType(DataTypes.int32), total, { validity: null, values: compact.rowOf });
  const itemKey: SortKeyColumn = { data: compact.items, ...spec };
  const perm = sortIndices([{ data: rows, asc: true, nullsFirst: false }, itemKey], total);
  let at = perm;
  let offsets = compact.offsets;
  if (distinct) {
    const same = rowComparator([itemKey]);
    const kept = new Int32Array(total);
    offsets = new Int32Array(n + 1);
    let k = 0;
    for (let i = 0; i < total; i++) {
      const p = perm[i]!;
      const r = compact.rowOf[p]!;
      if (i > 0 && compact.rowOf[perm[i - 1]!] === r && same(perm[i - 1]!, p) === 0) continue;
      kept[k++] = p;
      offsets[r + 1] = k;
    }
    for (let r = 0; r < n; r++) if (offsets[r + 1]! < offsets[r]!) offsets[r + 1] = offsets[r]!;
    at = kept.subarray(0, k);
  }
  return makeList((returnType as ListType).item, n, offsets, takeData(compact.items, at), list.validity === null ? null : list.validity.slice());
}

const arraySort = (name: string) =>
  fn(
    name,
    (types) => {
      const list = types.length >= 1 && types.length <= 3 ? asListType(types[0]!) : null;
      if (list === null || types.slice(1).some((t) => t.kind !== 'Utf8')) noMatch(name, types);
      return [list, ...types.slice(1)];
    },
    (types) => types[0]!,
    (args, n, returnType) => sortedLists(args, n, returnType, sortSpec(name, args), false),
  );

const arrayDistinct = (name: string) =>
  fn(
    name,
    (types) => {
      const list = types.length === 1 ? asListType(types[0]!) : null;
      if (list === null) noMatch(name, types);
      return [list];
    },
    (types) => types[0]!,
    (args, n, returnType) => sortedLists(args, n, returnType, { asc: true, nullsFirst: true }, true),
  );

/** array_to_string(list, sep[, null_text]): the items' text joined by sep; NULL items skipped unless null_text is given. */
const arrayToString = (name: string) =>
  fn(
    name,
    (types) => {
      const list = types.length === 2 || types.length === 3 ? asListType(types[0]!) : null;
      if (list === null || types.slice(1).some((t) => t.kind !== 'Utf8' && t.kind !== 'Null')) noMatch(name, types);
      return [list, ...types.slice(1).map(() => DataTypes.utf8)];
    },
    () => DataTypes.utf8,
    (args, n) => {
      const list = listColumn(args[0]!, n);
      const itemType = asListType(argType(args[0]!))!.item;
      const text = castArray(list.items, itemType, DataTypes.utf8);
      const textValid = validityOf(text);
      const to = text.valueOffsets as Int32Array;
      const bytes = text.values as Uint8Array;
      const sep = stringReader(args[1]!);
      const sepNull = nullTest(args[1]!);
      const nullText = args[2] ? stringReader(args[2]) : null;
      const nullTextNull = args[2] ? nullTest(args[2]) : () => true;
      const out = new Utf8Builder(n);
      for (let r = 0; r < n; r++) {
        if (!isValidRow(list.validity, r) || sepNull(r)) {
          out.appendNull();
          continue;
        }
        const separator = sep(r);
        const replacement = nullTextNull(r) ? null : nullText!(r);
        let first = true;
        let row = '';
        for (let k = list.offsets[r]!; k < list.offsets[r + 1]!; k++) {
          const valid = textValid === null || getBit(textValid, k);
          if (!valid && replacement === null) continue;
          if (!first) row += separator;
          first = false;
          row += valid ? decoder.decode(bytes.subarray(to[k]!, to[k + 1]!)) : replacement;
        }
        out.appendString(row);
      }
      return out.finish();
    },
  );

const decoder = new TextDecoder();

export function arrayTransformFunctions(): ScalarFunction[] {
  return [
    addItem('array_append', false),
    addItem('list_append', false),
    addItem('array_push_back', false),
    addItem('array_prepend', true),
    addItem('list_prepend', true),
    addItem('array_push_front', true),
    concatLists('array_concat'),
    concatLists('array_cat'),
    concatLists('list_concat'),
    arraySort('array_sort'),
    arraySort('list_sort'),
    arrayDistinct('array_distinct'),
    arrayDistinct('list_distinct'),
    arrayToString('array_to_string'),
    arrayToString('list_to_string'),
    arrayToString('array_join'),
  ];
}
