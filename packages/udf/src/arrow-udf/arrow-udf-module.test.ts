import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes, Scalars, Schema } from '@quiver/common';
import { FunctionRegistry } from '../registry.js';
import { arrowUdfGuest as mockGuest } from '../testing/arrow-udf-guest.js';
import { registerWasmBytes } from '../wasm/register.js';
import { decodeName, encodeName, parseSignature } from './signature.js';

const sigs = { echo: 'echo(float64)->float64', canned: 'canned(int32)->int32', bad: 'bad(int32)->int32' };
const ipc = (columns: Record<string, arrow.Vector>) => arrow.tableToIPC(new arrow.Table(columns), 'file');

/** The unscaled values of a Decimal128 column (null for NULL rows). */
const unscaled = (d: arrow.Data) =>
  Array.from({ length: d.length }, (_, i) =>
    d.nullBitmap && d.nullCount > 0 && !((d.nullBitmap[i >> 3]! >> (i & 7)) & 1)
      ? null
      : BigInt.asIntN(128, [0, 1, 2, 3].reduce((v, k) => v | (BigInt((d.values as Uint32Array)[4 * i + k]!) << BigInt(32 * k)), 0n)),
  );

describe('arrow-udf export names', () => {
  it('decodes the signature from the base64 export name', () => {
    expect(encodeName('echo(float64)->float64')).toBe('arrowudf_ZWNobyhmbG9hdDY0KS0$ZmxvYXQ2NA');
    expect(decodeName('ZWNobyhmbG9hdDY0KS0$ZmxvYXQ2NA')).toBe('echo(float64)->float64');
    expect(parseSignature('series(int32)->>int32')).toEqual({ name: 'series', args: ['int32'], ret: 'int32', table: true });
    expect(parseSignature('gcd(int32,int32)->int32')).toEqual({ name: 'gcd', args: ['int32', 'int32'], ret: 'int32', table: false });
    expect(decodeName('not base64!')).toBeNull();
  });
});

