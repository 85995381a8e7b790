/**
 * List columns: assembling them from an item column and offsets, and the builder an aggregate
 * (e.g. ARRAY_AGG) uses to emit one list per group from the values it collected.
 *
 * A List column is int32 `offsets` (row r holds item rows [offsets[r], offsets[r+1])) over one item
 * column; no per-row JS array is ever built.
 *
 * Building per-group lists:
 * ```ts
 * const runs = groupRuns(groupOfValue, groupCount);        // values ordered group by group (stable)
 * const list = listFromRuns(values, runs, emptyIsNull);      // row g = the values of group g
 * ```
 */
import * as arrow from 'apache-arrow';
import { DataTypes, toArrowType, type DataType } from '@quiver/common';
import { makeColumn } from '../selection/make-column.js';
import { takeData } from '../selection/take.js';
import { bitmapBytes } from './validity.js';

/** A List column of `length` rows over `items` (`offsets`: length + 1 entries; `validity` offset 0, null when all valid). */
export function makeList(itemType: DataType, length: number, offsets: Int32Array, items: arrow.Data, validity: Uint8Array | null): arrow.Data {
  return makeColumn(toArrowType(DataTypes.list(itemType)), length, { validity, offsets, child: items });
}

/** The values of each group, as runs: group g's value indices are `indices[offsets[g] .. offsets[g+1])`, in input order. */
export interface GroupRuns {
  /** `groupCount + 1` entries. */
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
}

/**
 * Orders value indices 0..n-1 group by group (a stable counting sort by `groupIds[i]`, which must be in
 * [0, groupCount); a negative id drops the value).
 */
export function groupRuns(groupIds: Int32Array, groupCount: number): GroupRuns {
  const offsets = new Int32Array(groupCount + 1);
  for (let i = 0; i < groupIds.length; i++) {
    const g = groupIds[i]!;
    if (g >= 0) offsets[g + 1]!++;
  }
  for (let g = 0; g < groupCount; g++) offsets[g + 1]! += offsets[g]!;
  const indices = new Int32Array(offsets[groupCount]!);
  const next = offsets.slice(0, groupCount);
  for (let i = 0; i < groupIds.length; i++) {
    const g = groupIds[i]!;
    if (g >= 0) indices[next[g]!++] = i;
  }
  return { offsets, indices };
}

/**
 * A List column with one row per run: row g holds `values` rows `runs.indices[offsets[g] .. offsets[g+1])`.
 * With `emptyIsNull`, a group without values is NULL (SQL's ARRAY_AGG over no rows) instead of `[]`.
 */
export function listFromRuns(values: arrow.Data, runs: GroupRuns, emptyIsNull = false): arrow.Data {
  const groups = runs.offsets.length - 1;
  let validity: Uint8Array | null = null;
  if (emptyIsNull) {
    for (let g = 0; g < groups; g++) {
      if (runs.offsets[g] !== runs.offsets[g + 1]) continue;
      validity ??= new Uint8Array(bitmapBytes(groups)).fill(0xff);
      validity[g >> 3]! &= ~(1 << (g & 7));
    }
  }
  const items = takeData(values, runs.indices);
  return makeColumn(new arrow.List(new arrow.Field('item', values.type, true)), groups, { validity, offsets: runs.offsets, child: items });
}
