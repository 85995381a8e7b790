import * as arrow from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataTypes, QuiverError, toArrowType, type DataType } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { componentGuest, dummyComponent, readUdfWit } from '../testing/component-guest.js';
import { typeName } from '../wasm/manifest.js';
import { ComponentAggregateFunction } from './aggregate-udf.js';
import { ComponentUdfModule } from './component-module.js';
import { ComponentScalarFunction } from './scalar-udf.js';
import { transpileComponent } from './transpile.js';

const f64 = (v: (number | null)[]): ColumnarValue & { kind: 'array' } => ({ kind: 'array', data: arrow.vectorFromArray(v, new arrow.Float64()).data[0]! });
const values = (d: arrow.Data) => new arrow.Vector([d]).toJSON();

async function rejects(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(QuiverError);
  expect((err as QuiverError).code).toBe(code);
  expect((err as QuiverError).message).toMatch(message);
}

function scalar(module: ComponentUdfModule, name: string): ComponentScalarFunction {
  return new ComponentScalarFunction(module, module.manifest.functions.find((f) => f.name === name)!);
}
const call = (fn: ComponentScalarFunction, args: ColumnarValue[], n: number, ret: DataType = DataTypes.float64) => values(fn.invoke(args, n, ret));

describe('UDF components (quiver:udf/udf-component through jco)', () => {
  let guest: Uint8Array;
  let module: ComponentUdfModule;
  beforeAll(async () => {
    guest = await componentGuest();
    module = await ComponentUdfModule.load(guest, { name: 'guest.wasm' });
  });

  it('reads the manifest from the component and transpiles each distinct component once', async () => {
    expect(module.manifest.functions.map((f) => [f.name, f.kind, f.export])).toEqual([
      ['affine', 'scalar', 'affine'],
      ['shout', 'scalar', 'shout'],
      ['checked', 'scalar', 'fail'],
      ['crash', 'scalar', 'trap'],
      ['hog', 'scalar', 'hog'],
      ['lie', 'scalar', 'lie'],
      ['wsum', 'aggregate', 'wsum'],
    ]);
    expect(await transpileComponent(guest.slice(), 'again.wasm')).toBe(await transpileComponent(guest, 'guest.wasm'));
  });

  it('runs a float64 scalar a batch per call; strict NULLs come from the host, constants are broadcast', () => {
    const affine = scalar(module, 'affine');
    expect(call(affine, [f64([1, 2.5, null, -4])], 4)).toEqual([3, 6, null, -7]);
    expect(call(affine, [{ kind: 'scalar', value: { type: DataTypes.float64, value: 10 } }], 3)).toEqual([21, 21, 21]);
    expect(call(affine, [{ kind: 'scalar', value: { type: DataTypes.float64, value: null } }], 2)).toEqual([null, null]);
    const big = Array.from({ length: 10_000 }, (_, i) => i / 4);
    expect(call(affine, [f64(big)], big.length)).toEqual(big.map((x) => x * 2 + 1));
  });

  it('gives a called-on-NULL function the NULL rows and keeps its validity', async () => {
    const manifest = { abi: '1.0', functions: [{ name: 'affine_all', args: ['float64'], ret: 'float64', export: 'affine', nulls: 'called' }] };
    const m = await ComponentUdfModule.load(await componentGuest(manifest));
    expect(call(scalar(m, 'affine_all'), [f64([1, null])], 2)).toEqual([3, 1]);
  });

  it('passes every type across the boundary and back: sliced, with NULLs, decimals as word pairs', async () => {
    const make = (type: DataType, length: number, data: ArrayBufferView) => arrow.makeData({ type: toArrowType(type) as arrow.Int32, length, data: data as Int32Array });
    const cases: Array<[DataType, arrow.Data]> = [
      [DataTypes.boolean, arrow.vectorFromArray([true, true, null, false, true, false, true, false, true, true], new arrow.Bool()).data[0]!.slice(1, 8)],
      [DataTypes.int8, arrow.vectorFromArray([1, -2, null, 127], new arrow.Int8()).data[0]!],
      [DataTypes.int16, arrow.vectorFromArray([0, 1, -30000, null, 7], new arrow.Int16()).data[0]!.slice(1, 4)],
      [DataTypes.int32, arrow.vectorFromArray([null, -2147483648, 5], new arrow.Int32()).data[0]!],
      [DataTypes.int64, arrow.vectorFromArray([1n, -(2n ** 40n), null, 2n ** 62n], new arrow.Int64()).data[0]!],
      [DataTypes.float32, arrow.vectorFromArray([1.5, null, -0.25], new arrow.Float32()).data[0]!],
      [DataTypes.float64, arrow.vectorFromArray([Math.PI, null, -1e300], new arrow.Float64()).data[0]!],
      [DataTypes.date32, make(DataTypes.date32, 3, Int32Array.from([0, 19000, -5]))],
      [DataTypes.timestamp('nanosecond'), make(DataTypes.timestamp('nanosecond'), 2, BigInt64Array.from([1n, -7n * 10n ** 15n]))],
      [DataTypes.decimal(20, 2), make(DataTypes.decimal(20, 2), 2, Uint32Array.from([1234, 0, 0, 0, 0xffff_ff00, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff]))],
      [DataTypes.utf8, arrow.vectorFromArray(['a', null, 'ünï', ''], new arrow.Utf8()).data[0]!.slice(1, 3)],
    ];
    const manifest = { abi: '1.0', functions: cases.map(([t]) => ({ name: 'echo', args: [typeName(t)], ret: typeName(t) })) };
    const m = await ComponentUdfModule.load(await componentGuest(manifest));
    cases.forEach(([type, data], i) => {
      const out = new ComponentScalarFunction(m, m.manifest.functions[i]!).invoke([{ kind: 'array', data }], data.length, type);
      expect([typeName(type), out.nullCount, [...new arrow.Vector([out])]]).toEqual([typeName(type), data.nullCount, [...new arrow.Vector([data])]]);
    });
  });

  it('runs a string scalar over sliced input with NULLs and multi-byte text', () => {
    const names = arrow.vectorFromArray(['skip', 'ann', null, 'héllo wörld', ''], new arrow.Utf8()).data[0]!.slice(1, 4);
    expect(call(scalar(module, 'shout'), [{ kind: 'array', data: names }], 4, DataTypes.utf8)).toEqual(['ANN', null, 'HéLLO WöRLD', '']);
  });

  it('runs an aggregate whose per-group states live in the guest; groups without rows are NULL', () => {
    const wsum = new ComponentAggregateFunction(module, module.manifest.functions.find((f) => f.name === 'wsum')!);
    const acc = wsum.createAccumulator([DataTypes.float64], DataTypes.float64, false);
    acc.update([f64([1, 2, 3, null]).data], Int32Array.from([0, 1, 0, 2]), 3);
    acc.update([f64([10, 20]).data], Int32Array.from([3, 0]), 4);
    expect(values(acc.evaluate(5))).toEqual([24, 2, null, 10, null]);
  });

  it('moves partial states between aggregations: state per group out, merged into other groups', async () => {
    const wsum = new ComponentAggregateFunction(module, module.manifest.functions.find((f) => f.name === 'wsum')!);
    expect(wsum.stateTypes?.()).toEqual([DataTypes.list(DataTypes.int8)]);
    const partial = (xs: (number | null)[], gids: number[], ng: number) => {
      const acc = wsum.createAccumulator([DataTypes.float64], DataTypes.float64, false);
      acc.update([f64(xs).data], Int32Array.from(gids), ng);
      return acc.state!(ng)[0]!;
    };
    // Group 2 of the first partial has no rows: its state is empty and must not make the final group non-NULL.
    const first = partial([1, 2, 3], [0, 1, 0], 3);
    expect([...(first.valueOffsets as Int32Array)]).toEqual([0, 8, 16, 16]);
    const second = partial([10, 20], [1, 0], 2);
    const final = wsum.createAccumulator([DataTypes.float64], DataTypes.float64, false);
    final.merge!([first], Int32Array.from([2, 0, 3]), 4);
    final.merge!([second.slice(1, 1)], Int32Array.from([-1]), 4);
    final.merge!([second], Int32Array.from([0, -1]), 4);
    expect(values(final.evaluate(4))).toEqual([22, null, 4, null]);
    const sliced = wsum.createAccumulator([DataTypes.float64], DataTypes.float64, false);
    sliced.merge!([first.slice(1, 2)], Int32Array.from([1, 0]), 2);
    expect(values(sliced.evaluate(2))).toEqual([null, 2]);
  });

  it('keeps aggregates of a component without aggregate-states single-phase', async () => {
    const plain = await ComponentUdfModule.load(await componentGuest(undefined, false), { name: 'plain.wasm' });
    expect(plain.mergeable).toBe(false);
    expect(new ComponentAggregateFunction(plain, plain.manifest.functions.find((f) => f.name === 'wsum')!).stateTypes).toBeUndefined();
  });

  it('reports a failure result with its message, row and the guest log; the instance stays usable', () => {
    expect(() => scalar(module, 'checked').invoke([f64([1, -2])], 2, DataTypes.float64)).toThrow(
      /^function checked\(float64\) -> float64 \(guest\.wasm\) failed at row 1 of the batch: negative input; guest log: \[1\] about to fail$/,
    );
    expect(call(scalar(module, 'affine'), [f64([0])], 1)).toEqual([1]);
  });

  it('discards an instance that trapped and instantiates a fresh one for the next call', () => {
    expect(() => scalar(module, 'crash').invoke([f64([1])], 1, DataTypes.float64)).toThrow(/function crash\(float64\) -> float64 \(guest\.wasm\) trapped: .*unreachable/);
    expect(call(scalar(module, 'affine'), [f64([2])], 1)).toEqual([5]);
  });

  it('rejects a result whose type does not match the manifest', () => {
    expect(() => scalar(module, 'lie').invoke([f64([1])], 1, DataTypes.float64)).toThrow(/lie\(float64\) -> float64 \(guest\.wasm\) returned a bad result: type word 0xa, expected 0xb/);
  });

  it('caps each instance memory: growth past the cap fails inside the guest, a start over it fails the load', async () => {
    const capped = await ComponentUdfModule.load(guest, { name: 'capped.wasm', maxMemoryBytes: 1 << 20 });
    const err = (() => {
      try {
        scalar(capped, 'hog').invoke([f64([1])], 1, DataTypes.float64);
      } catch (e) {
        return e as QuiverError;
      }
      return null;
    })();
    expect(err?.code).toBe('RESOURCES');
    expect(err?.message).toMatch(/hog\(float64\) -> float64 \(capped\.wasm\) trapped with its memory at the 1 MiB cap/);
    expect(call(scalar(capped, 'affine'), [f64([3])], 1)).toEqual([7]);
    await rejects(ComponentUdfModule.load(guest, { name: 'small.wasm', maxMemoryBytes: 65536 }), 'RESOURCES', /small\.wasm \(component\.core\.wasm\): the module needs 128 KiB of memory at start, over the cap of 64 KiB/);
  });
});

