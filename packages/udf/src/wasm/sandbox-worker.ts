/**
 * The sandbox worker thread: loads one UDF module (ABI v1, a component, or an arrow-udf module) and
 * runs the calls the main thread sends on its port, answering each on the port and then waking the
 * (blocked) caller through a shared flag.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type * as arrow from 'apache-arrow';
import { fromArrowType, QuiverError } from '@quiver/common';
import type { AggregateFunction, GroupsAccumulator, ScalarFunction, TableFunctionChunk } from '@quiver/planner';
import { ArrowUdfModule, isArrowUdfModule } from '../arrow-udf/arrow-udf-module.js';
import { isComponentBinary } from '../component/transpile.js';
import type { ChunkedTableFunction } from './chunked-table.js';
import type { Manifest } from './manifest.js';
import { loadUdfModule, udfFunction } from './register.js';
import { fromWire, toWire, valueFromWire } from './sandbox-wire.js';
import type { SandboxRequest, SandboxResponse, WireChunk } from './sandbox.js';
import { WasmTableFunction } from './table-udf.js';
import { WasmUdfModule } from './udf-module.js';

const { bytes, name, maxMemoryBytes, port, flag } = workerData as {
  bytes: Uint8Array;
  name: string;
  maxMemoryBytes: number | undefined;
  port: MessagePort;
  flag: Int32Array;
};

function answer(response: SandboxResponse): void {
  port.postMessage(response);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

function failure(e: unknown): SandboxResponse {
  return e instanceof QuiverError ? { ok: false, code: e.code, message: e.message } : { ok: false, code: 'WASM', message: String((e as Error)?.message ?? e) };
}

const noSource = () => {
  throw new QuiverError('INTERNAL', 'the sandbox worker runs table functions only in their batch form');
};

/** The module's manifest and, per manifest entry, its scalar/aggregate function or its table function. */
interface Loaded {
  readonly manifest: Manifest;
  readonly functions: ReadonlyArray<ScalarFunction | AggregateFunction | undefined>;
  readonly tables: ReadonlyArray<ChunkedTableFunction | undefined>;
}

async function load(): Promise<Loaded> {
  const options = { name, maxMemoryBytes };
  const probe = isComponentBinary(bytes) ? null : await WebAssembly.compile(bytes).catch(() => null);
  if (probe !== null && isArrowUdfModule(probe)) {
    const module = await ArrowUdfModule.load(bytes, options);
    const tables = module.tableFunctions(noSource);
    return {
      manifest: module.manifest,
      functions: [...module.functions, ...tables.map(() => undefined)],
      tables: [...module.functions.map(() => undefined), ...tables],
    };
  }
  const module = await loadUdfModule(bytes, options);
  return {
    manifest: module.manifest,
    functions: module.manifest.functions.map((f) => udfFunction(module, f)?.fn),
    tables: module.manifest.functions.map((f) => (f.kind === 'table' && module instanceof WasmUdfModule ? new WasmTableFunction(module, f, noSource) : undefined)),
  };
}

try {
  const { manifest, functions, tables } = await load();
  const accumulators = new Map<number, GroupsAccumulator>();
  const tableCalls = new Map<number, Iterator<TableFunctionChunk>>();
  port.on('message', (req: SandboxRequest) => {
    try {
      let data: arrow.Data | null = null;
      let chunk: WireChunk | null | undefined;
      switch (req.op) {
        case 'scalar':
          data = (functions[req.fn] as ScalarFunction).invoke(req.args.map(valueFromWire), req.numRows, manifest.functions[req.fn]!.ret);
          break;
        case 'aggNew':
          accumulators.set(req.id, (functions[req.fn] as AggregateFunction).createAccumulator([], manifest.functions[req.fn]!.ret, false));
          break;
        case 'aggUpdate':
          accumulators.get(req.id)!.update(req.args.map(fromWire), req.groupIds, req.numGroups);
          break;
        case 'aggEval':
          data = accumulators.get(req.id)!.evaluate(req.numGroups);
          accumulators.delete(req.id);
          break;
        case 'aggState':
          data = accumulators.get(req.id)!.state!(req.numGroups)[0]!;
          accumulators.delete(req.id);
          break;
        case 'aggMerge':
          accumulators.get(req.id)!.merge!(req.states.map(fromWire), req.groupIds, req.numGroups);
          break;
        case 'tableOpen': {
          const fn = tables[req.fn];
          if (fn === undefined) throw new QuiverError('NOT_IMPLEMENTED', `${name}: table function ${manifest.functions[req.fn]!.name} of a component cannot run sandboxed`);
          tableCalls.set(req.id, fn.lateral.invoke(req.args.map(valueFromWire), req.numRows)[Symbol.iterator]());
          break;
        }
        case 'tableNext': {
          const next = tableCalls.get(req.id)!.next();
          if (next.done) tableCalls.delete(req.id);
          chunk = next.done ? null : { columns: next.value.columns.map((c) => toWire(c, fromArrowType(c.type))), rowIndex: next.value.rowIndex };
          break;
        }
        case 'tableClose':
          tableCalls.get(req.id)?.return?.();
          tableCalls.delete(req.id);
          break;
      }
      answer({ ok: true, data: data === null ? null : toWire(data, fromArrowType(data.type)), ...(chunk !== undefined ? { chunk } : {}) });
    } catch (e) {
      answer(failure(e));
    }
  });
  const mergeable = functions.map((f) => f !== undefined && 'stateTypes' in f && f.stateTypes !== undefined);
  answer({ ok: true, data: null, manifest, mergeable });
} catch (e) {
  answer(failure(e));
}
