/**
 * Record batch helpers: building a batch from column Data, and the batch-level forms of the
 * take/filter/slice/concatenate kernels.
 */
import * as arrow from 'apache-arrow';
import { takeData } from './take.js';
import { concatData } from './concat.js';
import { selectionFromMask } from './filter.js';

/**
 * A record batch of `schema` over `columns` (each `length` rows long). Built without the
 * RecordBatch constructor, which re-checks every column's length and copies the schema per batch;
 * a column-less batch (the one row a SELECT without FROM reads) keeps its length this way too.
 */
export function makeBatch(schema: arrow.Schema, columns: readonly arrow.Data[], length: number): arrow.RecordBatch {
  let type = structTypes.get(schema);
  if (type === undefined) structTypes.set(schema, (type = new arrow.Struct(schema.fields)));
  const batch = Object.create(arrow.RecordBatch.prototype) as { schema: arrow.Schema; data: arrow.Data<arrow.Struct> };
  batch.schema = schema;
  batch.data = new arrow.Data(type, 0, length, 0, [undefined, undefined, NO_NULLS] as never, columns as arrow.Data[]);
  return batch as unknown as arrow.RecordBatch;
}

/** The struct type of each schema's batches, made once. */
const structTypes = new WeakMap<arrow.Schema, arrow.Struct>();
const NO_NULLS = new Uint8Array(0);

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
