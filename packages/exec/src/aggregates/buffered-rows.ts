/**
 * The input rows of an order-sensitive aggregate (STRING_AGG, ARRAY_AGG, NTH_VALUE), kept as column
 * chunks (one chunk per batch, only the rows that count) with their group ids. `finish` concatenates
 * the chunks and lists every group's rows in input order or, given ORDER BY keys among the columns,
 * in key order (ties keep input order). `BufferingAccumulator` is the accumulator built on them.
 */
import type * as arrow from 'apache-arrow';
import type { AggregateOrdering, GroupsAccumulator } from '@quiver/planner';
import { concatData } from '../selection/concat.js';
import { takeData } from '../selection/take.js';
import { nullColumn } from '../selection/make-column.js';
import { rowComparator } from '../selection/sort-indices.js';
import { groupRuns, type GroupRuns } from '../kernels/list.js';

export class BufferedRows {
  private readonly chunks: arrow.Data[][];
  private readonly groupChunks: Int32Array[] = [];
  private bytes = 0;

  constructor(private readonly types: readonly arrow.DataType[]) {
    this.chunks = types.map(() => []);
  }

  /** Appends rows `rows` (all rows when null) of `columns`, which belong to groups `groupIds[row]`. */
  append(columns: readonly arrow.Data[], groupIds: Int32Array, rows: Int32Array | null): void {
    const n = rows === null ? groupIds.length : rows.length;
    if (n === 0) return;
    columns.forEach((c, k) => {
      const chunk = rows === null ? c : takeData(c, rows);
      this.chunks[k]!.push(chunk);
      this.bytes += chunk.byteLength;
    });
    const groups = new Int32Array(n);
    for (let i = 0; i < n; i++) groups[i] = groupIds[rows === null ? i : rows[i]!]!;
    this.groupChunks.push(groups);
    this.bytes += groups.byteLength;
  }

  /**
   * The buffered columns as one column each, and each group's rows: ordered by the columns from
   * `firstKey` on under `ordering` (one entry per key column), else in input order.
   */
  finish(numGroups: number, firstKey: number, ordering: readonly AggregateOrdering[]): { columns: arrow.Data[]; runs: GroupRuns } {
    const columns = this.types.map((t, k) => (this.chunks[k]!.length > 0 ? concatData(t, this.chunks[k]!) : nullColumn(t, 0)));
    let total = 0;
    for (const g of this.groupChunks) total += g.length;
    const groups = new Int32Array(total);
    let at = 0;
    for (const g of this.groupChunks) {
      groups.set(g, at);
      at += g.length;
    }
    const runs = groupRuns(groups, numGroups);
    if (ordering.length > 0 && total > 1) {
      const compare = rowComparator(ordering.map((o, k) => ({ data: columns[firstKey + k]!, asc: o.asc, nullsFirst: o.nullsFirst })));
      for (let g = 0; g < numGroups; g++) {
        runs.indices.subarray(runs.offsets[g]!, runs.offsets[g + 1]!).sort((a, b) => compare(a, b) || a - b);
      }
    }
    return { columns, runs };
  }

  memoryBytes(): number {
    return this.bytes;
  }
}

/** An accumulator that buffers its rows (`rows`, with the ORDER BY keys last) and computes every group's value in `evaluate`. */
export abstract class BufferingAccumulator implements GroupsAccumulator {
  protected readonly rows: BufferedRows;

  constructor(
    types: readonly arrow.DataType[],
    protected readonly ordering: readonly AggregateOrdering[],
  ) {
    this.rows = new BufferedRows(types);
  }

  abstract update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void;

  abstract evaluate(numGroups: number): arrow.Data;

  memoryBytes(): number {
    return this.rows.memoryBytes();
  }
}
