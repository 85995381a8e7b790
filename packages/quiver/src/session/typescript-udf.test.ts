import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes, QuiverError } from '@quiver/common';
import type { AggregateFunction, ColumnarValue, GroupsAccumulator, ScalarFunction } from '@quiver/planner';
import { SessionContext } from './context.js';
import { col, fn } from '../expr-helpers.js';

/** Values and validity of a DOUBLE argument, a column or one value for every row. */
function doubles(arg: ColumnarValue, numRows: number): { at: (i: number) => number; valid: (i: number) => boolean } {
  if (arg.kind === 'scalar') {
    const v = arg.value.value as number | null;
    return { at: () => v ?? 0, valid: () => v !== null };
  }
  const data = arg.data as arrow.Data<arrow.Float64>;
  const bits = data.nullBitmap;
  return {
    at: (i) => data.values[i]!,
    valid: (i) => !bits || data.nullCount === 0 || ((bits[(data.offset + i) >> 3]! >> ((data.offset + i) & 7)) & 1) === 1,
  };
}

/** `clamp(x, lo, hi)`: x limited to [lo, hi]; NULL when any argument is. Written against typed arrays. */
const clamp: ScalarFunction = {
  name: 'clamp',
  volatility: 'immutable',
  coerceArgs(types) {
    if (types.length !== 3) throw new QuiverError('TYPE', `clamp takes 3 arguments, got ${types.length}`);
    return [DataTypes.float64, DataTypes.float64, DataTypes.float64];
  },
  returnType: () => DataTypes.float64,
  invoke(args, numRows) {
    const [x, lo, hi] = args.map((a) => doubles(a, numRows)) as [ReturnType<typeof doubles>, ReturnType<typeof doubles>, ReturnType<typeof doubles>];
    const out = new Float64Array(numRows);
    const validity = new Uint8Array((numRows + 7) >> 3);
    let nulls = 0;
    for (let i = 0; i < numRows; i++) {
      if (!(x.valid(i) && lo.valid(i) && hi.valid(i))) {
        nulls++;
        continue;
      }
      out[i] = Math.min(hi.at(i), Math.max(lo.at(i), x.at(i)));
      validity[i >> 3]! |= 1 << (i & 7);
    }
    return arrow.makeData({ type: new arrow.Float64(), length: numRows, nullCount: nulls, nullBitmap: nulls ? validity : null, data: out });
  },
};

/** `geomean(x)`: the geometric mean of the non-NULL values of each group. */
const geomean: AggregateFunction = {
  name: 'geomean',
  coerceArgs: () => [DataTypes.float64],
  returnType: () => DataTypes.float64,
  createAccumulator(): GroupsAccumulator {
    let logs = new Float64Array(16);
    let counts = new Float64Array(16);
    return {
      update([arg], groupIds, numGroups) {
        if (numGroups > logs.length) {
          const size = Math.max(numGroups, logs.length * 2);
          logs = grow(logs, size);
          counts = grow(counts, size);
        }
        const x = doubles({ kind: 'array', data: arg! }, groupIds.length);
        for (let i = 0; i < groupIds.length; i++) {
          if (!x.valid(i)) continue;
          logs[groupIds[i]!]! += Math.log(x.at(i));
          counts[groupIds[i]!]! += 1;
        }
      },
      evaluate(numGroups) {
        const out = new Float64Array(numGroups);
        const validity = new Uint8Array((numGroups + 7) >> 3);
        let nulls = 0;
        for (let g = 0; g < numGroups; g++) {
          if (counts[g] === 0) nulls++;
          else {
            out[g] = Math.exp(logs[g]! / counts[g]!);
            validity[g >> 3]! |= 1 << (g & 7);
          }
        }
        return arrow.makeData({ type: new arrow.Float64(), length: numGroups, nullCount: nulls, nullBitmap: nulls ? validity : null, data: out });
      },
      memoryBytes: () => logs.byteLength + counts.byteLength,
    };
  },
};

function grow(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

const readings = () =>
  new arrow.Table({
    sensor: arrow.vectorFromArray(['a', 'a', 'b', 'b', 'c'], new arrow.Utf8()),
    value: arrow.vectorFromArray([2, 8, 1, 100, null], new arrow.Float64()),
  });

describe('functions written in TypeScript', () => {
  it('register in the session registry and run from SQL and from DataFrames like built-ins', async () => {
    const ctx = await SessionContext.create();
    ctx.functions.registerScalar(clamp);
    ctx.functions.registerAggregate(geomean);
    ctx.registerTable('readings', readings());
    const sql = await (await ctx.sql('SELECT sensor, geomean(value) AS g, max(clamp(value, 0, 10)) AS m FROM readings GROUP BY sensor ORDER BY sensor')).collect();
    const round = (g: number | null) => (g === null ? null : Math.round(g * 1e9) / 1e9);
    expect(sql.toArray().map((r) => ({ ...r.toJSON(), g: round(r.g as number | null) }))).toEqual([
      { sensor: 'a', g: 4, m: 8 },
      { sensor: 'b', g: 10, m: 10 },
      { sensor: 'c', g: null, m: null },
    ]);
    const df = ctx.table('readings').select('sensor', fn('clamp', col('value'), 0, 10).alias('c')).filter(col('c').eq(10));
    expect((await df.collect()).toArray().map((r) => r.toJSON())).toEqual([{ sensor: 'b', c: 10 }]);
    await expect(ctx.sql('SELECT clamp(value, 1) FROM readings')).rejects.toThrow('clamp takes 3 arguments, got 2');
  });
});

