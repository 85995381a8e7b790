/**
 * The arrow-udf compatibility adapter: runs scalar functions of modules built for RisingWave /
 * Databend's arrow-udf WASM ABI v3 unchanged. The version comes from the exported global
 * `ARROWUDF_VERSION_<major>_<minor>`, signatures from the `arrowudf_<base64>` export names; each
 * batch goes in as an Arrow IPC *file* after an 8-byte CSlice slot in one `alloc`, the result comes
 * back as an IPC file (status 0) or a UTF-8 message (status -1), and a non-NULL `error` column
 * fails the query at its row. Functions are called on NULL (guests handle NULLs) and volatile
 * (the ABI has no volatility). Table functions (`->>`) are not supported yet.
 */
import * as arrow from 'apache-arrow';
import { fromArrowType, QuiverError, toArrowType, typesEqual, typeToString, type DataType } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import type { Overload } from '../registry.js';
import { GuestInstance } from '../wasm/guest-instance.js';
import { capMemory } from '../wasm/memory-cap.js';
import { coerceToSignature } from '../wasm/signature.js';
import { checkImports, DEFAULT_MAX_MEMORY, type WasmUdfOptions } from '../wasm/udf-module.js';
import { arrowUdfType, decodeName, EXPORT_PREFIX, parseSignature } from './signature.js';

const VERSION = /^ARROWUDF_VERSION_(\d+)_(\d+)$/;

/** Whether a compiled module speaks the arrow-udf ABI (exports a version global). */
export function isArrowUdfModule(module: WebAssembly.Module): boolean {
  return WebAssembly.Module.exports(module).some((e) => VERSION.test(e.name));
}

export class ArrowUdfModule {
  private readonly idle: GuestInstance[] = [];
  readonly functions: ArrowUdfScalarFunction[];

  private constructor(
    readonly name: string,
    private readonly module: WebAssembly.Module,
    signatures: Array<{ exportName: string; name: string; args: DataType[]; ret: DataType }>,
  ) {
    this.functions = signatures.map((s) => new ArrowUdfScalarFunction(this, s.exportName, s.name, s.args, s.ret));
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
    const signatures = [];
    for (const e of exports) {
      if (e.kind !== 'function' || !e.name.startsWith(EXPORT_PREFIX)) continue;
      const text = decodeName(e.name.slice(EXPORT_PREFIX.length));
      const sig = text === null ? null : parseSignature(text);
      if (sig === null) throw new QuiverError('WASM', `${name}: export ${e.name} does not encode an arrow-udf signature`);
      if (sig.table) throw new QuiverError('NOT_IMPLEMENTED', `${name}: ${text}: arrow-udf table functions are not supported yet`);
      const types = [...sig.args, sig.ret].map((t) => [t, arrowUdfType(t)] as const);
      const unsupported = types.filter(([, t]) => t === null).map(([t]) => t);
      if (unsupported.length > 0) throw new QuiverError('WASM', `${name}: ${text}: arrow-udf type ${unsupported.join(', ')} is not supported`);
      const quiverTypes = types.map(([, t]) => t!);
      signatures.push({ exportName: e.name, name: sig.name, args: quiverTypes.slice(0, -1), ret: quiverTypes[quiverTypes.length - 1]! });
    }
    if (signatures.length === 0) throw new QuiverError('WASM', `${name}: the arrow-udf module exports no functions`);
    const loaded = new ArrowUdfModule(name, module, signatures);
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
    const columns: Record<string, arrow.Vector> = {};
    args.forEach((a, i) => {
      columns[`arg${i}`] = a.kind === 'array' ? new arrow.Vector([a.data]) : broadcast(a.value.value, this.parameterTypes[i]!, numRows);
    });
    const input = arrow.tableToIPC(new arrow.Table(columns), 'file');
    const inst = this.module.acquire();
    try {
      return this.call(inst, input, numRows);
    } finally {
      this.module.release(inst);
    }
  }

  private call(inst: GuestInstance, input: Uint8Array, numRows: number): arrow.Data {
    const base = inst.alloc(input.length + 8, 4, this.label);
    inst.bytes().set(input, base + 8);
    const fn = inst.func(this.exportName);
    const status = inst.call(this.label, () => fn(base + 8, input.length, base));
    const mem = inst.bytes();
    const dv = new DataView(mem.buffer);
    const ptr = dv.getUint32(base, true);
    const len = dv.getUint32(base + 4, true);
    if (ptr + len > mem.length) {
      inst.broken = true;
      throw new QuiverError('WASM', `${this.label} returned a bad result: ${len} bytes at ${ptr} lie outside memory`);
    }
    const out = mem.slice(ptr, ptr + len);
    inst.free(base, input.length + 8, 4);
    inst.free(ptr, len, 1);
    if (status !== 0) throw new QuiverError('WASM', `${this.label} failed: ${new TextDecoder().decode(out)}${inst.log.suffix()}`);
    let table: arrow.Table;
    try {
      table = arrow.tableFromIPC(out);
    } catch (e) {
      throw new QuiverError('WASM', `${this.label} returned a bad result: not an Arrow IPC file (${(e as Error).message})`);
    }
    const errors = table.getChild('error');
    if (errors && errors.nullCount < errors.length) {
      for (let row = 0; row < errors.length; row++) {
        const message = errors.get(row) as string | null;
        if (message !== null) throw new QuiverError('WASM', `${this.label} failed at row ${row} of the batch: ${message}`);
      }
    }
    const result = table.getChildAt(0);
    if (!result || result.length !== numRows || result.data.length !== 1 || !typesEqual(fromArrowType(result.type), this.returns)) {
      throw new QuiverError('WASM', `${this.label} returned a bad result: expected ${numRows} values of ${typeToString(this.returns)}, got ${result ? `${result.length} of ${result.type}` : 'no column'}`);
    }
    return result.data[0]!;
  }
}

/** A constant argument as a column of `n` equal values. */
function broadcast(value: unknown, type: DataType, n: number): arrow.Vector {
  const nullBitmap = value === null ? new Uint8Array((n + 7) >> 3) : undefined;
  const nullCount = value === null ? n : 0;
  if (type.kind === 'Utf8') {
    const text = new TextEncoder().encode(value === null ? '' : (value as string));
    const bytes = new Uint8Array(text.length * n);
    for (let i = 0; i < n; i++) bytes.set(text, i * text.length);
    const offsets = Int32Array.from({ length: n + 1 }, (_, i) => i * text.length);
    return new arrow.Vector([arrow.makeData({ type: new arrow.Utf8(), length: n, valueOffsets: offsets, data: bytes, nullBitmap, nullCount })]);
  }
  const values =
    type.kind === 'Boolean' ? new Uint8Array((n + 7) >> 3).fill(value ? 0xff : 0)
    : type.kind === 'Int64' || type.kind === 'Timestamp' ? new BigInt64Array(n).fill((value ?? 0n) as bigint)
    : type.kind === 'Float64' ? new Float64Array(n).fill((value ?? 0) as number)
    : type.kind === 'Float32' ? new Float32Array(n).fill((value ?? 0) as number)
    : type.kind === 'Int16' ? new Int16Array(n).fill((value ?? 0) as number)
    : type.kind === 'Int8' ? new Int8Array(n).fill((value ?? 0) as number)
    : new Int32Array(n).fill((value ?? 0) as number);
  return new arrow.Vector([arrow.makeData({ type: toArrowType(type) as arrow.Int32, length: n, data: values as Int32Array, nullBitmap, nullCount })]);
}
