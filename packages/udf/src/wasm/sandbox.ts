/**
 * Untrusted modules: the module runs in a worker thread and every call has a CPU deadline. The
 * calling thread posts the call and blocks (`Atomics.wait`) until the worker answers or the
 * deadline passes; then the worker is terminated (stopping even an endless loop) and the next
 * call starts a fresh one. A table function's every `_next` call is one such call. Aggregates whose
 * in-worker accumulator merges partial states take part in two-phase aggregation through the wire. Node-only: `node:worker_threads` is imported when a sandbox is loaded,
 * so browser bundles that never sandbox do not need it.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, type DataType, type ErrorCode } from '@quiver/common';
import type { AggregateFunction, ColumnarValue, GroupsAccumulator, ScalarFunction, TableFunction, Volatility } from '@quiver/planner';
import type { Overload } from '../registry.js';
import { signatureText, type Manifest, type ManifestFunction } from './manifest.js';
import { fromWire, toWire, valueToWire, type WireData, type WireValue } from './sandbox-wire.js';
import { coerceToSignature } from './signature.js';
import { SandboxedTable } from './sandbox-table.js';
import { UdfAggregateFunction } from './udf-aggregate.js';
import type { TableSourceFactory } from './chunked-table.js';

export type SandboxRequest =
  | { readonly op: 'scalar'; readonly fn: number; readonly args: WireValue[]; readonly numRows: number }
  | { readonly op: 'aggNew'; readonly id: number; readonly fn: number }
  | { readonly op: 'aggUpdate'; readonly id: number; readonly args: WireData[]; readonly groupIds: Int32Array; readonly numGroups: number }
  | { readonly op: 'aggEval'; readonly id: number; readonly numGroups: number }
  /** Two-phase aggregation: a partial accumulator's states (it is finished), and merging states into one. */
  | { readonly op: 'aggState'; readonly id: number; readonly numGroups: number }
  | { readonly op: 'aggMerge'; readonly id: number; readonly states: WireData[]; readonly groupIds: Int32Array; readonly numGroups: number }
  /** Table functions: open over argument rows, then one `_next` call per `tableNext`, until no chunk. */
  | { readonly op: 'tableOpen'; readonly id: number; readonly fn: number; readonly args: WireValue[]; readonly numRows: number }
  | { readonly op: 'tableNext'; readonly id: number }
  | { readonly op: 'tableClose'; readonly id: number };

/** One chunk of a table function's rows, as the wire carries it. */
export interface WireChunk {
  readonly columns: WireData[];
  readonly rowIndex: Int32Array;
}

export type SandboxResponse =
  | {
      readonly ok: true;
      readonly data: WireData | null;
      /** At start: the manifest, and per entry whether its aggregate merges partial states. */
      readonly manifest?: Manifest;
      readonly mergeable?: boolean[];
      readonly chunk?: WireChunk | null;
    }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

export interface SandboxOptions {
  /** Wall-clock limit per call (per batch), in milliseconds. */
  readonly deadlineMs: number;
  readonly name?: string;
  readonly maxMemoryBytes?: number;
  /** Limit for starting a worker and loading the module (10 s by default). */
  readonly startupMs?: number;
}

type WorkerThreads = typeof import('node:worker_threads');

/** The compiled worker script (from the sources, e.g. under vitest, the built copy in dist/). */
function workerUrl(): URL {
  const here = new URL('.', import.meta.url).href;
  return new URL('sandbox-worker.js', here.endsWith('/src/wasm/') ? here.replace(/\/src\/wasm\/$/, '/dist/wasm/') : here);
}

export class WasmSandbox {
  private worker: import('node:worker_threads').Worker | null = null;
  private port: import('node:worker_threads').MessagePort | null = null;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  /** Incremented whenever a worker is terminated; accumulators from an older generation are dead. */
  generation = 0;
  private nextAccumulator = 1;
  manifest!: Manifest;
  /** Per manifest entry: whether its aggregate has `state`/`merge` (two-phase aggregation). */
  mergeable: readonly boolean[] = [];

  private constructor(
    private readonly threads: WorkerThreads,
    private readonly bytes: Uint8Array,
    readonly options: SandboxOptions,
  ) {}

  get name(): string {
    return this.options.name ?? 'wasm module';
  }

  /** Start the worker, load the module in it and read its manifest. */
  static async load(bytes: Uint8Array, options: SandboxOptions): Promise<WasmSandbox> {
    const sandbox = new WasmSandbox(await import('node:worker_threads'), bytes, options);
    sandbox.manifest = sandbox.start();
    return sandbox;
  }

  private start(): Manifest {
    const { Worker, MessageChannel } = this.threads;
    const { port1, port2 } = new MessageChannel();
    Atomics.store(this.flag, 0, 0);
    this.worker = new Worker(workerUrl(), {
      workerData: { bytes: this.bytes, name: this.name, maxMemoryBytes: this.options.maxMemoryBytes, port: port2, flag: this.flag },
      transferList: [port2],
    });
    this.worker.unref();
    this.port = port1;
    const response = this.await(this.options.startupMs ?? 10_000, `${this.name}: starting the sandbox worker`);
    this.mergeable = response.mergeable ?? [];
    return response.manifest!;
  }

  private kill(): void {
    void this.worker?.terminate();
    this.port?.close();
    this.worker = null;
    this.port = null;
    this.generation++;
  }

