import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes, QuiverError } from '@quiver/common';
import { buildGuest, type GuestOptions } from '../testing/guest-runtime.js';
import { bomb, D, echoFixed, lying, shout, sumsq } from '../testing/guests.js';
import { op } from '../testing/wasm-builder.js';
import { WasmAggregateFunction } from './aggregate-udf.js';
import { WasmBuilder } from '../testing/wasm-builder.js';
import { WasmScalarFunction } from './scalar-udf.js';
import { WasmUdfModule } from './udf-module.js';

const echoManifest = { abi: '1.0', functions: [{ name: 'echo', args: ['int32'], ret: 'int32', export: 'echo_fixed' }] };
const load = (options: Partial<GuestOptions>, maxMemoryBytes?: number) =>
  WasmUdfModule.load(buildGuest({ manifest: echoManifest, functions: [echoFixed], ...options }), { name: 'bad.wasm', maxMemoryBytes });

async function rejects(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(QuiverError);
  expect((err as QuiverError).code).toBe(code);
  expect((err as QuiverError).message).toMatch(message);
}

function int32Column(values: number[]) {
  return { kind: 'array' as const, data: arrow.vectorFromArray(values, new arrow.Int32()).data[0]! };
}

describe('UDF module loading', () => {
  it('loads a well-formed module and reads its manifest', async () => {
    const module = await load({});
    expect(module.manifest.functions.map((f) => [f.name, f.export, f.nulls, f.volatility])).toEqual([['echo', 'echo_fixed', 'strict', 'immutable']]);
  });

  it('rejects bytes that are not WebAssembly', async () => {
    await rejects(WasmUdfModule.load(new TextEncoder().encode('not wasm')), 'WASM', /not a WebAssembly module/);
  });

  it('rejects forbidden imports before instantiating', async () => {
    await rejects(load({ imports: [{ module: 'env', name: 'system', params: [], results: [] }] }), 'WASM', /forbidden import env\.system \(function\)/);
    await rejects(load({ imports: [{ module: 'wasi_snapshot_preview1', name: 'path_open', params: [], results: [] }] }), 'WASM', /forbidden import wasi_snapshot_preview1\.path_open/);
  });

  it('accepts the deterministic WASI subset and the host module', async () => {
    const module = await load({
      imports: [
        { module: 'wasi_snapshot_preview1', name: 'fd_write', params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] },
        { module: 'qe_udf', name: 'log', params: ['i32', 'i32', 'i32'], results: [] },
      ],
    });
    expect(module.manifest.functions).toHaveLength(1);
  });

  it('rejects modules missing a required export', async () => {
    await rejects(load({ omit: ['qe_alloc'] }), 'WASM', /missing function export "qe_alloc"/);
    await rejects(load({ omit: ['memory'] }), 'WASM', /missing memory export "memory"/);
  });

  it('rejects an unsupported ABI version', async () => {
    await rejects(load({ abiVersion: 0x20000 }), 'WASM', /ABI version 2\.0 is not supported/);
  });

  it('rejects lying manifests', async () => {
    await rejects(load({ sectionManifest: JSON.stringify({ ...echoManifest, functions: [{ name: 'other', args: ['int32'], ret: 'int32', export: 'echo_fixed' }] }) }), 'WASM', /differs from the "qe_udf.manifest" custom section/);
    await rejects(load({ sectionManifest: null }), 'WASM', /expected one custom section/);
    await rejects(load({ manifest: { abi: '1.0', functions: [{ name: 'ghost', args: ['int32'], ret: 'int32' }] } }), 'WASM', /lists scalar function ghost but the module does not export "ghost"/);
    await rejects(load({ manifest: { abi: '1.0', functions: [{ name: 'echo', args: ['uint128'], ret: 'int32' }] } }), 'WASM', /echo\): args\[0\]: unknown type 'uint128'/);
    await rejects(load({ manifest: '{"abi":"1.0","functions":' }), 'WASM', /invalid manifest: not JSON/);
    await rejects(load({ manifest: { abi: '1.0', functions: [{ name: 'g', kind: 'aggregate', args: ['int32'], ret: 'int32', state_size: 8 }] } }), 'WASM', /lists aggregate function g but the module does not export "g_init"/);
  });

  it('rejects shared memory and an initial memory over the cap', async () => {
    const b = new WasmBuilder();
    b.memory(4, null);
    await rejects(WasmUdfModule.load(b.build(), { maxMemoryBytes: 2 * 65536 }), 'RESOURCES', /needs 256 KiB of memory at start, over the cap of 128 KiB/);
  });
});

