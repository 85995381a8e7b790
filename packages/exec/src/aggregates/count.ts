/**
 * COUNT(*), COUNT(x) and COUNT(a, b, …): rows (or rows whose arguments are all non-NULL) per group,
 * as BIGINT; 0 for a group with none.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, type DataType } from '@quiver/common';
import type { AggregateFunction, GroupsAccumulator } from '@quiver/planner';
import { makeColumn } from '../selection/make-column.js';
import { DistinctAccumulator } from './distinct.js';
import { presentRows } from './present-rows.js';

export class CountFunction implements AggregateFunction {
  readonly name = 'count';
  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    return [...argTypes];
  }
  returnType(): DataType {
    return DataTypes.int64;
  }
  stateTypes(): DataType[] {
    return [DataTypes.int64];
  }
  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, distinct: boolean): GroupsAccumulator {
    // As in PostgreSQL, DuckDB and DataFusion: COUNT(DISTINCT a, b) is not a thing (count a row value instead).
    if (distinct && argTypes.length > 1) throw new QuiverError('NOT_IMPLEMENTED', 'COUNT(DISTINCT …) with more than one argument is not supported');
    return distinct ? new DistinctAccumulator(argTypes, new CountAccumulator()) : new CountAccumulator();
  }
}

export class CountAccumulator implements GroupsAccumulator {
  /** Rows whose group id is -1 are left out (see `HashAggregateExec`). */
  readonly skipsUnassignedRows = true;
  private counts = new Float64Array(0);

  private grow(numGroups: number): void {
    if (this.counts.length < numGroups) {
      const next = new Float64Array(Math.max(numGroups, this.counts.length * 2));
      next.set(this.counts);
      this.counts = next;
    }
  }

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.grow(numGroups);
    const counts = this.counts;
    const n = groupIds.length;
    if (args.length > 1) {
      // COUNT(a, b, …) counts rows where no argument is NULL.
      const present = presentRows(args, n);
      for (let i = 0; i < n; i++) if (present === null || present[i] === 1) counts[groupIds[i]!]!++;
      return;
    }
    const arg = args[0];
    // COUNT(x) counts rows where x is not NULL (a Null-typed argument counts nothing); COUNT(*) has no argument.
    if (arg !== undefined && arg.typeId === arrow.Type.Null) return;
    const bm = arg !== undefined && arg.nullCount > 0 && arg.nullBitmap && arg.nullBitmap.length > 0 ? arg.nullBitmap : null;
    const off = arg?.offset ?? 0;
    if (bm === null) {
      for (let i = 0; i < n; i++) {
        const g = groupIds[i]!;
        if (g >= 0) counts[g]!++;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const b = off + i;
        const g = groupIds[i]!;
        if (g >= 0 && bm[b >> 3]! & (1 << (b & 7))) counts[g]!++;
      }
    }
  }

  state(numGroups: number): arrow.Data[] {
    return [this.evaluate(numGroups)];
  }

  merge(states: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.grow(numGroups);
    const counts = this.counts;
    const partial = states[0]!.values as BigInt64Array;
    for (let i = 0; i < groupIds.length; i++) {
      const g = groupIds[i]!;
      if (g >= 0) counts[g]! += Number(partial[i]!);
    }
  }

  evaluate(numGroups: number): arrow.Data {
    const out = new BigInt64Array(numGroups);
    for (let g = 0; g < numGroups; g++) out[g] = BigInt(this.counts[g] ?? 0);
    return makeColumn(new arrow.Int64(), numGroups, { validity: null, values: out });
  }

  memoryBytes(): number {
    return this.counts.byteLength;
  }
}