describe('malformed UDF components', () => {
  let wit: string;
  beforeAll(async () => {
    wit = `${await readUdfWit()}
interface files { read: func(path: string) -> string; }
world sneaky { import files; export functions; }
world other { import logging; export files; }
`;
  });

  it('rejects bytes that are not a valid component', async () => {
    const guest = await componentGuest();
    await rejects(ComponentUdfModule.load(guest.subarray(0, 64), { name: 'cut.wasm' }), 'WASM', /^cut\.wasm: not a valid WebAssembly component: /);
    await rejects(ComponentUdfModule.load(Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 0xff, 0xff])), 'WASM', /not a valid WebAssembly component/);
  });

  it('rejects imports other than quiver:udf/logging before instantiating', async () => {
    await rejects(ComponentUdfModule.load(await dummyComponent(wit, 'sneaky'), { name: 'sneaky.wasm' }), 'WASM', /sneaky\.wasm: forbidden import quiver:udf\/files; a UDF component may import only quiver:udf\/logging/);
  });

  it('rejects a component that does not export the functions interface', async () => {
    await rejects(ComponentUdfModule.load(await dummyComponent(wit, 'other'), { name: 'other.wasm' }), 'WASM', /other\.wasm: the component does not export quiver:udf\/functions@1\.x \(it exports: .*quiver:udf\/files@1\.0\.0/);
  });

  it('rejects invalid manifests, table functions and a guest whose manifest() traps', async () => {
    await rejects(ComponentUdfModule.load(await componentGuest('{"abi": 1'), { name: 'json.wasm' }), 'WASM', /json\.wasm: invalid manifest: not JSON/);
    const table = { abi: '1.0', functions: [{ name: 'series', kind: 'table', args: ['int32'], columns: [{ name: 'i', type: 'int32' }] }] };
    await rejects(ComponentUdfModule.load(await componentGuest(table)), 'WASM', /table functions are not supported in components/);
    await rejects(ComponentUdfModule.load(await dummyComponent(wit, 'udf-component'), { name: 'dummy.wasm' }), 'WASM', /dummy\.wasm: manifest\(\) trapped/);
  });
});
