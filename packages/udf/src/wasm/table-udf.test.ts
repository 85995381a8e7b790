import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { fromArrowType, Scalars, Schema, Field } from '@quiver/common';
import type { TableSource } from '@quiver/planner';
import { buildGuest } from '../testing/guest-runtime.js';
import { rowSeries, series } from '../testing/guests.js';
import { FunctionRegistry } from '../registry.js';
import { registerWasmFunctions } from './register.js';
import { WasmUdfModule } from './udf-module.js';

/** The table a call produced, kept as the "source" so the test can read it. */
interface Captured extends TableSource {
  readonly table: arrow.Table;
}
const capture = (table: arrow.Table): Captured => ({
  table,
  schema: new Schema(table.schema.fields.map((f) => new Field(f.name, fromArrowType(f.type), true))),
});

async function registry(): Promise<FunctionRegistry> {
  const bytes = buildGuest({
    manifest: { abi: '1.0', functions: [{ name: 'series', kind: 'table', args: ['int32'], columns: [{ name: 'i', type: 'int32' }] }] },
    functions: series,
  });
  const r = new FunctionRegistry();
  expect(registerWasmFunctions(r, await WasmUdfModule.load(bytes, { name: 'series.wasm' }), capture)).toEqual(['series(int32) -> table(i int32)']);
  return r;
}

describe('WebAssembly table functions', () => {
  it('collects the rows of every _next call, across several batches', async () => {
    const r = await registry();
    const small = r.tableFunction('series')!.call([Scalars.int32(5)]) as Captured;
    expect(small.schema.fields.map((f) => f.name)).toEqual(['i']);
    expect([...small.table.getChild('i')!]).toEqual([0, 1, 2, 3, 4]);
    const big = r.tableFunction('series')!.call([Scalars.int32(20000)]) as Captured;
    expect(big.table.batches.map((b) => b.numRows)).toEqual([8192, 8192, 3616]);
    expect(big.table.getChild('i')!.get(19999)).toBe(19999);
  });

  it('returns an empty table for no rows or a NULL argument, and checks argument types', async () => {
    const r = await registry();
    expect((r.tableFunction('series')!.call([Scalars.int32(0)]) as Captured).table.numRows).toBe(0);
    expect((r.tableFunction('series')!.call([Scalars.int32(null)]) as Captured).table.numRows).toBe(0);
    expect(() => r.tableFunction('series')!.call([Scalars.utf8('x')])).toThrow(/function series\(VARCHAR\) does not exist; candidates: series\(INTEGER\)/);
  });

  it('takes a whole batch of argument rows in its batch (LATERAL) form, with the input row of every output row', async () => {
    const bytes = buildGuest({
      manifest: { abi: '1.0', functions: [{ name: 'row_series', kind: 'table', args: ['int32'], columns: [{ name: 'i', type: 'int32' }] }] },
      functions: rowSeries,
    });
    const r = new FunctionRegistry();
    registerWasmFunctions(r, await WasmUdfModule.load(bytes, { name: 'rows.wasm' }), capture);
    const lateral = r.tableFunction('row_series')!.lateral!;
    expect(lateral.strict).toBe(true);
    expect(lateral.outputFields([{ kind: 'Int32' }]).map((f) => f.name)).toEqual(['i']);
    const n = arrow.vectorFromArray(new Int32Array([2, 0, 3])).data[0]!;
    const chunks = [...lateral.invoke([{ kind: 'array', data: n }], 3)];
    expect(chunks.length).toBe(1);
    expect([...chunks[0]!.rowIndex]).toEqual([0, 0, 2, 2, 2]);
    expect([...(chunks[0]!.columns[0]!.values as Int32Array)]).toEqual([0, 1, 0, 1, 2]);
    // 10,000 rows for one input row span two _next calls; indices continue across chunks.
    const big = [...lateral.invoke([{ kind: 'array', data: arrow.vectorFromArray(new Int32Array([1, 10000])).data[0]! }], 2)];
    expect(big.map((c) => c.rowIndex.length)).toEqual([8192, 1809]);
    expect(big[1]!.rowIndex[1808]).toBe(1);
    // Stopping early closes the handle and the instance is reused.
    for (const chunk of lateral.invoke([{ kind: 'array', data: arrow.vectorFromArray(new Int32Array([20000])).data[0]! }], 1)) {
      expect(chunk.rowIndex.length).toBe(8192);
      break;
    }
    expect([...lateral.invoke([{ kind: 'scalar', value: Scalars.int32(2) }], 2)][0]!.rowIndex).toEqual(new Int32Array([0, 0, 1, 1]));
  });
});
