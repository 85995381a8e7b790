/** Arrow views of raw batches: `RecordBatch`es built with `makeData` over the generated typed arrays. */
import { makeData, RecordBatch, Struct, type Data } from 'apache-arrow';
import type { RawBatch, RawColumn } from './batch.js';
import { tpchSchema, type TpchTable } from './schema.js';

const schemas = new Map<TpchTable, ReturnType<typeof tpchSchema>>();

function schemaOf(table: TpchTable) {
  let schema = schemas.get(table);
  if (!schema) schemas.set(table, (schema = tpchSchema(table)));
  return schema;
}

/** Wraps a raw batch as an Arrow RecordBatch without copying its buffers. */
export function toRecordBatch(batch: RawBatch): RecordBatch {
  const schema = schemaOf(batch.table);
  const length = batch.length;
  const children = batch.columns.map((column: RawColumn, i): Data => {
    const type = schema.fields[i]!.type;
    switch (column.kind) {
      case 'int32':
      case 'date':
        return makeData({ type, length, nullCount: 0, data: column.values });
      case 'int64':
        return makeData({ type, length, nullCount: 0, data: new BigInt64Array(column.words.buffer, column.words.byteOffset, length) });
      case 'decimal':
      case 'quantity':
        return makeData({ type, length, nullCount: 0, data: column.words });
      case 'utf8':
        return makeData({ type, length, nullCount: 0, valueOffsets: column.offsets, data: column.data });
    }
  });
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}
