/**
 * Registering a module's functions: every manifest entry of an ABI v1 module or a component as a
 * scalar or aggregate function in a `FunctionRegistry`, one entry under a SQL name (CREATE
 * FUNCTION), or the functions of a sandboxed module; and module bytes of any kind — ABI v1,
 * arrow-udf, component — (`registerWasmBytes`, `loadUdfModule`).
 */
import { QuiverError, typesEqual, typeToString, type DataType } from '@quiver/common';
import type { AggregateFunction, ScalarFunction, Volatility } from '@quiver/planner';
import type { FunctionRegistry } from '../registry.js';
import { WasmAggregateFunction } from './aggregate-udf.js';
import { signatureText, type ManifestFunction } from './manifest.js';
import { ArrowUdfModule, arrowUdfSignatureText, isArrowUdfModule } from '../arrow-udf/arrow-udf-module.js';
import { ComponentAggregateFunction } from '../component/aggregate-udf.js';
import { ComponentUdfModule } from '../component/component-module.js';
import { ComponentScalarFunction } from '../component/scalar-udf.js';
import { isComponentBinary } from '../component/transpile.js';
import { WasmSandbox } from './sandbox.js';
import { WasmScalarFunction } from './scalar-udf.js';
import type { TableSourceFactory } from './chunked-table.js';
import { WasmTableFunction } from './table-udf.js';
import { WasmUdfModule, type WasmUdfOptions } from './udf-module.js';

/** A loaded module with a manifest: core ABI v1 or a component. */
export type UdfModule = WasmUdfModule | ComponentUdfModule;

/** Load ABI v1 module bytes or a component (told apart by the binary's layer). */
export function loadUdfModule(bytes: Uint8Array, options: WasmUdfOptions = {}): Promise<UdfModule> {
  return isComponentBinary(bytes) ? ComponentUdfModule.load(bytes, options) : WasmUdfModule.load(bytes, options);
}

/** The scalar or aggregate function for manifest entry `f` of `module` (null for table functions). */
export function udfFunction(
  module: UdfModule,
  f: ManifestFunction,
  sqlName: string = f.name,
  volatility?: Volatility,
): { kind: 'scalar'; fn: ScalarFunction } | { kind: 'aggregate'; fn: AggregateFunction } | null {
  if (f.kind === 'table') return null;
  if (module instanceof ComponentUdfModule) {
    return f.kind === 'scalar' ? { kind: 'scalar', fn: new ComponentScalarFunction(module, f, sqlName, volatility) } : { kind: 'aggregate', fn: new ComponentAggregateFunction(module, f, sqlName) };
  }
  return f.kind === 'scalar' ? { kind: 'scalar', fn: new WasmScalarFunction(module, f, sqlName, volatility) } : { kind: 'aggregate', fn: new WasmAggregateFunction(module, f, sqlName) };
}

function registerOne(registry: FunctionRegistry, module: UdfModule, f: ManifestFunction, sqlName: string, volatility?: Volatility, toSource?: TableSourceFactory): void {
  const udf = udfFunction(module, f, sqlName, volatility);
  if (udf?.kind === 'scalar') registry.registerScalar(udf.fn);
  else if (udf?.kind === 'aggregate') registry.registerAggregate(udf.fn);
  else if (module instanceof WasmUdfModule && toSource) registry.registerTableFunction(new WasmTableFunction(module, f, toSource, sqlName));
  else throw new QuiverError('NOT_IMPLEMENTED', `${module.name}: table function ${f.name} needs a table source factory to register`);
}

/**
 * Register every function the module's manifest lists; table functions need `toSource`, which
 * makes their result scannable (the session passes its in-memory table). Returns the signatures.
 */
export function registerWasmFunctions(registry: FunctionRegistry, module: UdfModule, toSource?: TableSourceFactory): string[] {
  for (const f of module.manifest.functions) registerOne(registry, module, f, f.name, undefined, toSource);
  return module.manifest.functions.map(signatureText);
}

export interface FunctionDeclaration {
  /** The SQL name to register under. */
  readonly name: string;
  readonly args: readonly DataType[];
  readonly returns: DataType;
  /** The manifest function's export to bind; by default the manifest entry named like `name`. */
  readonly handler?: string;
  /** Overrides the manifest's volatility when given. */
  readonly volatility?: Volatility;
}

