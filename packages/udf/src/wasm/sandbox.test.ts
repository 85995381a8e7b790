import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes, Schema } from '@quiver/common';
import { buildGuest } from '../testing/guest-runtime.js';
import { addF64, boom, bomb, rowSeries, spin, spinTable, sumsq } from '../testing/guests.js';
import { FunctionRegistry } from '../registry.js';
import { registerSandboxedFunctions } from './register.js';
import { WasmSandbox } from './sandbox.js';

// The worker runs the built host (dist/); `npm test` builds before testing.
const guest = buildGuest({
  manifest: {
    abi: '1.0',
    functions: [
      { name: 'add', args: ['float64', 'float64'], ret: 'float64', export: 'add_f64' },
      { name: 'spin', args: ['int32'], ret: 'int32' },
      { name: 'boom', args: ['int32'], ret: 'int32' },
      { name: 'bomb', args: ['int32'], ret: 'int32' },
      { name: 'sumsq', kind: 'aggregate', args: ['float64'], ret: 'float64', state_size: 16 },
      { name: 'row_series', kind: 'table', args: ['int32'], columns: [{ name: 'i', type: 'int32' }] },
      { name: 'spin_table', kind: 'table', args: ['int32'], columns: [{ name: 'i', type: 'int32' }] },
    ],
  },
  functions: [addF64, spin, boom, bomb, ...sumsq, ...rowSeries, ...spinTable],
});

/** A table "source" that keeps the table, so tests can read it. */
const capture = (table: arrow.Table) => ({ table, schema: Schema.fromArrow(table.schema) });

const f64 = (v: (number | null)[]) => ({ kind: 'array' as const, data: arrow.vectorFromArray(v, new arrow.Float64()).data[0]! });
const i32 = (v: number[]) => ({ kind: 'array' as const, data: arrow.vectorFromArray(v, new arrow.Int32()).data[0]! });

describe('sandboxed (worker-thread) UDF modules', () => {
  it('runs scalar and aggregate functions in the worker', async () => {
    const registry = new FunctionRegistry();
    const sandbox = await WasmSandbox.load(guest, { deadlineMs: 5000, name: 'untrusted.wasm' });
    expect(registerSandboxedFunctions(registry, sandbox, capture)).toContain('sumsq(float64) -> float64');
    const sum = registry.scalarFunction('add')!.invoke([f64([1, null, 3]), f64([10, 20, 30])], 3, DataTypes.float64);
    expect([...new arrow.Vector([sum])]).toEqual([11, null, 33]);
    const acc = registry.aggregateFunction('sumsq')!.createAccumulator([DataTypes.float64], DataTypes.float64, false);
    acc.update([f64([1, 2, null, 4]).data], Int32Array.from([0, 1, 0, 1]), 3);
    expect([...new arrow.Vector([acc.evaluate(3)])]).toEqual([1, 20, null]);
  });

  it('terminates an endless loop at the deadline and serves the next call from a fresh worker', async () => {
    const registry = new FunctionRegistry();
    const sandbox = await WasmSandbox.load(guest, { deadlineMs: 300, name: 'untrusted.wasm' });
    registerSandboxedFunctions(registry, sandbox, capture);
    const acc = registry.aggregateFunction('sumsq')!.createAccumulator([DataTypes.float64], DataTypes.float64, false);
    expect(() => registry.scalarFunction('spin')!.invoke([i32([1])], 1, DataTypes.int32)).toThrow(
      /function spin\(int32\) -> int32 \(untrusted.wasm\) exceeded the 300 ms deadline; the sandbox worker was terminated/,
    );
    expect(() => acc.update([f64([1]).data], Int32Array.from([0]), 1)).toThrow(/the sandbox worker was restarted during this aggregation/);
    const sum = registry.scalarFunction('add')!.invoke([f64([1]), f64([2])], 1, DataTypes.float64);
    expect([...new arrow.Vector([sum])]).toEqual([3]);
  });

  it('reports traps and memory-cap failures from the worker', async () => {
    const registry = new FunctionRegistry();
    registerSandboxedFunctions(registry, await WasmSandbox.load(guest, { deadlineMs: 5000, name: 'untrusted.wasm', maxMemoryBytes: 2 << 20 }), capture);
    expect(() => registry.scalarFunction('boom')!.invoke([i32([5, 13])], 2, DataTypes.int32)).toThrow(/boom\(int32\) -> int32 \(untrusted.wasm\) trapped at row 1 of the batch/);
    expect(() => registry.scalarFunction('bomb')!.invoke([i32([1])], 1, DataTypes.int32)).toThrow(/bomb\(int32\) -> int32 \(untrusted.wasm\) failed with status 3/);
  });

  it('runs table functions in the worker, one deadline per _next call', async () => {
    const registry = new FunctionRegistry();
    const sandbox = await WasmSandbox.load(guest, { deadlineMs: 2000, name: 'untrusted.wasm' });
    expect(() => registerSandboxedFunctions(new FunctionRegistry(), sandbox)).toThrow('untrusted.wasm: table function row_series needs a table source factory to register');
    registerSandboxedFunctions(registry, sandbox, capture);
    const series = registry.tableFunction('row_series')!;
    const chunks = [...series.lateral!.invoke([i32([2, 0, 10000])], 3)];
    expect(chunks.map((c) => c.rowIndex.length)).toEqual([8192, 1810]);
    expect([...chunks[0]!.rowIndex.subarray(0, 3)]).toEqual([0, 0, 2]);
    expect([...new arrow.Vector([chunks[1]!.columns[0]!])].at(-1)).toBe(9999);
    // Stopping early closes the call in the worker; constants in FROM give a table.
    for (const chunk of series.lateral!.invoke([i32([20000])], 1)) {
      expect(chunk.rowIndex.length).toBe(8192);
      break;
    }
    const table = (series.call([{ type: DataTypes.int32, value: 3 }]) as ReturnType<typeof capture>).table;
    expect([...table.getChild('i')!]).toEqual([0, 1, 2]);
  });

  it('stops a table function whose _next never returns at the deadline', async () => {
    const registry = new FunctionRegistry();
    registerSandboxedFunctions(registry, await WasmSandbox.load(guest, { deadlineMs: 300, name: 'untrusted.wasm' }), capture);
    expect(() => [...registry.tableFunction('spin_table')!.lateral!.invoke([i32([1])], 1)]).toThrow(
      /table function spin_table\(int32\) -> table\(i int32\) \(untrusted.wasm\) exceeded the 300 ms deadline/,
    );
    expect([...registry.tableFunction('row_series')!.lateral!.invoke([i32([2])], 1)][0]!.rowIndex).toEqual(new Int32Array([0, 0]));
  });
});
