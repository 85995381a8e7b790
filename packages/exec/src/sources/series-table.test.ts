import { describe, expect, it } from 'vitest';
import { DataTypes as T, type ScalarValue } from '@quiver/common';
import { column, collectRows, testContext, valuesOf } from '../test-helpers.js';
import { SeriesTableFunction } from './series-table.js';
import type { TableProvider } from './table-provider.js';

const int = (v: number | null): ScalarValue => ({ type: T.int64, value: v === null ? null : BigInt(v) });

async function values(name: 'generate_series' | 'range', args: (number | null)[], batchSize = 8192, limit: number | null = null): Promise<number[]> {
  const table = new SeriesTableFunction(name).call(args.map(int)) as TableProvider;
  const rows = await collectRows(table.scan(null, [], limit), testContext({ batchSize }));
  return rows.map((r) => Number(r[0] as bigint));
}

describe('generate_series / range in FROM', () => {
  it('generate_series includes stop, range excludes it; one argument counts from 0', async () => {
    expect(await values('generate_series', [1, 5])).toEqual([1, 2, 3, 4, 5]);
    expect(await values('range', [1, 5])).toEqual([1, 2, 3, 4]);
    expect(await values('generate_series', [3])).toEqual([0, 1, 2, 3]);
    expect(await values('range', [3])).toEqual([0, 1, 2]);
  });

  it('steps, negative steps, empty series and NULL arguments', async () => {
    expect(await values('generate_series', [0, 10, 4])).toEqual([0, 4, 8]);
    expect(await values('range', [10, 0, -3])).toEqual([10, 7, 4, 1]);
    expect(await values('generate_series', [5, 1])).toEqual([]);
    expect(await values('range', [1, null])).toEqual([]);
    expect(() => new SeriesTableFunction('range').call([int(1), int(5), int(0)])).toThrow(/step cannot be 0/);
  });

  it('is produced batch by batch, honours a LIMIT and reports its row count', async () => {
    expect(await values('range', [0, 10], 4)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await values('range', [-3, 1000], 4, 5)).toEqual([-3, -2, -1, 0, 1]);
    expect(new SeriesTableFunction('range').call([int(7)]).statistics!().rowCount).toEqual({ precision: 'exact', value: 7 });
  });

  it('values beyond 32 and 53 bits are exact', async () => {
    const table = new SeriesTableFunction('generate_series').call([int(-4294967297), int(-4294967295)]) as TableProvider;
    expect((await collectRows(table.scan(null, [], null))).map((r) => r[0])).toEqual([-4294967297n, -4294967296n, -4294967295n]);
    const big: ScalarValue = { type: T.int64, value: 9223372036854775806n };
    const top = new SeriesTableFunction('generate_series').call([big, { type: T.int64, value: 9223372036854775807n }]) as TableProvider;
    expect((await collectRows(top.scan(null, [], null))).map((r) => r[0])).toEqual([9223372036854775806n, 9223372036854775807n]);
  });

  it('rejects non-integer arguments and wrong arity', () => {
    expect(() => new SeriesTableFunction('range').call([{ type: T.utf8, value: 'a' }])).toThrow(/must be integers/);
    expect(() => new SeriesTableFunction('range').call([])).toThrow(/1 to 3 arguments/);
  });
});

describe('generate_series in LATERAL', () => {
  it('gives every argument row its series, with the row it came from', () => {
    const fn = new SeriesTableFunction('generate_series').lateral;
    const chunks = [...fn.invoke([{ kind: 'scalar', value: int(1) }, { kind: 'array', data: column(T.int64, [2n, 0n, 3n]) }], 3)];
    expect(chunks.flatMap((c) => valuesOf(c.columns[0]!))).toEqual([1n, 2n, 1n, 2n, 3n]);
    expect(chunks.flatMap((c) => [...c.rowIndex])).toEqual([0, 0, 2, 2, 2]);
  });
});
