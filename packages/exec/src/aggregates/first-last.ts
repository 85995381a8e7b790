/**
 * FIRST_VALUE(x [ORDER BY …]) and LAST_VALUE(x [ORDER BY …]) as aggregates: the x of the group's
 * first (last) row in the ORDER BY order, or in input order without one; NULL values count as any
 * other (`IGNORE NULLS` is planned as a FILTER); ties in the keys go to the earliest (latest) row.
 * NTH_VALUE(x, n [ORDER BY …]): the x of the group's n-th row (n < 0 counts from the end), NULL when
 * the group has fewer rows; n must be a non-zero constant. Windowed forms (OVER) live in window/.
 *
 * FIRST/LAST keep no more than a few candidate rows per group: each batch contributes its best row
 * per group (value and key columns gathered), and the candidates are reduced to one per group when
 * they outnumber the groups and at the end. NTH_VALUE buffers the rows (`BufferedRows`).
 */
import * as arrow from 'apache-arrow';
import { DataTypes, isInteger, QuiverError, toArrowType, type DataType } from '@quiver/common';
import type { AggregateFunction, AggregateOrdering, GroupsAccumulator } from '@quiver/planner';
import { concatData } from '../selection/concat.js';
import { takeData } from '../selection/take.js';
import { nullColumn } from '../selection/make-column.js';
import { rowComparator, type RowComparator } from '../selection/sort-indices.js';
import { ensureCapacity } from '../hash/grow.js';
import { BufferingAccumulator } from './buffered-rows.js';

export class FirstLastFunction implements AggregateFunction {
  readonly orderSensitive = true;
  constructor(readonly name: 'first_value' | 'last_value') {}

  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    if (argTypes.length !== 1) throw new QuiverError('TYPE', `${this.name}() takes exactly one argument, got ${argTypes.length}`);
    return [argTypes[0]!];
  }
  returnType(argTypes: readonly DataType[]): DataType {
    return argTypes[0]!;
  }
  /** DISTINCT does not change which value comes first or last, so it is ignored. */
  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, _distinct: boolean, ordering: readonly AggregateOrdering[] = []): GroupsAccumulator {
    return new FirstLastAccumulator(argTypes.map(toArrowType), ordering, this.name === 'last_value');
  }
}

export class NthValueFunction implements AggregateFunction {
  readonly name = 'nth_value';
  readonly orderSensitive = true;
  readonly constantArgs = [1];
  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    if (argTypes.length !== 2) throw new QuiverError('TYPE', `nth_value() takes exactly two arguments (value, n), got ${argTypes.length}`);
    const n = argTypes[1]!;
    if (!isInteger(n) && n.kind !== 'Null') throw new QuiverError('TYPE', 'the second argument of nth_value() must be an integer');
    return [argTypes[0]!, DataTypes.int64];
  }
  returnType(argTypes: readonly DataType[]): DataType {
    return argTypes[0]!;
  }
  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, distinct: boolean, ordering: readonly AggregateOrdering[] = []): GroupsAccumulator {
    if (distinct) throw new QuiverError('NOT_IMPLEMENTED', 'nth_value(DISTINCT …) is not supported');
    return new NthValueAccumulator(argTypes.map(toArrowType), ordering);
  }
}

/** Candidate rows (value, then ORDER BY keys) with their groups; the best per group wins. */
class FirstLastAccumulator implements GroupsAccumulator {
  private chunks: arrow.Data[][];
  private groupChunks: Int32Array[] = [];
  private candidates = 0;
  /** Groups holding a candidate (FIRST without ORDER BY takes no further rows for them). */
  private seen = new Uint8Array(0);
  /** Per group, the batch row that is its best so far within the current batch (-1: none). */
  private best = new Int32Array(0);
  private bytes = 0;

  constructor(
    private readonly types: readonly arrow.DataType[],
    private readonly ordering: readonly AggregateOrdering[],
    private readonly last: boolean,
  ) {
    this.chunks = types.map(() => []);
  }

