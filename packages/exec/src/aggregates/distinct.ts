/**
 * DISTINCT aggregates (COUNT(DISTINCT x), SUM(DISTINCT x), ...): a wrapper that feeds the inner
 * accumulator only the first occurrence of each (group, value) pair, tracked in a `GroupHashTable`
 * keyed on the group id and the argument values. Rows with a NULL argument are dropped (the
 * aggregates ignore them), unless the aggregate keeps NULLs (ARRAY_AGG).
 */
import * as arrow from 'apache-arrow';
import { toArrowType, type DataType } from '@quiver/common';
import type { GroupsAccumulator } from '@quiver/planner';
import { GroupHashTable } from '../hash/group-table.js';
import { hashColumns, rowsWithNullKey } from '../hash/hash-columns.js';
import { takeData } from '../selection/take.js';

export class DistinctAccumulator implements GroupsAccumulator {
  private readonly seen: GroupHashTable;

  constructor(
    argTypes: readonly DataType[],
    private readonly inner: GroupsAccumulator,
    /** Whether NULL counts as a value (ARRAY_AGG(DISTINCT x) keeps one NULL) instead of being dropped. */
    private readonly options: { readonly keepNulls: boolean } = { keepNulls: false },
  ) {
    this.seen = new GroupHashTable([new arrow.Int32(), ...argTypes.map(toArrowType)]);
  }

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    const n = groupIds.length;
    const groupColumn = arrow.makeData({ type: new arrow.Int32(), length: n, nullCount: 0, data: groupIds });
    const keys = [groupColumn, ...args];
    const before = this.seen.numGroups;
    const ids = new Int32Array(n);
    this.seen.findOrInsert(keys, hashColumns(keys, n), ids, this.options.keepNulls ? null : rowsWithNullKey(args, n));
    // A pair is new when this batch created its id; only its first row is passed on.
    const taken = new Uint8Array(this.seen.numGroups - before);
    const fresh = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i]! - before;
      if (id >= 0 && taken[id] === 0) {
        taken[id] = 1;
        fresh[k++] = i;
      }
    }
    if (k === 0) return;
    const sel = fresh.subarray(0, k);
    const selGroups = new Int32Array(k);
    for (let i = 0; i < k; i++) selGroups[i] = groupIds[sel[i]!]!;
    this.inner.update(args.map((a) => takeData(a, sel)), selGroups, numGroups);
  }

  evaluate(numGroups: number): arrow.Data {
    return this.inner.evaluate(numGroups);
  }

  memoryBytes(): number {
    return this.seen.memoryBytes() + this.inner.memoryBytes();
  }
}
