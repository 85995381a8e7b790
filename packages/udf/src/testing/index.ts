/**
 * `@quiver/udf/testing`: the binary module encoder, the ABI v1 guests and the component guest the tests and the UDF
 * benchmark run (not part of the public API).
 */
export { op, WasmBuilder, type ValType } from './wasm-builder.js';
export { buildGuest, descField, forRows, type GuestFunction, type GuestOptions } from './guest-runtime.js';
export * from './guests.js';
export { arrowUdfGuest, type ArrowUdfSignatures } from './arrow-udf-guest.js';
export { buildComponent, componentGuest, componentGuestWat, COMPONENT_GUEST_MANIFEST, dummyComponent, readUdfWit } from './component-guest.js';