  readonly skipsUnassignedRows = true;

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.seen = ensureCapacity(this.seen, numGroups);
    if (this.best.length < numGroups) {
      const grown = new Int32Array(Math.max(numGroups, this.best.length * 2));
      grown.fill(-1);
      this.best = grown;
    }
    const unordered = this.ordering.length === 0;
    const compare = unordered ? null : this.comparator(args);
    const { best, seen, last } = this;
    const touched: number[] = [];
    for (let i = 0; i < groupIds.length; i++) {
      const g = groupIds[i]!;
      if (g < 0) continue;
      const cur = best[g]!;
      if (cur < 0) {
        if (unordered && !last && seen[g] === 1) continue;
        best[g] = i;
        touched.push(g);
      } else if (compare === null ? last : last ? compare(i, cur) >= 0 : compare(i, cur) < 0) {
        best[g] = i;
      }
    }
    if (touched.length === 0) return;
    const rows = new Int32Array(touched.length);
    const groups = Int32Array.from(touched);
    for (let k = 0; k < groups.length; k++) {
      const g = groups[k]!;
      rows[k] = best[g]!;
      best[g] = -1;
      seen[g] = 1;
    }
    this.add(args.map((c) => takeData(c, rows)), groups);
    if (this.candidates > 2 * numGroups + 1024) this.reduce(numGroups);
  }

  evaluate(numGroups: number): arrow.Data {
    this.reduce(numGroups);
    const type = this.types[0]!;
    if (this.candidates === 0) return nullColumn(type, numGroups);
    const value = this.chunks[0]![0]!;
    const groups = this.groupChunks[0]!;
    // After reduce, one candidate per group that had rows: gather them into group order, NULL for the rest.
    const at = new Int32Array(numGroups).fill(-1);
    for (let k = 0; k < groups.length; k++) at[groups[k]!] = k;
    const withRow = value.length;
    const padded = concatData(type, [value, nullColumn(type, 1)]);
    for (let g = 0; g < numGroups; g++) if (at[g]! < 0) at[g] = withRow;
    return takeData(padded, at);
  }

  memoryBytes(): number {
    return this.bytes + this.best.byteLength + this.seen.byteLength;
  }

  private add(columns: arrow.Data[], groups: Int32Array): void {
    columns.forEach((c, k) => this.chunks[k]!.push(c));
    this.groupChunks.push(groups);
    this.candidates += groups.length;
    this.bytes += groups.byteLength + columns.reduce((s, c) => s + c.byteLength, 0);
  }

  private comparator(columns: readonly arrow.Data[]): RowComparator {
    return rowComparator(this.ordering.map((o, k) => ({ data: columns[1 + k]!, asc: o.asc, nullsFirst: o.nullsFirst })));
  }

  /** Keeps one candidate per group: the best, ties to the earlier (FIRST) or later (LAST) candidate. */
  private reduce(numGroups: number): void {
    if (this.groupChunks.length <= 1) return;
    const columns = this.types.map((t, k) => concatData(t, this.chunks[k]!));
    const groups = new Int32Array(this.candidates);
    let at = 0;
    for (const g of this.groupChunks) {
      groups.set(g, at);
      at += g.length;
    }
    this.chunks = this.types.map(() => []);
    this.groupChunks = [];
    this.candidates = 0;
    this.bytes = 0;
    this.seen.fill(0);
    // Candidates are in input order, so the rule for one batch picks the best among them.
    this.update(columns, groups, numGroups);
  }
}

/** NTH_VALUE over buffered rows: the value, then the ORDER BY keys (the constant n is read once). */
/** Buffers the value and ORDER BY key columns (not n, a constant read once). */
class NthValueAccumulator extends BufferingAccumulator {
  private readonly valueType: arrow.DataType;
  private n: number | null = null;

  constructor(types: readonly arrow.DataType[], ordering: readonly AggregateOrdering[]) {
    super([types[0]!, ...types.slice(2)], ordering);
    this.valueType = types[0]!;
  }

  readonly skipsUnassignedRows = true;

  update(args: readonly arrow.Data[], groupIds: Int32Array): void {
    if (groupIds.length === 0) return;
    this.n ??= nthArgument(args[1]!);
    const rows = skipUnassigned(groupIds);
    this.rows.append([args[0]!, ...args.slice(2)], groupIds, rows);
  }

  evaluate(numGroups: number): arrow.Data {
    const { columns, runs } = this.rows.finish(numGroups, 1, this.ordering);
    const n = this.n;
    const value = columns[0]!;
    const pick = new Int32Array(numGroups);
    for (let g = 0; g < numGroups; g++) {
      const from = runs.offsets[g]!;
      const count = runs.offsets[g + 1]! - from;
      const k = n === null ? -1 : n > 0 ? n - 1 : count + n;
      pick[g] = k >= 0 && k < count ? runs.indices[from + k]! : value.length;
    }
    return takeData(concatData(this.valueType, [value, nullColumn(this.valueType, 1)]), pick);
  }
}

/** The rows with a group (null: all of them). */
function skipUnassigned(groupIds: Int32Array): Int32Array | null {
  let assigned = 0;
  for (let i = 0; i < groupIds.length; i++) if (groupIds[i]! >= 0) assigned++;
  if (assigned === groupIds.length) return null;
  const rows = new Int32Array(assigned);
  for (let i = 0, k = 0; i < groupIds.length; i++) if (groupIds[i]! >= 0) rows[k++] = i;
  return rows;
}

/** The constant n of nth_value (an Int64 column), as a number; null for NULL. */
function nthArgument(column: arrow.Data): number | null {
  if (column.typeId === arrow.Type.Null || (column.nullCount > 0 && column.nullBitmap && !(column.nullBitmap[column.offset >> 3]! & (1 << (column.offset & 7))))) return null;
  const n = Number((column.values as BigInt64Array)[0]!);
  if (n === 0) throw new QuiverError('EXECUTION', 'nth_value() position must not be 0 (1 is the first row, -1 the last)');
  return n;
}
