/**
 * Component → JavaScript: a WebAssembly component is transpiled by jco's bindgen
 * (`@bytecodealliance/jco-transpile`, loaded on first use) into an ES module with an
 * `instantiate(getCoreModule, imports)` function plus the component's core modules. The result is
 * cached per content hash (SHA-256), so registering the same component again costs nothing.
 */
import { QuiverError } from '@quiver/common';

/** What jco's generated `instantiate` returns: one object per exported interface. */
export type ComponentExports = Record<string, Record<string, (...args: never[]) => unknown>>;

export type InstantiateFn = (
  getCoreModule: (file: string) => WebAssembly.Module,
  imports: Record<string, Record<string, unknown>>,
  instantiateCore: (module: WebAssembly.Module, imports: WebAssembly.Imports) => WebAssembly.Instance,
) => ComponentExports;

export interface TranspiledComponent {
  readonly instantiate: InstantiateFn;
  /** The component's core modules by the file name `instantiate` asks for. */
  readonly coreModules: ReadonlyMap<string, Uint8Array>;
  /** Imported interfaces (without versions, as jco keys them: `quiver:udf/logging`). */
  readonly imports: readonly string[];
  /** Exported interfaces (`quiver:udf/functions@1.0.0`). */
  readonly exports: readonly string[];
}

interface Bindgen {
  $init: Promise<void>;
  generate(component: Uint8Array, options: Record<string, unknown>): { files: Array<[string, Uint8Array]>; imports: string[]; exports: Array<[string, string]> };
}

/** Where jco's bindgen lives; a variable, so neither tsc nor bundlers need it unless components are used. */
const BINDGEN = '@bytecodealliance/jco-transpile/component';
const JS_FILE = 'component.js';

let bindgen: Promise<Bindgen> | null = null;
const cache = new Map<string, Promise<TranspiledComponent>>();

/** Whether `bytes` start like a component (magic, then layer 1), not a core module (layer 0). */
export function isComponentBinary(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d && bytes[6] === 1 && bytes[7] === 0;
}

/** Transpile `bytes` once per content; `name` is for messages. */
export async function transpileComponent(bytes: Uint8Array, name: string): Promise<TranspiledComponent> {
  const key = await contentHash(bytes);
  let entry = cache.get(key);
  if (!entry) {
    entry = transpile(bytes.slice(), name);
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

async function transpile(bytes: Uint8Array, name: string): Promise<TranspiledComponent> {
  const jco = await loadBindgen();
  let out: ReturnType<Bindgen['generate']>;
  try {
    out = jco.generate(bytes, { name: 'component', instantiation: { tag: 'sync' }, noTypescript: true, noNodejsCompat: true, base64Cutoff: 0 });
  } catch (e) {
    throw new QuiverError('WASM', `${name}: not a valid WebAssembly component: ${errorText(e)}`, { cause: e });
  }
  const files = new Map(out.files);
  const js = files.get(JS_FILE);
  if (!js) throw new QuiverError('INTERNAL', `${name}: jco produced no ${JS_FILE}`);
  files.delete(JS_FILE);
  const module = (await importSource(js)) as { instantiate: InstantiateFn };
  return { instantiate: module.instantiate, coreModules: files, imports: out.imports, exports: out.exports.map(([n]) => n) };
}

function loadBindgen(): Promise<Bindgen> {
  bindgen ??= (import(/* @vite-ignore */ BINDGEN) as Promise<Bindgen>).then(
    async (m) => {
      await m.$init;
      return m;
    },
    (e: unknown) => {
      bindgen = null;
      throw new QuiverError('WASM', `WebAssembly components need the package ${BINDGEN.split('/').slice(0, 2).join('/')} (${errorText(e)})`, { cause: e });
    },
  );
  return bindgen;
}

/** Evaluate generated ES module source (a data: URL works in Node and browsers alike). */
function importSource(js: Uint8Array): Promise<unknown> {
  let binary = '';
  for (let i = 0; i < js.length; i += 0x8000) binary += String.fromCharCode(...js.subarray(i, i + 0x8000));
  const url = `data:text/javascript;base64,${btoa(binary)}`;
  return import(/* @vite-ignore */ url);
}

async function contentHash(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'payload' in e) return String((e as { payload: unknown }).payload);
  return e instanceof Error ? e.message : String(e);
}