describe('arrow-udf modules', () => {
  const ok = ipc({ canned: arrow.vectorFromArray([7, null, 9], new arrow.Int32()) });

  it('registers the functions its export names declare and runs them over IPC files', async () => {
    const registry = new FunctionRegistry();
    expect(await registerWasmBytes(registry, mockGuest(ok, sigs), { name: 'rw.wasm' })).toEqual([
      'echo(DOUBLE) -> DOUBLE [arrow-udf]',
      'canned(INTEGER) -> INTEGER [arrow-udf]',
      'bad(INTEGER) -> INTEGER [arrow-udf]',
    ]);
    const x = arrow.vectorFromArray([1.5, null, 3], new arrow.Float64());
    const echo = registry.scalarFunction('echo')!;
    expect(echo.volatility).toBe('volatile');
    expect([...new arrow.Vector([echo.invoke([{ kind: 'array', data: x.data[0]! }], 3, DataTypes.float64)])]).toEqual([1.5, null, 3]);
    expect([...new arrow.Vector([echo.invoke([{ kind: 'scalar', value: Scalars.float64(2) }], 2, DataTypes.float64)])]).toEqual([2, 2]);
    const canned = registry.scalarFunction('canned')!.invoke([{ kind: 'scalar', value: Scalars.int32(1) }], 3, DataTypes.int32);
    expect([...new arrow.Vector([canned])]).toEqual([7, null, 9]);
  });

  it('reports guest errors, per-row errors and results of the wrong shape', async () => {
    const registry = new FunctionRegistry();
    const perRow = ipc({ canned: arrow.vectorFromArray([1, null], new arrow.Int32()), error: arrow.vectorFromArray([null, 'division by zero'], new arrow.Utf8()) });
    await registerWasmBytes(registry, mockGuest(perRow, sigs), { name: 'rw.wasm' });
    const one = [{ kind: 'scalar' as const, value: Scalars.int32(1) }];
    expect(() => registry.scalarFunction('bad')!.invoke(one, 2, DataTypes.int32)).toThrow('function bad(INTEGER) (rw.wasm, arrow-udf) failed: boom');
    expect(() => registry.scalarFunction('canned')!.invoke(one, 2, DataTypes.int32)).toThrow('function canned(INTEGER) (rw.wasm, arrow-udf) failed at row 1 of the batch: division by zero');
    const shaped = new FunctionRegistry();
    await registerWasmBytes(shaped, mockGuest(ok, sigs), { name: 'rw.wasm' });
    expect(() => shaped.scalarFunction('canned')!.invoke(one, 5, DataTypes.int32)).toThrow(/expected 5 values of INTEGER, got 3 of Int32/);
  });

  it('passes decimals as text and reads decimal text back as DECIMAL(38,10)', async () => {
    const registry = new FunctionRegistry();
    await registerWasmBytes(registry, mockGuest(ok, { ...sigs, echo: 'echo(decimal)->decimal' }), { name: 'rw.wasm' });
    const echo = registry.scalarFunction('echo')!;
    // DECIMAL(12,2) arguments are cast to DECIMAL(38,10) by planning; the text round-trips exactly.
    expect(echo.coerceArgs([DataTypes.decimal(12, 2)])).toEqual([DataTypes.decimal(38, 10)]);
    const words = new Uint32Array([1234, 0, 0, 0, 0, 0, 0, 0, 0xfffffffb, 0xffffffff, 0xffffffff, 0xffffffff]);
    const input = arrow.makeData({ type: new arrow.Decimal(10, 38, 128), length: 3, nullCount: 1, nullBitmap: Uint8Array.of(0b101), data: words });
    const out = echo.invoke([{ kind: 'array', data: input }], 3, DataTypes.decimal(38, 10));
    expect(out.type).toEqual(new arrow.Decimal(10, 38, 128));
    expect(unscaled(out)).toEqual([1234n, null, -5n]);
    const one = [{ kind: 'scalar' as const, value: Scalars.int32(1) }];
    const parsed = new FunctionRegistry();
    await registerWasmBytes(parsed, mockGuest(ipc({ canned: arrow.vectorFromArray(['1.00000000005', '-2.5', null], new arrow.Utf8()) }), { ...sigs, canned: 'canned(int32)->decimal' }));
    expect(unscaled(parsed.scalarFunction('canned')!.invoke(one, 3, DataTypes.decimal(38, 10)))).toEqual([10000000001n, -25000000000n, null]);
    const bad = new FunctionRegistry();
    await registerWasmBytes(bad, mockGuest(ipc({ canned: arrow.vectorFromArray(['1', 'x'], new arrow.Utf8()) }), { ...sigs, canned: 'canned(int32)->decimal' }), { name: 'rw.wasm' });
    expect(() => bad.scalarFunction('canned')!.invoke(one, 2, DataTypes.decimal(38, 10))).toThrow("returned a bad result at row 1 of the batch: 'x' is not a decimal");
  });

  it('runs table functions through the batch iterator, with the input row of every output row', async () => {
    const batch = ipc({ row: arrow.vectorFromArray([0, 0, 2], new arrow.Int32()), series: arrow.vectorFromArray([10, 11, 12], new arrow.Int32()) });
    const registry = new FunctionRegistry();
    const captured: arrow.Table[] = [];
    const toSource = (t: arrow.Table) => {
      captured.push(t);
      return { schema: Schema.fromArrow(t.schema) };
    };
    const signatures = await registerWasmBytes(registry, mockGuest(ok, sigs, undefined, { signature: 'series(int32)->>int32', batch }), { name: 'rw.wasm' }, toSource);
    expect(signatures).toContain('series(INTEGER) ->> INTEGER [arrow-udf]');
    const series = registry.tableFunction('series')!;
    const chunks = [...series.lateral!.invoke([{ kind: 'array', data: arrow.vectorFromArray([3, 0, 1], new arrow.Int32()).data[0]! }], 3)];
    expect(chunks.map((c) => [...c.rowIndex])).toEqual([[0, 0, 2]]);
    expect([...new arrow.Vector([chunks[0]!.columns[0]!])]).toEqual([10, 11, 12]);
    // The iterator was dropped, so the next call starts over; constants give a table.
    series.call([Scalars.int32(3)]);
    expect([...captured[0]!.getChild('series')!]).toEqual([10, 11, 12]);
    await expect(registerWasmBytes(new FunctionRegistry(), mockGuest(ok, sigs, undefined, { signature: 'series(int32)->>int32', batch }))).rejects.toThrow(/table functions need a table source factory/);
  });

  it('runs scalar and table functions in the sandbox worker; an endless loop hits the deadline', async () => {
    // The worker runs the built host (dist/); `npm test` builds before testing.
    const batch = ipc({ row: arrow.vectorFromArray([0, 1], new arrow.Int32()), series: arrow.vectorFromArray([5, 6], new arrow.Int32()) });
    const guest = mockGuest(ok, { ...sigs, spin: 'spin(int32)->int32' }, undefined, { signature: 'series(int32)->>int32', batch });
    const registry = new FunctionRegistry();
    const toSource = (t: arrow.Table) => ({ schema: Schema.fromArrow(t.schema) });
    expect(await registerWasmBytes(registry, guest, { name: 'rw.wasm', deadlineMs: 500 }, toSource)).toEqual([
      'echo(DOUBLE) -> DOUBLE [arrow-udf]',
      'canned(INTEGER) -> INTEGER [arrow-udf]',
      'bad(INTEGER) -> INTEGER [arrow-udf]',
      'spin(INTEGER) -> INTEGER [arrow-udf]',
      'series(INTEGER) ->> INTEGER [arrow-udf]',
    ]);
    const echo = registry.scalarFunction('echo')!;
    expect(echo.volatility).toBe('volatile');
    const x = arrow.vectorFromArray([1.5, null], new arrow.Float64()).data[0]!;
    expect([...new arrow.Vector([echo.invoke([{ kind: 'array', data: x }], 2, DataTypes.float64)])]).toEqual([1.5, null]);
    const one = [{ kind: 'scalar' as const, value: Scalars.int32(1) }];
    expect(() => registry.scalarFunction('bad')!.invoke(one, 1, DataTypes.int32)).toThrow('function bad(INTEGER) (rw.wasm, arrow-udf) failed: boom');
    expect(() => registry.scalarFunction('spin')!.invoke(one, 1, DataTypes.int32)).toThrow(
      /function spin\(int32\) -> int32 \(rw\.wasm\) exceeded the 500 ms deadline; the sandbox worker was terminated/,
    );
    expect([...new arrow.Vector([echo.invoke([{ kind: 'array', data: x }], 2, DataTypes.float64)])]).toEqual([1.5, null]);
    const chunks = [...registry.tableFunction('series')!.lateral!.invoke([{ kind: 'array', data: arrow.vectorFromArray([3, 4], new arrow.Int32()).data[0]! }], 2)];
    expect(chunks.map((c) => [[...c.rowIndex], [...new arrow.Vector([c.columns[0]!])]])).toEqual([[[0, 1], [5, 6]]]);
  });

  it('rejects newer ABI majors and unsupported types', async () => {
    await expect(registerWasmBytes(new FunctionRegistry(), mockGuest(ok, sigs, 'ARROWUDF_VERSION_4_0'))).rejects.toThrow(/arrow-udf ABI 4.0 is not supported/);
    await expect(registerWasmBytes(new FunctionRegistry(), mockGuest(ok, { ...sigs, echo: 'series(int32)->>int32' }))).rejects.toThrow(/no function export "record_batch_iterator_next"/);
    await expect(registerWasmBytes(new FunctionRegistry(), mockGuest(ok, { ...sigs, echo: 'j(json)->json' }))).rejects.toThrow(/arrow-udf type json, json is not supported/);
  });
});
