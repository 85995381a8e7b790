import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes, Scalars } from '@quiver/common';
import { FunctionRegistry } from '../registry.js';
import { arrowUdfGuest as mockGuest } from '../testing/arrow-udf-guest.js';
import { registerWasmBytes } from '../wasm/register.js';
import { decodeName, encodeName, parseSignature } from './signature.js';

const sigs = { echo: 'echo(float64)->float64', canned: 'canned(int32)->int32', bad: 'bad(int32)->int32' };
const ipc = (columns: Record<string, arrow.Vector>) => arrow.tableToIPC(new arrow.Table(columns), 'file');

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

  it('rejects newer ABI majors, table functions and unsupported types', async () => {
    await expect(registerWasmBytes(new FunctionRegistry(), mockGuest(ok, sigs, 'ARROWUDF_VERSION_4_0'))).rejects.toThrow(/arrow-udf ABI 4.0 is not supported/);
    await expect(registerWasmBytes(new FunctionRegistry(), mockGuest(ok, { ...sigs, echo: 'series(int32)->>int32' }))).rejects.toThrow(/table functions are not supported yet/);
    await expect(registerWasmBytes(new FunctionRegistry(), mockGuest(ok, { ...sigs, echo: 'j(json)->json' }))).rejects.toThrow(/arrow-udf type json, json is not supported/);
  });
});
