import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arrowData, makeColumn } from './make-column.js';
import { makeBatch } from './record-batch.js';

describe('Arrow data built directly', () => {
  it('makes columns apache-arrow reads, sees NULLs in and serializes (Buffer values viewed as plain bytes)', () => {
    const ints = makeColumn(new arrow.Int32(), 3, { validity: Uint8Array.of(0b101), values: Int32Array.of(7, 0, 9) });
    const strings = arrowData(new arrow.Utf8(), 2, 0, null, Buffer.from('abcd'), Int32Array.of(0, 1, 4));
    expect(strings.values.constructor).toBe(Uint8Array);
    const decimals = arrowData(new arrow.Decimal(2, 15, 128), 1, 0, null, Int32Array.of(-5, -1, -1, -1));
    expect(decimals.values).toBeInstanceOf(Uint32Array);
    const schema = new arrow.Schema([new arrow.Field('i', new arrow.Int32()), new arrow.Field('s', new arrow.Utf8())]);
    const batch = makeBatch(schema, [ints, strings.slice(0, 2)], 2);
    expect(batch).toBeInstanceOf(arrow.RecordBatch);
    expect(batch.numRows).toBe(2);
    expect(ints.nullCount).toBe(1);
    const table = arrow.tableFromIPC(arrow.tableToIPC(new arrow.Table([makeBatch(schema, [ints.slice(0, 2), strings], 2)])));
    expect(table.toArray().map((r) => r.toJSON())).toEqual([{ i: 7, s: 'a' }, { i: null, s: 'bcd' }]);
    expect(new arrow.Vector([decimals]).get(0)).toEqual(new arrow.Vector([arrow.makeData({ type: new arrow.Decimal(2, 15, 128), length: 1, data: Uint32Array.of(2 ** 32 - 5, 2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1) })]).get(0));
  });

  it('keeps the row count of a batch without columns (SELECT without FROM)', () => {
    const batch = makeBatch(new arrow.Schema([]), [], 1);
    expect(batch.numRows).toBe(1);
    expect(batch.numCols).toBe(0);
  });
});
