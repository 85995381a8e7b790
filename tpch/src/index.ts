/**
 * @quiver/tpch — a TPC-H data generator that reproduces dbgen 2.14 byte for byte, as Arrow
 * RecordBatches, `.tbl` text, Arrow IPC or Parquet files, or tables registered in a session.
 */
export {
  generateBatches,
  generateBatchesAsync,
  generateParquetAsync,
  generateTable,
  generateTbl,
  generateTblAsync,
  tableRowCount,
  type ParallelOptions,
  type TpchOptions,
} from './api.js';
export { GENERATE_USAGE, runGenerate } from './cli/generate.js';
export { writeArrowFile, writeBytesFile, writeParquetParts } from './files.js';
export type { ParquetCompression } from './parquet/encode.js';
export { defaultThreads, WorkerPool } from './parallel.js';
export { registerTpch, type RegisterTpchOptions, type TableRegistry } from './register.js';
export { COLUMNS, TPCH_TABLES, tpchSchema, type ColumnKind, type ColumnSpec, type TpchTable } from './schema.js';
export { q11SpecFraction, tpchQueries, type TpchQueryOptions, type TpchSpelling } from './queries/tpch-queries.js';
