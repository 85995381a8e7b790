import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectRows, testContext } from '../test-helpers.js';
import { MemTable } from './mem-table.js';
import { ParquetTable } from './parquet-table.js';
import { ArrowIpcTable } from './arrow-ipc-table.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quiver-sources-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An Arrow table with a dictionary string column, unsigned ints, millisecond dates and NULLs. */
function sampleTable(rows = 10): arrow.Table {
  return arrow.tableFromArrays({
    id: Int32Array.from({ length: rows }, (_, i) => i),
    name: Array.from({ length: rows }, (_, i) => (i % 4 === 3 ? null : `n${i % 3}`)),
    u: Uint16Array.from({ length: rows }, (_, i) => 65535 - i),
    day: arrow.vectorFromArray(Array.from({ length: rows }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i))), new arrow.DateMillisecond()),
  });
}

describe('MemTable', () => {
  it('normalizes Arrow columns to Quiver types and scans with projection, batch size and limit', async () => {
    const t = MemTable.fromArrow(sampleTable());
    expect(t.schema.fields.map((f) => `${f.name}:${f.type.kind}`)).toEqual(['id:Int32', 'name:Utf8', 'u:Int32', 'day:Date32']);
    const sizes: number[] = [];
    for await (const b of t.scan([3, 1], [], null).execute(testContext({ batchSize: 4 }))) sizes.push(b.numRows);
    expect(sizes).toEqual([4, 4, 2]);
    const rows = await collectRows(t.scan(null, [], 4));
    expect(rows).toEqual([
      [0, 'n0', 65535, 18262],
      [1, 'n1', 65534, 18263],
      [2, 'n2', 65533, 18264],
      [3, null, 65532, 18265],
    ]);
  });
});

describe('ParquetTable', () => {
  function writeParquet(path: string, table: arrow.Table, rowGroupSize: number): void {
    const props = new pq.WriterPropertiesBuilder().setMaxRowGroupSize(rowGroupSize).build();
    writeFileSync(path, pq.writeParquet(pq.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), props));
  }

  it('reads row groups with column projection in the requested order', async () => {
    const path = join(dir, 'sample.parquet');
    writeParquet(path, sampleTable(10), 4);
    const t = await ParquetTable.open(path);
    expect(t.rowGroups).toBe(3);
    expect(t.schema.fields.map((f) => `${f.name}:${f.type.kind}`)).toEqual(['id:Int32', 'name:Utf8', 'u:Int32', 'day:Date32']);
    const scan = t.scan([1, 0], [], null);
    expect(scan.schema.fields.map((f) => f.name)).toEqual(['name', 'id']);
    const rows = await collectRows(scan);
    expect(rows).toHaveLength(10);
    expect(rows.slice(2, 5)).toEqual([['n2', 2], [null, 3], ['n1', 4]]);
    expect(await collectRows(t.scan([2, 3], [], 5))).toEqual([[65535, 18262], [65534, 18263], [65533, 18264], [65532, 18265], [65531, 18266]]);
  });

  it('reads TIME columns of millisecond and microsecond units as microseconds since midnight', async () => {
    const path = join(dir, 'times.parquet');
    const millis = arrow.makeData({ type: new arrow.TimeMillisecond(), length: 3, data: Int32Array.of(1, 45_296_789, 0), nullBitmap: Uint8Array.of(0b011) });
    const micros = arrow.makeData({ type: new arrow.TimeMicrosecond(), length: 3, data: BigInt64Array.of(1n, 86_399_999_999n, 7n) });
    writeParquet(path, new arrow.Table({ ms: arrow.makeVector(millis), us: arrow.makeVector(micros) }), 2);
    const t = await ParquetTable.open(path);
    expect(t.schema.fields.map((f) => `${f.name}:${f.type.kind}`)).toEqual(['ms:Time', 'us:Time']);
    expect(await collectRows(t.scan(null, [], null))).toEqual([[1000n, 1n], [45_296_789_000n, 86_399_999_999n], [null, 7n]]);
  });

  it('fails with an IO error naming the file when missing or not Parquet', async () => {
    await expect(ParquetTable.open(join(dir, 'missing.parquet'))).rejects.toMatchObject({ code: 'IO', message: expect.stringContaining('missing.parquet') });
    const bad = join(dir, 'bad.parquet');
    writeFileSync(bad, 'not parquet at all');
    await expect(ParquetTable.open(bad)).rejects.toMatchObject({ code: 'IO', message: expect.stringMatching(/bad\.parquet: cannot read as Parquet/) });
  });

  const lineitem = '/work/shared/tpch/reference-parquet/sf0.01/lineitem.parquet';
  it(`reads TPC-H lineitem${existsSync(lineitem) ? '' : ' (file absent: checks only that a missing file is reported)'}`, async () => {
    if (!existsSync(lineitem)) {
      console.warn(`${lineitem} not found: the TPC-H Parquet sanity check ran in its reduced form`);
      await expect(ParquetTable.open(lineitem)).rejects.toMatchObject({ code: 'IO' });
      return;
    }
    const t = await ParquetTable.open(lineitem);
    const names = t.schema.fields.map((f) => f.name);
    const cols = ['l_shipdate', 'l_extendedprice', 'l_returnflag'].map((n) => names.indexOf(n));
    let rows = 0;
    for await (const b of t.scan(cols, [], null).execute(testContext())) {
      rows += b.numRows;
      expect(b.schema.fields.map((f) => String(f.type))).toEqual(['Date32<DAY>', 'Decimal[15e+2]', 'Utf8']);
    }
    expect(rows).toBe(60175);
  });
});

describe('ArrowIpcTable', () => {
  it('reads both the file and the stream format', async () => {
    for (const format of ['file', 'stream'] as const) {
      const path = join(dir, `sample.${format}.arrow`);
      writeFileSync(path, arrow.tableToIPC(sampleTable(), format));
      const t = await ArrowIpcTable.open(path);
      expect(t.numRows).toBe(10);
      expect((await collectRows(t.scan([1], [], 2)))).toEqual([['n0'], ['n1']]);
    }
  });

  it('fails with an IO error naming the file when missing or not Arrow', async () => {
    await expect(ArrowIpcTable.open(join(dir, 'nope.arrow'))).rejects.toMatchObject({ code: 'IO', message: expect.stringContaining('nope.arrow') });
    const bad = join(dir, 'bad.arrow');
    writeFileSync(bad, 'definitely not arrow');
    await expect(ArrowIpcTable.open(bad)).rejects.toMatchObject({ code: 'IO', message: expect.stringContaining('bad.arrow') });
  });
});
