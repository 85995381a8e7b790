/**
 * Encodes raw batches as one complete Parquet file with a single row group: Arrow RecordBatches →
 * Arrow IPC stream buffer → parquet-wasm `writeParquet` (snappy or zstd; dictionary encoding only
 * for columns with repeating values). Runs on worker threads;
 * `ParquetStitcher` joins the parts.
 */
import { Table, tableToIPC, type Schema } from 'apache-arrow';
import { Compression, Table as WasmTable, writeParquet, WriterPropertiesBuilder } from 'parquet-wasm';
import { toRecordBatch } from '../arrow.js';
import type { RawBatch } from '../batch.js';
import { COLUMNS, tpchSchema } from '../schema.js';

export type ParquetCompression = 'snappy' | 'zstd';

/** Columns written without a dictionary (see `ColumnSpec.distinct`). */
const DISTINCT = new Set(Object.values(COLUMNS).flatMap((columns) => columns.filter((c) => c.distinct).map((c) => c.name)));

export function encodeParquet(batches: readonly RawBatch[], compression: ParquetCompression): Uint8Array {
  return encode(new Table(tpchSchema(batches[0]!.table), batches.map(toRecordBatch)), compression);
}

/** A Parquet file with no rows, for empty tables and chunks. */
export function encodeEmptyParquet(schema: Schema): Uint8Array {
  return encode(new Table(schema), 'snappy');
}

function encode(table: Table, compression: ParquetCompression): Uint8Array {
  let properties = new WriterPropertiesBuilder()
    .setCompression(compression === 'zstd' ? Compression.ZSTD : Compression.SNAPPY)
    .setMaxRowGroupSize(Math.max(1, table.numRows));
  for (const field of table.schema.fields) {
    if (DISTINCT.has(field.name)) properties = properties.setColumnDictionaryEnabled(field.name, false);
  }
  return writeParquet(WasmTable.fromIPCStream(tableToIPC(table, 'stream')), properties.build());
}
