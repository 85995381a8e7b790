/**
 * Ordering of list values for comparisons (= <> < <= > >= and IS [NOT] DISTINCT FROM): item by
 * item, a proper prefix first, NULL items equal to each other and above every value (PostgreSQL's
 * array order, and ORDER BY's list order). Items are compared through ORDER BY's row comparator over
 * the two item columns placed one after the other, so nested lists and every item type work alike.
 */
import type { ColumnarValue } from '@quiver/planner';
import { concatData } from '../selection/concat.js';
import { rowComparator } from '../selection/sort-indices.js';
import { strideOf } from './operands.js';
import { toArray } from './scalar.js';

/** -1, 0 or 1 per row for `l` against `r` (lists of one type; NULL rows are left to the caller's validity). */
export function orderLists(l: ColumnarValue, r: ColumnarValue, n: number): Int8Array {
  const a = toArray(l, 1);
  const b = toArray(r, 1);
  const sa = strideOf(l);
  const sb = strideOf(r);
  const aOffsets = a.valueOffsets as Int32Array;
  const bOffsets = b.valueOffsets as Int32Array;
  const aItems = a.children[0]!;
  const shift = aItems.length;
  const items = concatData(aItems.type, [aItems, b.children[0]!]);
  const cmpItems = rowComparator([{ data: items, asc: true, nullsFirst: false }]);
  const out = new Int8Array(n);
  for (let row = 0; row < n; row++) {
    let i = aOffsets[row * sa]!;
    let j = bOffsets[row * sb]!;
    const ea = aOffsets[row * sa + 1]!;
    const eb = bOffsets[row * sb + 1]!;
    let c = 0;
    while (c === 0 && i < ea && j < eb) c = cmpItems(i++, shift + j++);
    if (c === 0) c = ea - i - (eb - j);
    out[row] = c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  return out;
}
