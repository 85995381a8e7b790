/**
 * Encodes raw batches as one complete Parquet file with a single row group: Arrow RecordBatches →
 * Arrow IPC stream buffer → parquet-wasm `writeParquet` (snappy or zstd). Runs on worker threads;
 * `ParquetStitcher` joins the parts.
 */
import { Table, tableToIPC, type Schema } from 'apache-arrow';
import { Compression, Table as WasmTable, writeParquet, WriterPropertiesBuilder } from 'parquet-wasm';
import { toRecordBatch } from '../arrow.js';
import type { RawBatch } from '../batch.js';
import { tpchSchema } from '../schema.js';

export type ParquetCompression = 'snappy' | 'zstd';

export function encodeParquet(batches: readonly RawBatch[], compression: ParquetCompression): Uint8Array {
  return encode(new Table(tpchSchema(batches[0]!.table), batches.map(toRecordBatch)), compression);
}

/** A Parquet file with no rows, for empty tables and chunks. */
export function encodeEmptyParquet(schema: Schema): Uint8Array {
  return encode(new Table(schema), 'snappy');
}

function encode(table: Table, compression: ParquetCompression): Uint8Array {
  const properties = new WriterPropertiesBuilder()
    .setCompression(compression === 'zstd' ? Compression.ZSTD : Compression.SNAPPY)
    .setMaxRowGroupSize(Math.max(1, table.numRows))
    .build();
  return writeParquet(WasmTable.fromIPCStream(tableToIPC(table, 'stream')), properties);
}
