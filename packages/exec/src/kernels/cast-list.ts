/**
 * Casts of List columns: to another list type (the item column is cast, offsets and validity kept)
 * and to VARCHAR (`[1, 2, NULL]`, items as their own VARCHAR casts give them).
 */
import type * as arrow from 'apache-arrow';
import type { DataType } from '@quiver/common';
import { Utf8Builder } from './builders.js';
import { castArray } from './cast.js';
import { makeList } from './list.js';
import { getBit, validityOf } from './validity.js';

type ListType = Extract<DataType, { kind: 'List' }>;

/** A list column of type `from` cast item by item to list type `to`. */
export function castListItems(data: arrow.Data, from: ListType, to: ListType, tryCast: boolean): arrow.Data {
  const items = castArray(data.children[0]!, from.item, to.item, tryCast);
  const validity = validityOf(data);
  return makeList(to.item, data.length, (data.valueOffsets as Int32Array).slice(0, data.length + 1), items, validity === null ? null : validity.slice());
}

/** A list column as text, one `[a, b]` per row. */
export function castListToString(data: arrow.Data, from: ListType): arrow.Data {
  const items = castArray(data.children[0]!, from.item, { kind: 'Utf8' });
  const itemValidity = validityOf(items);
  const itemOffsets = items.valueOffsets as Int32Array;
  const itemBytes = items.values as Uint8Array;
  const offsets = data.valueOffsets as Int32Array;
  const validity = validityOf(data);
  const out = new Utf8Builder(data.length);
  for (let i = 0; i < data.length; i++) {
    if (validity !== null && !getBit(validity, i)) {
      out.appendNull();
      continue;
    }
    out.pushByte(0x5b); // [
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      if (k > offsets[i]!) out.pushBytes(SEPARATOR, 0, 2);
      if (itemValidity !== null && !getBit(itemValidity, k)) out.pushBytes(NULL_TEXT, 0, 4);
      else out.pushBytes(itemBytes, itemOffsets[k]!, itemOffsets[k + 1]!);
    }
    out.pushByte(0x5d); // ]
    out.endRow();
  }
  return out.finish();
}

const SEPARATOR = new TextEncoder().encode(', ');
const NULL_TEXT = new TextEncoder().encode('NULL');
