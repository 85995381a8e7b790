/**
 * A loaded UDF component (the `quiver:udf/udf-component` world, docs/udf-abi.md §14): transpiled by
 * jco (cached per content), its imports checked (only `quiver:udf/logging` and the WASI subset of `./wasi.ts`), its core modules
 * compiled once with the memory cap applied, its manifest read from a first instance, and a pool
 * of instances; a broken instance is dropped and the next call instantiates a fresh one. A
 * component exporting `quiver:udf/aggregate-states` has aggregates that merge partial states.
 */
import { QuiverError } from '@quiver/common';
import { parseManifest, type Manifest } from '../wasm/manifest.js';
import { capMemory } from '../wasm/memory-cap.js';
import { DEFAULT_MAX_MEMORY, type WasmUdfOptions } from '../wasm/udf-module.js';
import { ComponentInstance } from './component-instance.js';
import { transpileComponent, type TranspiledComponent } from './transpile.js';
import { WASI_INTERFACES } from './wasi.js';
import { FUNCTIONS_INTERFACE, LOGGING_INTERFACE } from './world.js';

export class ComponentUdfModule {
  private readonly idle: ComponentInstance[] = [];
  /** Whether the component exports `aggregate-states` (its aggregates can run in two phases). */
  readonly mergeable: boolean;

  private constructor(
    readonly name: string,
    private readonly component: TranspiledComponent,
    private readonly modules: ReadonlyMap<string, WebAssembly.Module>,
    private readonly maxMemoryBytes: number,
    readonly manifest: Manifest,
    first: ComponentInstance,
  ) {
    this.mergeable = first.states !== null;
    this.idle.push(first);
  }

  static async load(bytes: Uint8Array, options: WasmUdfOptions = {}): Promise<ComponentUdfModule> {
    const name = options.name ?? 'wasm component';
    const maxMemoryBytes = options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY;
    const component = await transpileComponent(bytes, name);
    for (const imported of component.imports) {
      if (imported !== LOGGING_INTERFACE && !WASI_INTERFACES.has(imported)) {
        const absent = /^wasi:sockets\//.test(imported) ? ' (sockets are not available to UDFs)' : '';
        throw new QuiverError(
          'WASM',
          `${name}: forbidden import ${imported}${absent}; a UDF component may import only ${LOGGING_INTERFACE} and the deterministic WASI subset (wasi:cli, wasi:io, wasi:clocks, wasi:random, and wasi:filesystem without directories; docs/udf-abi.md §14)`,
        );
      }
    }
    if (!component.exports.some((e) => FUNCTIONS_INTERFACE.test(e))) {
      throw new QuiverError('WASM', `${name}: the component does not export quiver:udf/functions@1.x (it exports: ${component.exports.join(', ') || 'nothing'})`);
    }
    const modules = new Map<string, WebAssembly.Module>();
    for (const [file, core] of component.coreModules) {
      try {
        modules.set(file, await WebAssembly.compile(capMemory(core, maxMemoryBytes, `${name} (${file})`, true)));
      } catch (e) {
        if (e instanceof QuiverError) throw e;
        throw new QuiverError('WASM', `${name}: core module ${file} does not compile: ${(e as Error).message}`, { cause: e });
      }
    }
    const first = instantiate(component, modules, maxMemoryBytes, name);
    const json = first.call(`${name}: manifest()`, (f) => f.manifest());
    const manifest = parseManifest(json, name, true);
    return new ComponentUdfModule(name, component, modules, maxMemoryBytes, manifest, first);
  }

  /** An instance for one call (or one aggregation); give it back with `release`. */
  acquire(): ComponentInstance {
    return this.idle.pop() ?? instantiate(this.component, this.modules, this.maxMemoryBytes, this.name);
  }

  /** Return an instance to the pool, unless it is broken (then it is dropped). */
  release(instance: ComponentInstance): void {
    if (!instance.broken) this.idle.push(instance);
  }
}

function instantiate(component: TranspiledComponent, modules: ReadonlyMap<string, WebAssembly.Module>, maxMemoryBytes: number, name: string): ComponentInstance {
  try {
    return new ComponentInstance(component.instantiate, modules, maxMemoryBytes);
  } catch (e) {
    throw new QuiverError('WASM', `${name}: instantiation failed: ${(e as Error).message}`, { cause: e });
  }
}
