/**
 * The arrow-udf compatibility adapter: runs scalar functions of modules built for RisingWave /
 * Databend's arrow-udf WASM ABI v3 unchanged. The version comes from the exported global
 * `ARROWUDF_VERSION_<major>_<minor>`, signatures from the `arrowudf_<base64>` export names; each
 * batch goes in as an Arrow IPC *file* after an 8-byte CSlice slot in one `alloc`, the result comes
 * back as an IPC file (status 0) or a UTF-8 message (status -1), and a non-NULL `error` column
 * fails the query at its row. Functions are called on NULL (guests handle NULLs) and volatile
 * (the ABI has no volatility). Table functions (`->>`) are in `./table-function.ts`; decimals
 * travel as text (`./ipc-columns.ts`). `manifest` describes the functions as a v1 manifest would,
 * so the sandbox worker (docs/udf-abi.md §10) can run them under a deadline.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, typeToString, type DataType } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import type { Overload } from '../registry.js';
import { GuestInstance } from '../wasm/guest-instance.js';
import type { Manifest, ManifestFunction } from '../wasm/manifest.js';
import { capMemory } from '../wasm/memory-cap.js';
import { coerceToSignature } from '../wasm/signature.js';
import type { TableSourceFactory } from '../wasm/chunked-table.js';
import { checkImports, DEFAULT_MAX_MEMORY, type WasmUdfOptions } from '../wasm/udf-module.js';
import { callWithInput, freeInput, readResultTable, takeSlice } from './call.js';
import { decodeResult, encodeArguments } from './ipc-columns.js';
import { arrowUdfType, decodeName, EXPORT_PREFIX, parseSignature } from './signature.js';
import { ArrowUdfTableFunction } from './table-function.js';

const VERSION = /^ARROWUDF_VERSION_(\d+)_(\d+)$/;

/** One `arrowudf_…` export: its name, and the signature it encodes in Quiver types. */
interface ArrowUdfExport {
  readonly exportName: string;
  readonly name: string;
  readonly args: DataType[];
  readonly ret: DataType;
}

/** Whether a compiled module speaks the arrow-udf ABI (exports a version global). */
export function isArrowUdfModule(module: WebAssembly.Module): boolean {
  return WebAssembly.Module.exports(module).some((e) => VERSION.test(e.name));
}

export class ArrowUdfModule {
  private readonly idle: GuestInstance[] = [];
  readonly functions: ArrowUdfScalarFunction[];
  /** The scalar functions, then the table functions (one column named like the function), as manifest entries. */
  readonly manifest: Manifest;

  private constructor(
    readonly name: string,
    private readonly module: WebAssembly.Module,
    signatures: readonly ArrowUdfExport[],
    /** The table functions (`->>`), made into `TableFunction`s by `tableFunctions`. */
    readonly tableSignatures: readonly ArrowUdfExport[],
  ) {
    this.functions = signatures.map((s) => new ArrowUdfScalarFunction(this, s.exportName, s.name, s.args, s.ret));
    const entry = (s: ArrowUdfExport, table: boolean): ManifestFunction => ({
      name: s.name,
      kind: table ? 'table' : 'scalar',
      args: s.args,
      ret: table ? DataTypes.null : s.ret,
      columns: table ? [{ name: s.name, type: s.ret }] : [],
      nulls: 'called',
      volatility: 'volatile',
      export: s.exportName,
      stateSize: 0,
      stateAlign: 8,
    });
    this.manifest = { abi: 'arrow-udf 3', functions: [...signatures.map((s) => entry(s, false)), ...tableSignatures.map((s) => entry(s, true))] };
  }

  /** The table functions, their constant-argument results made scannable by `toSource`. */
  tableFunctions(toSource: TableSourceFactory): ArrowUdfTableFunction[] {
    return this.tableSignatures.map((s) => new ArrowUdfTableFunction(this, s.exportName, s.name, s.args, s.ret, toSource));
  }

