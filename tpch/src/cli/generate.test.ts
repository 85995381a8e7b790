/** The generate command: dbgen-identical .tbl files (whole and chunked), readable Arrow IPC and Parquet files, empty chunks, argument errors. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { OFFICIAL_TBL } from '../check/official.js';
import { runGenerate } from './generate.js';

const out = mkdtempSync(join(tmpdir(), 'tpch-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('generate command', () => {
  it('writes dbgen-identical .tbl files, also in chunks', async () => {
    await runGenerate(['--sf', '0.01', '--format', 'tbl', '--out', join(out, 'tbl'), '--tables', 'nation,supplier']);
    expect(sha256(join(out, 'tbl', 'nation.tbl'))).toBe(OFFICIAL_TBL['0.01']!.nation.sha256);
    expect(sha256(join(out, 'tbl', 'supplier.tbl'))).toBe(OFFICIAL_TBL['0.01']!.supplier.sha256);

    await runGenerate(['--sf', '0.01', '--out', join(out, 'chunks'), '--tables', 'supplier', '--chunks', '3']);
    expect(readdirSync(join(out, 'chunks')).sort()).toEqual(['supplier.tbl.1', 'supplier.tbl.2', 'supplier.tbl.3']);
    const joined = Buffer.concat([1, 2, 3].map((k) => readFileSync(join(out, 'chunks', `supplier.tbl.${k}`))));
    expect(createHash('sha256').update(joined).digest('hex')).toBe(OFFICIAL_TBL['0.01']!.supplier.sha256);
  });

  it('writes Arrow IPC and Parquet files', async () => {
    await runGenerate(['--sf', '0.01', '--format', 'arrow', '--out', join(out, 'arrow'), '--tables', 'customer']);
    const arrow = tableFromIPC(readFileSync(join(out, 'arrow', 'customer.arrow')));
    expect(arrow.numRows).toBe(1500);
    expect(arrow.getChild('c_name')!.get(0)).toBe('Customer#000000001');

    await runGenerate(['--sf', '0.01', '--format', 'parquet', '--compression', 'zstd', '--out', join(out, 'pq'), '--tables', 'region,customer']);
    const parquet = tableFromIPC(readParquet(readFileSync(join(out, 'pq', 'customer.parquet'))).intoIPCStream());
    expect(parquet.numRows).toBe(1500);
    expect(parquet.getChild('c_name')!.get(1499)).toBe('Customer#000001500');
  });

  it('writes valid empty files for empty chunks', async () => {
    // region has 5 rows: with 7 chunks, chunks 1 to 6 are empty and chunk 7 has all five
    for (const format of ['arrow', 'parquet']) {
      await runGenerate(['--sf', '0.01', '--format', format, '--out', join(out, 'empty'), '--tables', 'region', '--chunks', '7']);
    }
    const read = (name: string) =>
      name.endsWith('.arrow')
        ? tableFromIPC(readFileSync(join(out, 'empty', name)))
        : tableFromIPC(readParquet(readFileSync(join(out, 'empty', name))).intoIPCStream());
    for (const name of ['region.1.arrow', 'region.1.parquet']) {
      expect(read(name).numRows, name).toBe(0);
      expect(read(name).schema.fields.map((f) => f.name), name).toEqual(['r_regionkey', 'r_name', 'r_comment']);
    }
    expect(read('region.7.arrow').numRows).toBe(5);
    expect(read('region.7.parquet').numRows).toBe(5);
  });

  it('rejects bad arguments', async () => {
    await expect(runGenerate(['--sf', '1', '--format', 'csv', '--out', out])).rejects.toThrow(/format/);
    await expect(runGenerate(['--format', 'tbl', '--out', out])).rejects.toThrow(/--sf/);
    await expect(runGenerate(['--sf', '1', '--out', out, '--tables', 'nope'])).rejects.toThrow(/nope/);
  });
});