/**
 * Register the one manifest function a CREATE FUNCTION statement names, after checking that the
 * declared signature is the manifest's.
 */
export function registerDeclaredFunction(registry: FunctionRegistry, module: UdfModule, decl: FunctionDeclaration): void {
  const candidates = module.manifest.functions.filter((f) =>
    decl.handler !== undefined ? f.export === decl.handler : f.name.toLowerCase() === decl.name.toLowerCase(),
  );
  const declared = `${decl.name}(${decl.args.map(typeToString).join(', ')}) RETURNS ${typeToString(decl.returns)}`;
  if (candidates.length === 0) {
    const what = decl.handler !== undefined ? `export '${decl.handler}'` : `function '${decl.name}'`;
    const listed = module.manifest.functions.map(signatureText).join('; ');
    throw new QuiverError('WASM', `${module.name}: its manifest has no ${what} (it lists: ${listed})`);
  }
  const match = candidates.find((f) => f.args.length === decl.args.length && f.args.every((t, i) => typesEqual(t, decl.args[i]!)));
  if (!match || !typesEqual(match.ret, decl.returns)) {
    throw new QuiverError(
      'WASM',
      `CREATE FUNCTION ${declared} does not match ${module.name}'s manifest: ${candidates.map(signatureText).join('; ')}`,
    );
  }
  if (match.kind === 'table') throw new QuiverError('NOT_IMPLEMENTED', `CREATE FUNCTION ${declared}: table functions register with registerWasmModule`);
  registerOne(registry, module, match, decl.name, decl.volatility);
}

/** Register every function of a sandboxed (worker-thread) module; returns their signatures. */
export function registerSandboxedFunctions(registry: FunctionRegistry, sandbox: WasmSandbox, toSource?: TableSourceFactory): string[] {
  for (const f of sandbox.functions(toSource)) {
    if (f.kind === 'scalar') registry.registerScalar(f.fn);
    else if (f.kind === 'aggregate') registry.registerAggregate(f.fn);
    else registry.registerTableFunction(f.fn);
  }
  return sandbox.manifest.functions.map(signatureText);
}

/**
 * Load module bytes and register every function: an ABI v1 module or a component in-thread, or in
 * a sandbox worker when `options.deadlineMs` is set; a module built for arrow-udf (it exports
 * `ARROWUDF_VERSION_*`) through the compatibility adapter (in-thread or sandboxed alike). Returns the registered signatures.
 */
export async function registerWasmBytes(registry: FunctionRegistry, bytes: Uint8Array, options: WasmUdfOptions = {}, toSource?: TableSourceFactory): Promise<string[]> {
  if (isComponentBinary(bytes) && options.deadlineMs === undefined) return registerWasmFunctions(registry, await ComponentUdfModule.load(bytes, options));
  let probe: WebAssembly.Module | null = null;
  try {
    probe = await WebAssembly.compile(bytes);
  } catch {
    // not valid wasm: the ABI v1 loader reports it
  }
  if (probe !== null && isArrowUdfModule(probe)) {
    if (options.deadlineMs !== undefined) {
      const sandbox = await WasmSandbox.load(bytes, { ...options, deadlineMs: options.deadlineMs });
      registerSandboxedFunctions(registry, sandbox, toSource);
      return sandbox.manifest.functions.map(arrowUdfSignatureText);
    }
    const module = await ArrowUdfModule.load(bytes, options);
    for (const f of module.functions) registry.registerScalar(f);
    if (toSource) for (const f of module.tableFunctions(toSource)) registry.registerTableFunction(f);
    else if (module.tableSignatures.length > 0) throw new QuiverError('NOT_IMPLEMENTED', `${module.name}: table functions need a table source factory to register`);
    return module.manifest.functions.map(arrowUdfSignatureText);
  }
  if (options.deadlineMs !== undefined) {
    return registerSandboxedFunctions(registry, await WasmSandbox.load(bytes, { ...options, deadlineMs: options.deadlineMs }), toSource);
  }
  return registerWasmFunctions(registry, await WasmUdfModule.load(bytes, options), toSource);
}
