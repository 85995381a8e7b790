import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { fromArrowType, Scalars, Schema, Field } from '@quiver/common';
import type { TableSource } from '@quiver/planner';
import { buildGuest } from '../testing/guest-runtime.js';
import { series } from '../testing/guests.js';
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
});
