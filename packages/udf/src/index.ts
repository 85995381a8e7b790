/**
 * @quiver/udf — the function registry and user-defined function interfaces. Built-in and
 * user-defined functions register here; SQL planning resolves names through it. WebAssembly UDFs
 * (Quiver UDF ABI v1, docs/udf-abi.md) load with `WasmUdfModule.load`, components (the
 * `quiver:udf/udf-component` WIT world, run through jco) with `ComponentUdfModule.load`, either with
 * `loadUdfModule`, and register with `registerWasmFunctions` / `registerDeclaredFunction`.
 */
export { FunctionRegistry, type Overload } from './registry.js';
export { WasmUdfModule, DEFAULT_MAX_MEMORY, type WasmUdfOptions } from './wasm/udf-module.js';
export { WasmScalarFunction } from './wasm/scalar-udf.js';
export { WasmAggregateFunction } from './wasm/aggregate-udf.js';
export { WasmTableFunction } from './wasm/table-udf.js';
export type { TableSourceFactory } from './wasm/chunked-table.js';
export {
  loadUdfModule,
  registerWasmFunctions,
  registerDeclaredFunction,
  registerSandboxedFunctions,
  registerWasmBytes,
  type FunctionDeclaration,
  type UdfModule,
} from './wasm/register.js';
export { ComponentUdfModule } from './component/component-module.js';
export { ComponentScalarFunction } from './component/scalar-udf.js';
export { ComponentAggregateFunction } from './component/aggregate-udf.js';
export { ArrowUdfModule, ArrowUdfScalarFunction } from './arrow-udf/arrow-udf-module.js';
export { WasmSandbox, type SandboxOptions } from './wasm/sandbox.js';
export { readWasmSource, type WasmSource } from './wasm/source.js';
export { embedManifestSection } from './wasm/embed-manifest.js';
export { parseManifest, parseTypeName, typeName, type Manifest, type ManifestFunction } from './wasm/manifest.js';
