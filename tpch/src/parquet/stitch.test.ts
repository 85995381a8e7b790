/** Joining one-row-group Parquet parts into one file: order, byte-exact single part, empty table. */
import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { rawBatches } from '../generate.js';
import { tpchSchema } from '../schema.js';
import { encodeEmptyParquet, encodeParquet } from './encode.js';
import { ParquetStitcher } from './stitch.js';

async function stitch(parts: Uint8Array[]): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  const stitcher = new ParquetStitcher(async (bytes) => void out.push(bytes.slice()));
  for (const part of parts) await stitcher.add(part);
  await stitcher.finish();
  return Buffer.concat(out);
}

const part = (start: number, count: number, compression: 'snappy' | 'zstd') =>
  encodeParquet([...rawBatches('nation', 0.01, { start, count })], compression);

describe('ParquetStitcher', () => {
  it('joins one-row-group parts into one readable file, in order', async () => {
    const file = await stitch([part(0, 10, 'snappy'), part(10, 7, 'snappy'), part(17, 8, 'snappy')]);
    const table = tableFromIPC(readParquet(file).intoIPCStream());
    expect(table.numRows).toBe(25);
    expect([...table.getChild('n_nationkey')!]).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(table.getChild('n_name')!.get(24)).toBe('UNITED STATES');
  });

  it('keeps a single part byte for byte', async () => {
    const single = part(0, 25, 'zstd');
    expect(await stitch([single])).toEqual(Buffer.from(single));
  });

  it('writes an empty table from an empty part', async () => {
    const file = await stitch([encodeEmptyParquet(tpchSchema('region'))]);
    expect(tableFromIPC(readParquet(file).intoIPCStream()).numRows).toBe(0);
  });
});
