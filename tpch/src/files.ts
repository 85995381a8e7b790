/**
 * Streaming file writers for generated data: `.tbl` text, Arrow IPC files, and Parquet (Arrow IPC
 * per batch → parquet-wasm's streaming writer, snappy or zstd). Each consumes an async sequence
 * and keeps only a few batches in memory.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { RecordBatchFileWriter, Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import {
  Compression,
  Table as WasmTable,
  transformParquetStream,
  WriterPropertiesBuilder,
  type RecordBatch as WasmRecordBatch,
} from 'parquet-wasm';

export type ParquetCompression = 'snappy' | 'zstd';

async function write(out: Writable, bytes: Uint8Array): Promise<void> {
  if (!out.write(bytes)) await once(out, 'drain');
}

async function close(out: Writable): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/** Writes byte buffers to `path` in order; calls `onChunk` after each. */
export async function writeBytesFile(
  path: string,
  chunks: AsyncIterable<Uint8Array>,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<void> {
  const out = createWriteStream(path);
  for await (const chunk of chunks) {
    await write(out, chunk);
    onChunk?.(chunk);
  }
  await close(out);
}

/** Writes batches as an Arrow IPC file; calls `onBatch` after each. */
export async function writeArrowFile(
  path: string,
  batches: AsyncIterable<RecordBatch>,
  onBatch?: (batch: RecordBatch) => void,
): Promise<void> {
  const out = createWriteStream(path);
  const writer = new RecordBatchFileWriter();
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

/** Writes batches as one Parquet file (one row group per 1 Mi rows); calls `onBatch` after each. */
export async function writeParquetFile(
  path: string,
  batches: AsyncIterable<RecordBatch>,
  compression: ParquetCompression,
  onBatch?: (batch: RecordBatch) => void,
): Promise<void> {
  const iterator = batches[Symbol.asyncIterator]();
  const input = new ReadableStream<WasmRecordBatch>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      const wasm = WasmTable.fromIPCStream(tableToIPC(new Table(next.value), 'stream'));
      for (const batch of wasm.recordBatches()) controller.enqueue(batch);
      onBatch?.(next.value);
    },
  });
  const properties = new WriterPropertiesBuilder()
    .setCompression(compression === 'zstd' ? Compression.ZSTD : Compression.SNAPPY)
    .setMaxRowGroupSize(1024 * 1024)
    .build();
  const output = await transformParquetStream(input, properties);
  await writeBytesFile(path, output as unknown as AsyncIterable<Uint8Array>);
}
