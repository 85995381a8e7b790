/**
 * A loaded UDF module: the bytes checked against the ABI v1 module rules (imports, exports, ABI
 * version, manifest as export and custom section agreeing), compiled once with the memory cap
 * applied, and a pool of instances created from the cached compiled module. A broken instance
 * is dropped; the next call gets a fresh one.
 */
import { QuiverError } from '@quiver/common';
import { ABI_MAJOR, EXPORTS, HOST_MODULE, MANIFEST_SECTION, WASI_MODULE } from './abi.js';
import { GuestInstance } from './guest-instance.js';
import { HOST_FUNCTIONS, WASI_FUNCTIONS } from './host-imports.js';
import { parseManifest, type Manifest, type ManifestFunction } from './manifest.js';
import { capMemory } from './memory-cap.js';

export interface WasmUdfOptions {
  /** A name for the module in error messages (a file name, say); `wasm module` by default. */
  readonly name?: string;
  /** Memory cap per instance in bytes (64 MiB by default). */
  readonly maxMemoryBytes?: number;
  /**
   * For untrusted modules: run them in a worker thread with this wall-clock limit per call
   * (`WasmSandbox`; Node only). Registration (`SessionContext.registerWasmModule`) honours it.
   */
  readonly deadlineMs?: number;
}

export const DEFAULT_MAX_MEMORY = 64 * 1024 * 1024;

const AGGREGATE_REQUIRED = ['_init', '_update', '_finalize'];
const TABLE_REQUIRED = ['_open', '_next', '_close'];

export class WasmUdfModule {
  private readonly idle: GuestInstance[] = [];

  private constructor(
    readonly name: string,
    readonly module: WebAssembly.Module,
    readonly manifest: Manifest,
    first: GuestInstance,
  ) {
    this.idle.push(first);
  }

  /** Check, cap and compile `bytes`, instantiate once and read the manifest. */
  static async load(bytes: Uint8Array, options: WasmUdfOptions = {}): Promise<WasmUdfModule> {
    const name = options.name ?? 'wasm module';
    const capped = capMemory(bytes, options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY, name);
    let module: WebAssembly.Module;
    try {
      module = await WebAssembly.compile(capped);
    } catch (e) {
      throw new QuiverError('WASM', `${name}: not a valid WebAssembly module: ${(e as Error).message}`, { cause: e });
    }
    checkImports(module, name);
    checkExports(module, name);
    const sections = WebAssembly.Module.customSections(module, MANIFEST_SECTION);
    if (sections.length !== 1) throw new QuiverError('WASM', `${name}: expected one custom section "${MANIFEST_SECTION}", found ${sections.length}`);
    const sectionJson = new TextDecoder().decode(sections[0]);
    const manifest = parseManifest(sectionJson, name);
    let first: GuestInstance;
    try {
      first = new GuestInstance(module);
    } catch (e) {
      if (e instanceof QuiverError) throw e;
      throw new QuiverError('WASM', `${name}: instantiation failed: ${(e as Error).message}`, { cause: e });
    }
    const version = first.call(`${name}: ${EXPORTS.abi}`, () => first.func(EXPORTS.abi)()) >>> 0;
    if (version >>> 16 !== ABI_MAJOR) {
      throw new QuiverError('WASM', `${name}: ABI version ${version >>> 16}.${version & 0xffff} is not supported (this host implements ${ABI_MAJOR}.x)`);
    }
    const exported = readExportedManifest(first, name);
    if (exported !== sectionJson) {
      throw new QuiverError('WASM', `${name}: the manifest returned by ${EXPORTS.manifest}() differs from the "${MANIFEST_SECTION}" custom section`);
    }
    for (const f of manifest.functions) checkFunctionExports(module, f, name);
    return new WasmUdfModule(name, module, manifest, first);
  }

  /** An instance for one call (or one aggregation); give it back with `release`. */
  acquire(): GuestInstance {
    const idle = this.idle.pop();
    if (idle) return idle;
    try {
      return new GuestInstance(this.module);
    } catch (e) {
      throw new QuiverError('WASM', `${this.name}: instantiation failed: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Return an instance to the pool, unless it is broken (then it is dropped). */
  release(instance: GuestInstance): void {
    if (!instance.broken) this.idle.push(instance);
  }
}

/** Rejects imports outside the host module and the WASI subset. */
export function checkImports(module: WebAssembly.Module, name: string): void {
  for (const imp of WebAssembly.Module.imports(module)) {
    const allowed =
      imp.kind === 'function' &&
      ((imp.module === HOST_MODULE && HOST_FUNCTIONS.has(imp.name)) || (imp.module === WASI_MODULE && WASI_FUNCTIONS.has(imp.name)));
    if (!allowed) {
      throw new QuiverError(
        'WASM',
        `${name}: forbidden import ${imp.module}.${imp.name} (${imp.kind}); a UDF module may import only functions from "${HOST_MODULE}" (${[...HOST_FUNCTIONS].join(', ')}) and the WASI subset (${[...WASI_FUNCTIONS].join(', ')})`,
      );
    }
  }
}

function checkExports(module: WebAssembly.Module, name: string): void {
  const kinds = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  const need: Array<[string, string]> = [
    [EXPORTS.memory, 'memory'],
    [EXPORTS.abi, 'function'],
    [EXPORTS.manifest, 'function'],
    [EXPORTS.alloc, 'function'],
    [EXPORTS.free, 'function'],
  ];
  for (const [exp, kind] of need) {
    if (kinds.get(exp) !== kind) throw new QuiverError('WASM', `${name}: missing ${kind} export "${exp}"`);
  }
  if (kinds.has('_start')) throw new QuiverError('WASM', `${name}: exports _start (a WASI command); UDF modules must be reactors`);
}

function checkFunctionExports(module: WebAssembly.Module, f: ManifestFunction, name: string): void {
  const functions = new Set(WebAssembly.Module.exports(module).filter((e) => e.kind === 'function').map((e) => e.name));
  const needed = f.kind === 'scalar' ? [f.export] : (f.kind === 'aggregate' ? AGGREGATE_REQUIRED : TABLE_REQUIRED).map((s) => f.export + s);
  for (const exp of needed) {
    if (!functions.has(exp)) throw new QuiverError('WASM', `${name}: the manifest lists ${f.kind} function ${f.name} but the module does not export "${exp}"`);
  }
}

function readExportedManifest(inst: GuestInstance, name: string): string {
  const at = inst.call(`${name}: ${EXPORTS.manifest}`, () => inst.func(EXPORTS.manifest)()) >>> 0;
  const mem = inst.bytes();
  if (at + 8 > mem.length) throw new QuiverError('WASM', `${name}: ${EXPORTS.manifest}() returned an out-of-bounds pointer ${at}`);
  const dv = new DataView(mem.buffer);
  const ptr = dv.getUint32(at, true);
  const len = dv.getUint32(at + 4, true);
  if (ptr + len > mem.length) throw new QuiverError('WASM', `${name}: the manifest (${len} bytes at ${ptr}) lies outside memory`);
  return new TextDecoder().decode(mem.subarray(ptr, ptr + len));
}