  private await(ms: number, what: string): Extract<SandboxResponse, { ok: true }> {
    const waited = Atomics.wait(this.flag, 0, 0, ms);
    const message = waited === 'timed-out' ? undefined : this.threads.receiveMessageOnPort(this.port!)?.message as SandboxResponse | undefined;
    if (waited === 'timed-out' || message === undefined) {
      this.kill();
      throw new QuiverError('RESOURCES', `${what} exceeded the ${ms} ms deadline; the sandbox worker was terminated`);
    }
    if (!message.ok) throw new QuiverError(message.code, message.message);
    return message;
  }

  /** Run one request in the worker within the deadline (starting a worker first if needed). */
  call(request: SandboxRequest, what: string): arrow.Data | null {
    const { data } = this.exchange(request, what);
    return data === null ? null : fromWire(data);
  }

  /** The answer to one request, within the deadline. */
  exchange(request: SandboxRequest, what: string): Extract<SandboxResponse, { ok: true }> {
    if (this.worker === null) this.start();
    Atomics.store(this.flag, 0, 0);
    this.port!.postMessage(request);
    return this.await(this.options.deadlineMs, what);
  }

  /** An id for an accumulator or a table-function call living in the worker. */
  newAccumulatorId(): number {
    return this.nextAccumulator++;
  }

  /**
   * A scalar, aggregate or table function per manifest entry, calling into the worker; `toSource`
   * makes a table function's result for constant arguments scannable.
   */
  functions(
    toSource?: TableSourceFactory,
  ): Array<{ kind: 'scalar'; fn: ScalarFunction & Overload } | { kind: 'aggregate'; fn: AggregateFunction & Overload } | { kind: 'table'; fn: TableFunction }> {
    return this.manifest.functions.map((spec, index) =>
      spec.kind === 'scalar' ? { kind: 'scalar', fn: new SandboxedScalar(this, spec, index) }
      : spec.kind === 'aggregate' ? { kind: 'aggregate', fn: new SandboxedAggregate(this, spec, index) }
      : { kind: 'table', fn: new SandboxedTable(this, spec, index, toSource ?? this.noSource(spec)) },
    );
  }

  private noSource(spec: ManifestFunction): never {
    throw new QuiverError('NOT_IMPLEMENTED', `${this.name}: table function ${spec.name} needs a table source factory to register`);
  }
}

class SandboxedScalar implements ScalarFunction, Overload {
  readonly name: string;
  readonly volatility: Volatility;
  readonly parameterTypes: readonly DataType[];
  private readonly label: string;

  constructor(
    private readonly sandbox: WasmSandbox,
    private readonly spec: ManifestFunction,
    private readonly index: number,
  ) {
    this.name = spec.name;
    this.volatility = spec.volatility;
    this.parameterTypes = spec.args;
    this.label = `function ${signatureText(spec)} (${sandbox.name})`;
  }

  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    return coerceToSignature(this.name, [this.parameterTypes], argTypes);
  }

  returnType(): DataType {
    return this.spec.ret;
  }

  invoke(args: readonly ColumnarValue[], numRows: number): arrow.Data {
    const wire = args.map((a, i) => valueToWire(a, this.parameterTypes[i]!));
    return this.sandbox.call({ op: 'scalar', fn: this.index, args: wire, numRows }, this.label)!;
  }
}

class SandboxedAggregate extends UdfAggregateFunction implements Overload {
  /** Present when the aggregate in the worker merges partial states (one list of bytes per group). */
  readonly stateTypes?: () => DataType[];

  constructor(
    readonly sandbox: WasmSandbox,
    spec: ManifestFunction,
    readonly index: number,
  ) {
    super(spec.name, spec, sandbox.name);
    if (sandbox.mergeable[index] === true) this.stateTypes = () => [DataTypes.list(DataTypes.int8)];
  }

  protected newAccumulator(): GroupsAccumulator {
    const id = this.sandbox.newAccumulatorId();
    this.sandbox.call({ op: 'aggNew', id, fn: this.index }, this.label);
    return new SandboxedAccumulator(this, id, this.sandbox.generation);
  }
}

class SandboxedAccumulator implements GroupsAccumulator {
  constructor(
    private readonly fn: SandboxedAggregate,
    private readonly id: number,
    private readonly generation: number,
  ) {}

  private check(): void {
    if (this.fn.sandbox.generation !== this.generation) {
      throw new QuiverError('WASM', `${this.fn.label}: the sandbox worker was restarted during this aggregation`);
    }
  }

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.check();
    const wire = args.map((a, i) => toWire(a, this.fn.parameterTypes[i]!));
    this.fn.sandbox.call({ op: 'aggUpdate', id: this.id, args: wire, groupIds, numGroups }, this.fn.label);
  }

  evaluate(numGroups: number): arrow.Data {
    this.check();
    return this.fn.sandbox.call({ op: 'aggEval', id: this.id, numGroups }, this.fn.label)!;
  }

  state(numGroups: number): arrow.Data[] {
    this.check();
    return [this.fn.sandbox.call({ op: 'aggState', id: this.id, numGroups }, this.fn.label)!];
  }

  merge(states: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.check();
    const wire = states.map((s) => toWire(s, DataTypes.list(DataTypes.int8)));
    this.fn.sandbox.call({ op: 'aggMerge', id: this.id, states: wire, groupIds, numGroups }, this.fn.label);
  }

  memoryBytes(): number {
    return 0;
  }
}