  static async load(bytes: Uint8Array, options: WasmUdfOptions = {}): Promise<ArrowUdfModule> {
    const name = options.name ?? 'wasm module';
    let module: WebAssembly.Module;
    try {
      module = await WebAssembly.compile(capMemory(bytes, options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY, name));
    } catch (e) {
      if (e instanceof QuiverError) throw e;
      throw new QuiverError('WASM', `${name}: not a valid WebAssembly module: ${(e as Error).message}`, { cause: e });
    }
    checkImports(module, name);
    const exports = WebAssembly.Module.exports(module);
    const version = exports.map((e) => VERSION.exec(e.name)).find((m) => m !== null);
    if (!version) throw new QuiverError('WASM', `${name}: not an arrow-udf module (no ARROWUDF_VERSION_* export)`);
    if (Number(version[1]) > 3) throw new QuiverError('WASM', `${name}: arrow-udf ABI ${version[1]}.${version[2]} is not supported (this host implements 3.x)`);
    for (const fn of ['alloc', 'dealloc']) {
      if (!exports.some((e) => e.name === fn && e.kind === 'function')) throw new QuiverError('WASM', `${name}: missing function export "${fn}"`);
    }
    const signatures: ArrowUdfExport[] = [];
    const tables: ArrowUdfExport[] = [];
    for (const e of exports) {
      if (e.kind !== 'function' || !e.name.startsWith(EXPORT_PREFIX)) continue;
      const text = decodeName(e.name.slice(EXPORT_PREFIX.length));
      const sig = text === null ? null : parseSignature(text);
      if (sig === null) throw new QuiverError('WASM', `${name}: export ${e.name} does not encode an arrow-udf signature`);
      const types = [...sig.args, sig.ret].map((t) => [t, arrowUdfType(t)] as const);
      const unsupported = types.filter(([, t]) => t === null).map(([t]) => t);
      if (unsupported.length > 0) throw new QuiverError('WASM', `${name}: ${text}: arrow-udf type ${unsupported.join(', ')} is not supported`);
      const quiverTypes = types.map(([, t]) => t!);
      (sig.table ? tables : signatures).push({ exportName: e.name, name: sig.name, args: quiverTypes.slice(0, -1), ret: quiverTypes[quiverTypes.length - 1]! });
    }
    if (signatures.length + tables.length === 0) throw new QuiverError('WASM', `${name}: the arrow-udf module exports no functions`);
    for (const fn of tables.length > 0 ? ['record_batch_iterator_next', 'record_batch_iterator_drop'] : []) {
      if (!exports.some((e) => e.name === fn && e.kind === 'function')) throw new QuiverError('WASM', `${name}: it has table functions but no function export "${fn}"`);
    }
    const loaded = new ArrowUdfModule(name, module, signatures, tables);
    loaded.release(loaded.acquire());
    return loaded;
  }

  acquire(): GuestInstance {
    const idle = this.idle.pop();
    if (idle) return idle;
    try {
      return new GuestInstance(this.module, 'alloc', 'dealloc');
    } catch (e) {
      throw new QuiverError('WASM', `${this.name}: instantiation failed: ${(e as Error).message}`, { cause: e });
    }
  }

  release(instance: GuestInstance): void {
    if (!instance.broken) this.idle.push(instance);
  }
}

/** How registration lists an arrow-udf function: `name(ARGS) -> TYPE [arrow-udf]` (`->>` for table functions). */
export function arrowUdfSignatureText(f: ManifestFunction): string {
  const ret = f.kind === 'table' ? `->> ${typeToString(f.columns[0]!.type)}` : `-> ${typeToString(f.ret)}`;
  return `${f.name}(${f.args.map(typeToString).join(', ')}) ${ret} [arrow-udf]`;
}

export class ArrowUdfScalarFunction implements ScalarFunction, Overload {
  readonly volatility = 'volatile' as const;
  private readonly label: string;

  constructor(
    private readonly module: ArrowUdfModule,
    private readonly exportName: string,
    readonly name: string,
    readonly parameterTypes: readonly DataType[],
    private readonly returns: DataType,
  ) {
    this.label = `function ${name}(${parameterTypes.map(typeToString).join(', ')}) (${module.name}, arrow-udf)`;
  }

  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    return coerceToSignature(this.name, [this.parameterTypes], argTypes);
  }

  returnType(): DataType {
    return this.returns;
  }

  invoke(args: readonly ColumnarValue[], numRows: number): arrow.Data {
    const input = encodeArguments(args, this.parameterTypes, numRows);
    const inst = this.module.acquire();
    try {
      return this.call(inst, input, numRows);
    } finally {
      this.module.release(inst);
    }
  }

  private call(inst: GuestInstance, input: Uint8Array, numRows: number): arrow.Data {
    const call = callWithInput(inst, this.exportName, input, this.label);
    const out = takeSlice(inst, call.slot, this.label);
    freeInput(inst, call);
    if (call.status !== 0) throw new QuiverError('WASM', `${this.label} failed: ${new TextDecoder().decode(out)}${inst.log.suffix()}`);
    const result = readResultTable(out, this.label).getChildAt(0);
    if (!result || result.length !== numRows) {
      throw new QuiverError('WASM', `${this.label} returned a bad result: expected ${numRows} values of ${typeToString(this.returns)}, got ${result ? `${result.length} of ${result.type}` : 'no column'}`);
    }
    return decodeResult(result, this.returns, this.label);
  }
}
