/**
 * The library API: a table (or chunk k of n of it) as Arrow RecordBatches, `.tbl` bytes or Parquet
 * parts, synchronously in the calling thread or asynchronously on worker threads, and exact row counts.
 */
import { Table, type RecordBatch } from 'apache-arrow';
import { toRecordBatch } from './arrow.js';
import { rawBatches, selectRange } from './generate.js';
import type { ParquetCompression } from './parquet/encode.js';
import { orderedResults, WorkerPool } from './parallel.js';
import { RowStream } from './random.js';
import { tpchSchema, type TpchTable } from './schema.js';
import { formatTbl } from './tbl.js';
import { MAX_LINES } from './tables/orders.js';
import { SUPPLIERS_PER_PART } from './tables/partsupp.js';

/** What to generate: scale factor and optionally chunk `chunk` (1-based) of `chunks`. */
export interface TpchOptions {
  readonly sf: number;
  readonly chunk?: number;
  readonly chunks?: number;
}

/** How to run asynchronous generation. */
export interface ParallelOptions {
  /** Worker threads to start (default: one per core when more than one core is available; 0 = this thread). */
  readonly threads?: number;
  /** An existing pool to use instead of starting one (it is not closed). */
  readonly workers?: WorkerPool;
}

/** dbgen draws customer and part keys from a 64-bit generator from this scale factor on; not implemented. */
const MAX_SF = 30_000;

function checkSf(sf: number): void {
  if (!(sf > 0) || !(sf < MAX_SF)) throw new RangeError(`scale factor must be a number in (0, ${MAX_SF}), got ${sf}`);
}

/** Arrow batches of a table, generated in the calling thread. */
export function* generateBatches(table: TpchTable, options: TpchOptions): Generator<RecordBatch, void, undefined> {
  checkSf(options.sf);
  for (const batch of rawBatches(table, options.sf, selectRange(table, options.sf, options))) {
    yield toRecordBatch(batch);
  }
}

/** `.tbl` bytes of a table (one buffer per batch), generated in the calling thread. */
export function* generateTbl(table: TpchTable, options: TpchOptions): Generator<Uint8Array, void, undefined> {
  checkSf(options.sf);
  for (const batch of rawBatches(table, options.sf, selectRange(table, options.sf, options))) {
    yield formatTbl(batch);
  }
}

async function* withWorkers<T>(
  options: ParallelOptions,
  body: (workers: WorkerPool | undefined) => AsyncGenerator<T, void, undefined>,
): AsyncGenerator<T, void, undefined> {
  const workers = options.workers ?? WorkerPool.create(options.threads);
  try {
    yield* body(workers);
  } finally {
    if (workers && workers !== options.workers) await workers.close();
  }
}

/** Arrow batches of a table, generated on worker threads. */
export function generateBatchesAsync(
  table: TpchTable,
  options: TpchOptions & ParallelOptions,
): AsyncGenerator<RecordBatch, void, undefined> {
  checkSf(options.sf);
  const range = selectRange(table, options.sf, options);
  return withWorkers(options, async function* (workers) {
    for await (const result of orderedResults(table, options.sf, range, 'raw', workers)) {
      for (const batch of result.batches!) yield toRecordBatch(batch);
    }
  });
}

/** `.tbl` bytes of a table, generated and formatted on worker threads; `onRows` counts the rows of each buffer. */
export function generateTblAsync(
  table: TpchTable,
  options: TpchOptions & ParallelOptions & { readonly onRows?: (rows: number) => void },
): AsyncGenerator<Uint8Array, void, undefined> {
  checkSf(options.sf);
  const range = selectRange(table, options.sf, options);
  return withWorkers(options, async function* (workers) {
    for await (const result of orderedResults(table, options.sf, range, 'tbl', workers)) {
      yield* result.bytes!;
      options.onRows?.(result.rows);
    }
  });
}

/**
 * A table as Parquet, encoded on worker threads: a sequence of complete one-row-group Parquet
 * files (about 256 Ki rows each) that `writeParquetParts` joins into one file.
 */
export function generateParquetAsync(
  table: TpchTable,
  options: TpchOptions & ParallelOptions & { readonly compression?: ParquetCompression; readonly onRows?: (rows: number) => void },
): AsyncGenerator<Uint8Array, void, undefined> {
  checkSf(options.sf);
  const range = selectRange(table, options.sf, options);
  return withWorkers(options, async function* (workers) {
    for await (const result of orderedResults(table, options.sf, range, 'parquet', workers, options.compression)) {
      yield* result.bytes!;
      options.onRows?.(result.rows);
    }
  });
}

/** A whole table (or chunk) as an Arrow Table. */
export async function generateTable(table: TpchTable, options: TpchOptions & ParallelOptions): Promise<Table> {
  const batches: RecordBatch[] = [];
  for await (const batch of generateBatchesAsync(table, options)) batches.push(batch);
  return new Table(tpchSchema(table), batches);
}

/** Exact number of rows of a table (or chunk); for lineitem this replays the orders' line counts. */
export function tableRowCount(table: TpchTable, options: TpchOptions): number {
  checkSf(options.sf);
  const range = selectRange(table, options.sf, options);
  if (table === 'partsupp') return range.count * SUPPLIERS_PER_PART;
  if (table !== 'lineitem') return range.count;
  const lineCount = new RowStream(1434868289, 1);
  lineCount.advanceRows(range.start);
  let rows = 0;
  for (let i = 0; i < range.count; i++) {
    rows += lineCount.next(1, MAX_LINES);
    lineCount.rowFinished();
  }
  return rows;
}
