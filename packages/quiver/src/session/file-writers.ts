/**
 * The built-in file writers: a query's record batches to a Parquet file (parquet-wasm, zstd) or to
 * RFC 4180 CSV with a header line. CSV is written batch by batch; Parquet gathers the result first.
 */
import * as arrow from 'apache-arrow';
import type { Schema } from '@quiver/common';
import { renderCsv } from '../format/render.js';

export async function writeParquetFile(path: string, batches: AsyncIterable<arrow.RecordBatch>, schema: Schema): Promise<void> {
  const collected: arrow.RecordBatch[] = [];
  for await (const b of batches) collected.push(b);
  const table = collected.length ? new arrow.Table(collected) : new arrow.Table(schema.toArrow());
  const pq = await import('parquet-wasm');
  const properties = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.ZSTD).build();
  const bytes = pq.writeParquet(pq.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), properties);
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, bytes);
}

export async function writeCsvFile(path: string, batches: AsyncIterable<arrow.RecordBatch>, schema: Schema): Promise<void> {
  const { open } = await import('node:fs/promises');
  const file = await open(path, 'w');
  try {
    await file.write(renderCsv(new arrow.Table(schema.toArrow())));
    for await (const b of batches) await file.write(renderCsv(new arrow.Table([b]), false));
  } finally {
    await file.close();
  }
}