describe('hostile modules', () => {
  it('caps memory: a memory bomb hits the cap inside the guest and the session goes on', async () => {
    const manifest = { abi: '1.0', functions: [{ name: 'bomb', args: ['int32'], ret: 'int32' }, { name: 'echo', args: ['int32'], ret: 'int32', export: 'echo_fixed' }] };
    const module = await load({ manifest, functions: [bomb, echoFixed] }, 4 * 1024 * 1024);
    const fns = module.manifest.functions.map((f) => new WasmScalarFunction(module, f));
    expect(() => fns[0]!.invoke([int32Column([1])], 1)).toThrow(/bomb\(int32\) -> int32 \(bad.wasm\) failed with status 3/);
    const inst = module.acquire();
    expect(inst.memory.buffer.byteLength).toBeLessThanOrEqual(4 * 1024 * 1024);
    module.release(inst);
    expect([...new arrow.Vector([fns[1]!.invoke([int32Column([7, 8])], 2)])]).toEqual([7, 8]);
  });

  it('rejects out-of-bounds result pointers and absurd lengths, and discards the instance', async () => {
    const manifest = {
      abi: '1.0',
      functions: [
        { name: 'oob', args: ['int32'], ret: 'int32' },
        { name: 'misaligned', args: ['int32'], ret: 'int32' },
        { name: 'huge', args: ['utf8'], ret: 'utf8' },
        { name: 'shrunk', args: ['int32'], ret: 'int32' },
        { name: 'shout', args: ['utf8'], ret: 'utf8' },
      ],
    };
    const module = await load({
      manifest,
      functions: [lying('oob', D.data, 0x7fff_fff0), lying('misaligned', D.data, 2047), lying('huge', D.dataLen, 0x7fff_ffff), lying('shrunk', D.length, 0), shout],
    });
    const [oob, misaligned, huge, shrunk, shoutFn] = module.manifest.functions.map((f) => new WasmScalarFunction(module, f));
    const strings = { kind: 'array' as const, data: arrow.vectorFromArray(['a', 'b'], new arrow.Utf8()).data[0]! };
    const first = module.acquire();
    module.release(first);
    expect(() => oob!.invoke([int32Column([1, 2])], 2)).toThrow(/oob\(int32\) -> int32 \(bad.wasm\) returned a bad result: data buffer of 8 bytes at 2147483632 lies outside/);
    expect(module.acquire()).not.toBe(first);
    expect(() => misaligned!.invoke([int32Column([1, 2])], 2)).toThrow(/data pointer 2047 is not aligned to 4 bytes/);
    expect(() => huge!.invoke([strings], 2)).toThrow(/data_len 2147483647 exceeds the module's memory/);
    expect(() => shrunk!.invoke([int32Column([1, 2])], 2)).toThrow(/length 0, expected 2/);
    expect([...new arrow.Vector([shoutFn!.invoke([strings], 2)])]).toEqual(['A', 'B']);
  });

  it('fails an aggregation whose update traps mid-batch, and later aggregations get a fresh instance', async () => {
    const manifest = { abi: '1.0', functions: [{ name: 'sumsq', kind: 'aggregate', args: ['float64'], ret: 'float64', state_size: 16 }] };
    // sumsq_update traps on the third row: after two rows it executes `unreachable`.
    const trapping = { ...sumsq[1]!, export: 'sumsq_update', body: () => [op.i32Const(2), op.globalSet(1), op.unreachable] };
    const module = await load({ manifest, functions: [sumsq[0]!, trapping, sumsq[2]!] });
    const agg = new WasmAggregateFunction(module, module.manifest.functions[0]!);
    const acc = agg.createAccumulator([DataTypes.float64], DataTypes.float64, false);
    const x = arrow.vectorFromArray([1, 2, 3], new arrow.Float64()).data[0]!;
    expect(() => acc.update([x], Int32Array.from([0, 0, 1]), 2)).toThrow(/aggregate sumsq\(float64\) -> float64 \(bad.wasm\) trapped at row 2 of the batch: unreachable/);
    expect(() => acc.update([x], Int32Array.from([0, 0, 1]), 2)).toThrow(/the module instance failed earlier in this aggregation/);
    const fresh = agg.createAccumulator([DataTypes.float64], DataTypes.float64, false);
    expect([...new arrow.Vector([fresh.evaluate(2)])]).toEqual([null, null]);
  });

  it('checks the offsets a guest returns', async () => {
    const manifest = { abi: '1.0', functions: [{ name: 'backwards', args: ['utf8'], ret: 'utf8' }] };
    // Writes offsets [0, 5, 2] into the host's offsets buffer.
    const backwards = {
      export: 'backwards', params: ['i32', 'i32', 'i32', 'i32'] as const, results: ['i32'] as const,
      body: () => [
        [0x20, 3, 0x28, 2, D.offsets], [0x41, 5], [0x36, 2, 4],
        [0x20, 3, 0x28, 2, D.offsets], [0x41, 2], [0x36, 2, 8],
        [0x41, 0],
      ],
    };
    const module = await load({ manifest, functions: [backwards] });
    const fn = new WasmScalarFunction(module, module.manifest.functions[0]!);
    const strings = { kind: 'array' as const, data: arrow.vectorFromArray(['a', 'b'], new arrow.Utf8()).data[0]! };
    expect(() => fn.invoke([strings], 2)).toThrow(/offsets decrease at row 1/);
  });

  it('names the type in coercion errors', async () => {
    const module = await load({});
    const fn = new WasmScalarFunction(module, module.manifest.functions[0]!);
    expect(() => fn.coerceArgs([DataTypes.utf8])).toThrow(/function echo\(VARCHAR\) does not exist; candidates: echo\(INTEGER\)/);
  });
});
