import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { statValue } from '@quiver/planner';
import { ParquetTable } from './parquet-table.js';
import { CsvTable } from './csv-table.js';
import { MemTable } from './mem-table.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quiver-footer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sample(rows: number): arrow.Table {
  return arrow.tableFromArrays({
    id: Int32Array.from({ length: rows }, (_, i) => 100 + i),
    big: BigInt64Array.from({ length: rows }, (_, i) => BigInt(i % 5) - 2n),
    x: Float64Array.from({ length: rows }, (_, i) => i / 4),
    name: Array.from({ length: rows }, (_, i) => (i % 4 === 3 ? null : `n${i % 3}`)),
  });
}

describe('Parquet footer statistics', () => {
  it('reads row counts, min/max and null counts per row group and sums them for the table', async () => {
    const path = join(dir, 'stats.parquet');
    const props = new pq.WriterPropertiesBuilder().setMaxRowGroupSize(4).build();
    writeFileSync(path, pq.writeParquet(pq.Table.fromIPCStream(arrow.tableToIPC(sample(10), 'stream')), props));
    const t = await ParquetTable.open(path);
    expect(t.rowGroupStatistics.map((g) => g.numRows)).toEqual([4, 4, 2]);
    expect(t.rowGroupStatistics.map((g) => [g.columns[0]!.min!.value, g.columns[0]!.max!.value])).toEqual([[100, 103], [104, 107], [108, 109]]);
    const s = t.statistics();
    expect(s.rowCount).toEqual({ precision: 'exact', value: 10 });
    const [id, big, x, name] = s.columns;
    expect([statValue(id!.min)?.value, statValue(id!.max)?.value, statValue(id!.distinctCount)]).toEqual([100, 109, 10]);
    expect(id!.distinctCount.precision).toBe('estimated');
    expect([statValue(big!.min)?.value, statValue(big!.max)?.value, statValue(big!.distinctCount)]).toEqual([-2n, 2n, 5]);
    expect([statValue(x!.min)?.value, statValue(x!.max)?.value, statValue(x!.distinctCount)]).toEqual([-0, 2.25, 10]) // Parquet writes a zero minimum as -0.0; disjoint row groups: dictionary sizes add up;
    expect([statValue(name!.min)?.value, statValue(name!.max)?.value, statValue(name!.nullCount)]).toEqual(['n0', 'n2', 2]);
    // Distinct strings from the dictionary pages: overlapping row groups, so the largest dictionary.
    expect(t.rowGroupStatistics.map((g) => g.columns[3]!.dictionarySize)).toEqual([3, 3, 2]);
    expect(name!.distinctCount).toEqual({ precision: 'estimated', value: 3 });
  });
});

describe('table statistics of other sources', () => {
  it('MemTable computes exact counts and min/max once, on first use', () => {
    const t = MemTable.fromArrow(sample(8));
    const s = t.statistics();
    expect(t.statistics()).toBe(s);
    expect(statValue(s.rowCount)).toBe(8);
    expect(statValue(s.columns[3]!.nullCount)).toBe(2);
    expect(statValue(s.columns[3]!.distinctCount)).toBe(3);
  });

  it('CsvTable estimates its row count from the file size and a sample', async () => {
    const small = join(dir, 'small.csv');
    writeFileSync(small, 'a,b\n1,x\n2,y\n3,z\n');
    expect((await CsvTable.open(small)).statistics().rowCount).toEqual({ precision: 'estimated', value: 3 });
    const large = join(dir, 'large.csv');
    writeFileSync(large, 'a,b\n' + Array.from({ length: 50_000 }, (_, i) => `${i % 10},abcdef\n`).join(''));
    const rows = statValue((await CsvTable.open(large)).statistics().rowCount)!;
    expect(Math.abs(rows - 50_000) / 50_000).toBeLessThan(0.05);
  });
});
