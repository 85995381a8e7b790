/**
 * STRING_AGG(value, delimiter [ORDER BY …]): the group's non-NULL values joined, each after the
 * first preceded by its row's delimiter (a NULL delimiter is empty), in input order or the ORDER BY
 * order; NULL for a group without values. Values and delimiter are VARCHAR; the delimiter must be a
 * constant. Rows are buffered columnarly (`BufferedRows`) and joined into one Utf8 column at the end.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, toArrowType, typeToString, type DataType } from '@quiver/common';
import type { AggregateFunction, AggregateOrdering, GroupsAccumulator } from '@quiver/planner';
import { makeColumn } from '../selection/make-column.js';
import { bitmapFromBytes } from '../kernels/validity.js';
import { selectionFromMask } from '../selection/filter.js';
import { DistinctAccumulator } from './distinct.js';
import { BufferingAccumulator } from './buffered-rows.js';

export class StringAggFunction implements AggregateFunction {
  readonly name = 'string_agg';
  readonly orderSensitive = true;
  readonly constantArgs = [1];
  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    if (argTypes.length !== 2) throw new QuiverError('TYPE', `string_agg() takes exactly two arguments (value, delimiter), got ${argTypes.length}`);
    for (const t of argTypes) {
      if (t.kind !== 'Utf8' && t.kind !== 'Null') throw new QuiverError('TYPE', `string_agg(${argTypes.map(typeToString).join(', ')}) is not supported: the arguments must be strings`);
    }
    return [DataTypes.utf8, DataTypes.utf8];
  }
  returnType(): DataType {
    return DataTypes.utf8;
  }
  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, distinct: boolean, ordering: readonly AggregateOrdering[] = []): GroupsAccumulator {
    const inner = new StringAggAccumulator(argTypes.map(toArrowType), ordering);
    return distinct ? new DistinctAccumulator(argTypes, inner) : inner;
  }
}

export class StringAggAccumulator extends BufferingAccumulator {
  update(args: readonly arrow.Data[], groupIds: Int32Array): void {
    const value = args[0]!;
    if (value.typeId === arrow.Type.Null || value.nullCount === value.length) return;
    this.rows.append(args, groupIds, value.nullCount > 0 ? selectionFromMask(validityMask(value)) : null);
  }

  evaluate(numGroups: number): arrow.Data {
    const { columns, runs } = this.rows.finish(numGroups, 2, this.ordering);
    const [value, delimiter] = columns as [arrow.Data, arrow.Data];
    const vOffsets = value.valueOffsets as Int32Array;
    const vBytes = value.values as Uint8Array;
    const dOffsets = delimiter.valueOffsets as Int32Array;
    const dBytes = delimiter.values as Uint8Array;
    const dValid = delimiter.nullCount > 0 && delimiter.nullBitmap && delimiter.nullBitmap.length > 0 ? delimiter.nullBitmap : null;
    const dOff = delimiter.offset;
    const delimiterLength = (r: number) => (dValid !== null && !(dValid[(dOff + r) >> 3]! & (1 << ((dOff + r) & 7))) ? 0 : dOffsets[r + 1]! - dOffsets[r]!);
    const offsets = new Int32Array(numGroups + 1);
    const valid = new Uint8Array(numGroups);
    const { indices } = runs;
    for (let g = 0; g < numGroups; g++) {
      let len = 0;
      const from = runs.offsets[g]!;
      const to = runs.offsets[g + 1]!;
      for (let k = from; k < to; k++) {
        const r = indices[k]!;
        len += vOffsets[r + 1]! - vOffsets[r]! + (k > from ? delimiterLength(r) : 0);
      }
      valid[g] = to > from ? 1 : 0;
      offsets[g + 1] = offsets[g]! + len;
    }
    const out = new Uint8Array(offsets[numGroups]!);
    for (let g = 0; g < numGroups; g++) {
      let at = offsets[g]!;
      const from = runs.offsets[g]!;
      for (let k = from; k < runs.offsets[g + 1]!; k++) {
        const r = indices[k]!;
        if (k > from) {
          const dl = delimiterLength(r);
          out.set(dBytes.subarray(dOffsets[r]!, dOffsets[r]! + dl), at);
          at += dl;
        }
        out.set(vBytes.subarray(vOffsets[r]!, vOffsets[r + 1]!), at);
        at += vOffsets[r + 1]! - vOffsets[r]!;
      }
    }
    return makeColumn(new arrow.Utf8(), numGroups, { validity: bitmapFromBytes(valid, numGroups), values: out, offsets });
  }
}

/** A Boolean column that is TRUE where `data` is not NULL. */
function validityMask(data: arrow.Data): arrow.Data {
  const n = data.length;
  const bits = new Uint8Array((n + 7) >> 3);
  const bm = data.nullBitmap!;
  for (let i = 0; i < n; i++) {
    const b = data.offset + i;
    if (bm[b >> 3]! & (1 << (b & 7))) bits[i >> 3]! |= 1 << (i & 7);
  }
  return arrow.makeData({ type: new arrow.Bool(), length: n, nullCount: 0, data: bits });
}
