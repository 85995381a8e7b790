/**
 * Record batch helpers: building a batch from column Data, and the batch-level forms of the
 * take/filter/slice/concatenate kernels.
 */
import * as arrow from 'apache-arrow';
import { takeData } from './take.js';
import { concatData } from './concat.js';
import { selectionFromMask } from './filter.js';

export function makeBatch(schema: arrow.Schema, columns: readonly arrow.Data[], length: number): arrow.RecordBatch {
  const data = arrow.makeData({ type: new arrow.Struct(schema.fields), length, nullCount: 0, children: columns as arrow.Data[] });
  const batch = new arrow.RecordBatch(schema, data);
  // apache-arrow derives a batch's length from its columns, so a column-less batch (the one row a
  // SELECT without FROM reads) would have 0 rows: give it back its struct data.
  if (columns.length === 0 && length > 0) (batch as { data: arrow.Data<arrow.Struct> }).data = data;
  return batch;
}

/** The columns of a batch, in schema order. */
export function columnsOf(batch: arrow.RecordBatch): arrow.Data[] {
  return batch.data.children as arrow.Data[];
}

export function takeBatch(batch: arrow.RecordBatch, indices: Int32Array): arrow.RecordBatch {
  return makeBatch(batch.schema, columnsOf(batch).map((c) => takeData(c, indices)), indices.length);
}

export function filterBatch(batch: arrow.RecordBatch, mask: arrow.Data): arrow.RecordBatch {
  const sel = selectionFromMask(mask);
  return sel.length === batch.numRows ? batch : takeBatch(batch, sel);
}

export function sliceBatch(batch: arrow.RecordBatch, offset: number, length: number): arrow.RecordBatch {
  return makeBatch(batch.schema, columnsOf(batch).map((c) => c.slice(offset, length)), length);
}

/** One batch holding the rows of all `batches` (which share `schema`). */
export function concatBatches(schema: arrow.Schema, batches: readonly arrow.RecordBatch[]): arrow.RecordBatch {
  if (batches.length === 1) return batches[0]!;
  let length = 0;
  for (const b of batches) length += b.numRows;
  const columns = schema.fields.map((f, i) => concatData(f.type, batches.map((b) => columnsOf(b)[i]!)));
  return makeBatch(schema, columns, length);
}
