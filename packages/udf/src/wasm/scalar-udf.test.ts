import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes, Scalars, type DataType } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { buildGuest } from '../testing/guest-runtime.js';
import { addF64, boom, checked, checkedData, echoFixed, failing, nz, shout } from '../testing/guests.js';
import { FunctionRegistry } from '../registry.js';
import { registerWasmFunctions } from './register.js';
import { WasmUdfModule } from './udf-module.js';

const ECHO_TYPES = ['boolean', 'int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'date32', 'timestamp(us)', 'decimal(20,2)'];

async function session() {
  const bytes = buildGuest({
    manifest: {
      abi: '1.0',
      functions: [
        { name: 'add', args: ['float64', 'float64'], ret: 'float64', export: 'add_f64' },
        ...ECHO_TYPES.map((t) => ({ name: 'echo', args: [t], ret: t, export: 'echo_fixed' })),
        { name: 'shout', args: ['utf8'], ret: 'utf8' },
        { name: 'nz', args: ['float64'], ret: 'float64', nulls: 'called' },
        { name: 'boom', args: ['int32'], ret: 'int32' },
        { name: 'checked', args: ['int32'], ret: 'int32' },
        { name: 'failing', args: ['int32'], ret: 'int32' },
      ],
    },
    imports: [{ module: 'qe_udf', name: 'fail', params: ['i32', 'i32', 'i32'], results: [] }],
    functions: [addF64, echoFixed, shout, nz, boom, checked, failing],
    data: checkedData,
  });
  const module = await WasmUdfModule.load(bytes, { name: 'test.wasm' });
  const registry = new FunctionRegistry();
  registerWasmFunctions(registry, module);
  return { module, registry };
}

const col = (values: arrow.Vector): ColumnarValue => ({ kind: 'array', data: values.data[0]! });
function call(registry: FunctionRegistry, name: string, args: ColumnarValue[], n: number, types: DataType[]) {
  const fn = registry.scalarFunction(name)!;
  const coerced = fn.coerceArgs(types);
  return new arrow.Vector([fn.invoke(args, n, fn.returnType(coerced))]);
}

describe('WebAssembly scalar UDFs', () => {
  it('adds float64 columns a batch at a time, NULL where an argument is NULL (strict)', async () => {
    const { registry } = await session();
    const a = arrow.vectorFromArray([1.5, null, 3, 4], new arrow.Float64());
    const b = arrow.vectorFromArray([10, 20, null, 40], new arrow.Float64());
    const out = call(registry, 'add', [col(a), col(b)], 4, [DataTypes.float64, DataTypes.float64]);
    expect(out.toArray().length).toBe(4);
    expect([...out].map((v) => v)).toEqual([11.5, null, null, 44]);
    expect(out.nullCount).toBe(2);
  });

  it('broadcasts scalar arguments and handles a NULL scalar without calling the guest', async () => {
    const { registry } = await session();
    const a = arrow.vectorFromArray([1, 2, 3], new arrow.Float64());
    expect([...call(registry, 'add', [col(a), { kind: 'scalar', value: Scalars.float64(0.5) }], 3, [DataTypes.float64, DataTypes.float64])]).toEqual([1.5, 2.5, 3.5]);
    expect([...call(registry, 'add', [col(a), { kind: 'scalar', value: Scalars.float64(null) }], 3, [DataTypes.float64, DataTypes.float64])]).toEqual([null, null, null]);
  });

  it('reuses its instance across batches of different sizes without growing memory', async () => {
    const { registry, module } = await session();
    const inst = module.acquire();
    module.release(inst);
    const big = arrow.vectorFromArray(Array.from({ length: 8192 }, (_, i) => i), new arrow.Float64());
    call(registry, 'add', [col(big), col(big)], 8192, [DataTypes.float64, DataTypes.float64]);
    const size = inst.memory.buffer.byteLength;
    for (let k = 0; k < 5; k++) {
      const out = call(registry, 'add', [col(big), col(big)], 8192, [DataTypes.float64, DataTypes.float64]);
      expect(out.get(8191)).toBe(16382);
    }
    const small = arrow.vectorFromArray([1, 2], new arrow.Float64());
    expect([...call(registry, 'add', [col(small), col(small)], 2, [DataTypes.float64, DataTypes.float64])]).toEqual([2, 4]);
    expect(inst.memory.buffer.byteLength).toBe(size);
  });

  it('round-trips every fixed-width type, with nulls and sliced inputs', async () => {
    const { registry } = await session();
    const cases: Array<[DataType, arrow.DataType, unknown[]]> = [
      [DataTypes.boolean, new arrow.Bool(), [true, false, null, true, true, false, false, true, true, null, false]],
      [DataTypes.int8, new arrow.Int8(), [-128, 127, null, 5]],
      [DataTypes.int16, new arrow.Int16(), [-32768, 32767, null, 5]],
      [DataTypes.int32, new arrow.Int32(), [-2147483648, 2147483647, null, 5]],
      [DataTypes.int64, new arrow.Int64(), [-(2n ** 63n), 2n ** 63n - 1n, null, 5n]],
      [DataTypes.float32, new arrow.Float32(), [1.5, -2.25, null, 0]],
      [DataTypes.float64, new arrow.Float64(), [Math.PI, -1e300, null, 0]],
      [DataTypes.date32, new arrow.DateDay(), [0, 19000 * 86400000, null, -86400000]],
      [DataTypes.timestamp('microsecond'), new arrow.TimestampMicrosecond(), [0, 1_700_000_000_000, null, 1]],
    ];
    for (const [type, arrowType, values] of cases) {
      const vec = arrow.vectorFromArray(values, arrowType);
      const out = call(registry, 'echo', [col(vec)], values.length, [type]);
      expect([...out], type.kind).toEqual([...vec]);
      const sliced = vec.slice(1, values.length);
      const outSliced = call(registry, 'echo', [col(sliced)], values.length - 1, [type]);
      expect([...outSliced], `${type.kind} sliced`).toEqual([...sliced]);
    }
  });

  it('round-trips DECIMAL(20,2) values, including a broadcast scalar', async () => {
    const { registry } = await session();
    const type = DataTypes.decimal(20, 2);
    const words = new Uint32Array([1, 0, 0, 0, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x12345678, 0x9abc, 0, 0]);
    const data = arrow.makeData({ type: new arrow.Decimal(2, 20, 128), length: 3, data: words });
    const out = call(registry, 'echo', [{ kind: 'array', data }], 3, [type]);
    expect([...(out.data[0]!.values as Uint32Array)]).toEqual([...words]);
    const scalar = call(registry, 'echo', [{ kind: 'scalar', value: Scalars.decimal(-12345n, 20, 2) }], 2, [type]);
    const w = scalar.data[0]!.values as Uint32Array;
    expect(BigInt.asIntN(128, BigInt(w[0]!) | (BigInt(w[1]!) << 32n) | (BigInt(w[2]!) << 64n) | (BigInt(w[3]!) << 96n))).toBe(-12345n);
    expect(BigInt.asIntN(128, BigInt(w[4]!) | (BigInt(w[5]!) << 32n) | (BigInt(w[6]!) << 64n) | (BigInt(w[7]!) << 96n))).toBe(-12345n);
  });

  it('resolves overloads by argument type, casting implicitly where no exact overload exists', async () => {
    const { registry } = await session();
    const fn = registry.scalarFunction('echo')!;
    expect(fn.coerceArgs([DataTypes.int16])).toEqual([DataTypes.int16]);
    expect(fn.coerceArgs([DataTypes.null])).toEqual([DataTypes.boolean]);
    expect(() => fn.coerceArgs([DataTypes.utf8])).toThrow(/function echo\(VARCHAR\) does not exist; candidates: echo\(BOOLEAN\)/);
    expect(registry.scalarFunction('add')!.coerceArgs([DataTypes.int32, DataTypes.float64])).toEqual([DataTypes.float64, DataTypes.float64]);
  });

  it('maps strings through offsets and bytes, in the host buffer or a guest allocation', async () => {
    const { registry } = await session();
    const words = arrow.vectorFromArray(['héllo', null, '', 'mixed Case 123'], new arrow.Utf8());
    expect([...call(registry, 'shout', [col(words)], 4, [DataTypes.utf8])]).toEqual(['HéLLO', null, '', 'MIXED CASE 123']);
    expect([...call(registry, 'shout', [col(words.slice(2))], 2, [DataTypes.utf8])]).toEqual(['', 'MIXED CASE 123']);
    const long = 'abc'.repeat(2000);
    expect([...call(registry, 'shout', [col(arrow.vectorFromArray([long], new arrow.Utf8()))], 1, [DataTypes.utf8])]).toEqual([long.toUpperCase()]);
    expect([...call(registry, 'shout', [{ kind: 'scalar', value: Scalars.utf8('ab') }], 3, [DataTypes.utf8])]).toEqual(['AB', 'AB', 'AB']);
  });

  it('lets called-on-null functions see NULL arguments and return NULLs of their own', async () => {
    const { registry } = await session();
    const x = arrow.vectorFromArray([2, null, -1, 3], new arrow.Float64());
    expect([...call(registry, 'nz', [col(x)], 4, [DataTypes.float64])]).toEqual([2, 0, null, 3]);
  });

  it('returns an empty array for an empty batch', async () => {
    const { registry } = await session();
    const empty = arrow.vectorFromArray([], new arrow.Float64());
    expect(call(registry, 'nz', [col(empty)], 0, [DataTypes.float64]).length).toBe(0);
  });

  it('reports a trap with the function and row, then recovers on a fresh instance', async () => {
    const { registry, module } = await session();
    const first = module.acquire();
    module.release(first);
    const bad = arrow.vectorFromArray([1, 2, 13, 4], new arrow.Int32());
    expect(() => call(registry, 'boom', [col(bad)], 4, [DataTypes.int32])).toThrow(
      /WASM|function boom\(int32\) -> int32 \(test.wasm\) trapped at row 2 of the batch: unreachable/,
    );
    try {
      call(registry, 'boom', [col(bad)], 4, [DataTypes.int32]);
    } catch (e) {
      expect((e as { code: string }).code).toBe('WASM');
    }
    const fresh = module.acquire();
    expect(fresh).not.toBe(first);
    module.release(fresh);
    const good = arrow.vectorFromArray([1, 2, 3], new arrow.Int32());
    expect([...call(registry, 'boom', [col(good)], 3, [DataTypes.int32])]).toEqual([1, 2, 3]);
  });

  it('reports a non-zero status with the guest message and row, keeping the instance', async () => {
    const { registry, module } = await session();
    const inst = module.acquire();
    module.release(inst);
    const x = arrow.vectorFromArray([5, -3], new arrow.Int32());
    expect(() => call(registry, 'checked', [col(x)], 2, [DataTypes.int32])).toThrow(/checked\(int32\) -> int32 \(test.wasm\) failed at row 1 of the batch: negative input/);
    expect(module.acquire()).toBe(inst);
  });

  it('reports qe_udf.fail with its message and row', async () => {
    const { registry } = await session();
    const x = arrow.vectorFromArray([5, 6, -3], new arrow.Int32());
    expect(() => call(registry, 'failing', [col(x)], 3, [DataTypes.int32])).toThrow(/failing\(int32\) -> int32 \(test.wasm\) failed at row 2 of the batch: negative input/);
    expect([...call(registry, 'failing', [col(arrow.vectorFromArray([7], new arrow.Int32()))], 1, [DataTypes.int32])]).toEqual([7]);
  });
});
