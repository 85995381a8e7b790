/**
 * `@quiver/udf/testing`: the binary module encoder and the ABI v1 guests the tests and the UDF
 * benchmark run (not part of the public API).
 */
export { op, WasmBuilder, type ValType } from './wasm-builder.js';
export { buildGuest, descField, forRows, type GuestFunction, type GuestOptions } from './guest-runtime.js';
export * from './guests.js';
export { arrowUdfGuest, type ArrowUdfSignatures } from './arrow-udf-guest.js';
