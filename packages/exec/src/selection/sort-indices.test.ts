import { describe, expect, it } from 'vitest';
import { DataTypes as T, type DataType } from '@quiver/common';
import { column } from '../test-helpers.js';
import { sortIndices } from './sort-indices.js';

/** Reference: stable JS sort of row indices with an explicit comparator over plain values. */
function reference(values: unknown[], asc: boolean, nullsFirst: boolean): number[] {
  const cmp = (x: unknown, y: unknown): number => {
    if (typeof x === 'string') return Buffer.compare(Buffer.from(x), Buffer.from(y as string));
    if (typeof x === 'number' && (Number.isNaN(x) || Number.isNaN(y as number))) return Number(Number.isNaN(x)) - Number(Number.isNaN(y as number));
    return x! < y! ? -1 : x! > y! ? 1 : 0;
  };
  return [...values.keys()].sort((a, b) => {
    const x = values[a];
    const y = values[b];
    if (x === null || y === null) return x === y ? 0 : (x === null) === nullsFirst ? -1 : 1;
    return asc ? cmp(x, y) : -cmp(x, y);
  });
}

const rnd = (i: number) => ((i * 2654435761) % 1009) - 504;
const cases: [string, DataType, (i: number) => unknown][] = [
  ['Int32', T.int32, (i) => rnd(i)],
  ['Float64 with -0, infinities and NaN', T.float64, (i) => [rnd(i) / 7, -0, 0, Infinity, -Infinity, NaN][i % 6]],
  ['Int64 beyond 2^53', T.int64, (i) => BigInt(rnd(i)) * 2n ** 50n + BigInt(i % 3)],
  ['Utf8 with shared prefixes', T.utf8, (i) => `prefix${rnd(i) % 5}`.slice(0, 6 + (i % 3)) + 'é'.repeat(i % 2)],
  ['Date32', T.date32, (i) => rnd(i) * 3],
];

describe('sortIndices', () => {
  for (const [name, type, gen] of cases) {
    for (const withNulls of [false, true]) {
      for (const [asc, nullsFirst] of [[true, false], [false, true], [true, true], [false, false]] as const) {
        it(`${name}${withNulls ? ' with NULLs' : ''} ${asc ? 'ASC' : 'DESC'} NULLS ${nullsFirst ? 'FIRST' : 'LAST'} is a stable sort`, () => {
          const values = Array.from({ length: 300 }, (_, i) => (withNulls && i % 11 === 0 ? null : gen(i)));
          const perm = sortIndices([{ data: column(type, values), asc, nullsFirst }], values.length);
          const expected = reference(values, asc, nullsFirst);
          // -0 and 0 are equal keys, so their relative order follows the input either way
          expect(Array.from(perm)).toEqual(expected);
        });
      }
    }
  }

  it('breaks ties on later keys', () => {
    const a = column(T.int32, [1, 0, 1, 0]);
    const b = column(T.utf8, ['x', 'y', 'w', 'z']);
    const keys = [{ data: a, asc: true, nullsFirst: false }, { data: b, asc: false, nullsFirst: false }];
    expect(Array.from(sortIndices(keys, 4))).toEqual([3, 1, 0, 2]);
  });
});
