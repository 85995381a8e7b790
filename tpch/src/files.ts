/**
 * Streaming file writers for generated data: byte sequences (`.tbl` text), Arrow IPC files, and
 * Parquet parts joined into one file. Each consumes an async sequence and keeps only a few batches
 * in memory.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { RecordBatchFileWriter, type RecordBatch, type Schema } from 'apache-arrow';
import { ParquetStitcher } from './parquet/stitch.js';

async function write(out: Writable, bytes: Uint8Array): Promise<void> {
  if (!out.write(bytes)) await once(out, 'drain');
}

async function close(out: Writable): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/** Writes byte buffers to `path` in order. */
export async function writeBytesFile(path: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const out = createWriteStream(path);
  for await (const chunk of chunks) await write(out, chunk);
  await close(out);
}

/** Writes batches of `schema` as an Arrow IPC file (valid also with no batches); calls `onBatch` after each. */
export async function writeArrowFile(
  path: string,
  schema: Schema,
  batches: AsyncIterable<RecordBatch>,
  onBatch?: (batch: RecordBatch) => void,
): Promise<void> {
  const out = createWriteStream(path);
  const writer = new RecordBatchFileWriter().reset(undefined, schema);
  const drain = (async () => {
    for await (const bytes of writer) await write(out, bytes);
  })();
  for await (const batch of batches) {
    writer.write(batch);
    onBatch?.(batch);
  }
  writer.finish();
  await drain;
  await close(out);
}

/**
 * Writes Parquet files that share a schema (such as the parts from `generateParquetAsync`) as one
 * Parquet file whose row groups are theirs, in order.
 */
export async function writeParquetParts(path: string, parts: AsyncIterable<Uint8Array>, schema: Schema): Promise<void> {
  const out = createWriteStream(path);
  const stitcher = new ParquetStitcher((bytes) => write(out, bytes));
  let any = false;
  for await (const part of parts) {
    await stitcher.add(part);
    any = true;
  }
  if (!any) await stitcher.add((await import('./parquet/encode.js')).encodeEmptyParquet(schema));
  await stitcher.finish();
  await close(out);
}
