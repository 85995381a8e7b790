/**
 * quiver-udf — write Quiver UDF ABI v1 guests (docs/udf-abi.md) in AssemblyScript.
 *
 * Build:  asc my-udfs.ts -O3 --runtime stub --noAssert --use abort= -o my-udfs.wasm
 *         node examples/udf/embed-manifest.mjs my-udfs.wasm
 * In the entry file, re-export the runtime and export the manifest:
 *   export { qe_alloc, qe_free, qe_udf_abi, qe_last_error, qe_row } from './quiver-udf';
 *   export function qe_udf_manifest(): usize { return manifest('{"abi":"1.0","functions":[...]}'); }
 * Entry points: scalar `(args: usize, nargs: u32, nrows: u32, out: usize): i32`; aggregates
 * `<name>_init/_update/_finalize` as in the spec. Read columns with `column(args, i)`.
 */

// ---- host imports (§9) ----
@external("qe_udf", "log") declare function hostLog(level: i32, ptr: usize, len: usize): void;

// ---- runtime exports ----
export function qe_udf_abi(): u32 {
  return 0x10000;
}

export function qe_alloc(size: usize, align: usize): usize {
  return heap.alloc(size); // 16-byte aligned, enough for every ABI alignment
}

export function qe_free(ptr: usize, size: usize, align: usize): void {
  heap.free(ptr);
}

/** The row being processed; set it in loops so a trap names its row. */
export let qe_row: i32 = -1;

let errorInfo: usize = 0;

export function qe_last_error(): usize {
  if (errorInfo == 0) {
    errorInfo = heap.alloc(12);
    store<u32>(errorInfo, 0);
    store<u32>(errorInfo, 0, 4);
    store<i32>(errorInfo, -1, 8);
  }
  return errorInfo;
}

/** Record an error for `row` (-1: none) and return the status to give back (1). */
export function fail(message: string, row: i32): i32 {
  const bytes = String.UTF8.encode(message);
  const info = qe_last_error();
  store<u32>(info, <u32>changetype<usize>(bytes));
  store<u32>(info, <u32>bytes.byteLength, 4);
  store<i32>(info, row, 8);
  return 1;
}

export function log(message: string): void {
  const bytes = String.UTF8.encode(message);
  hostLog(0, changetype<usize>(bytes), bytes.byteLength);
}

let manifestRef: usize = 0;

/** The `{ptr, len}` of the manifest's UTF-8 text, for the entry file's `qe_udf_manifest`. */
export function manifest(json: string): usize {
  if (manifestRef == 0) {
    const bytes = String.UTF8.encode(json);
    manifestRef = heap.alloc(8);
    store<u32>(manifestRef, <u32>changetype<usize>(bytes));
    store<u32>(manifestRef, <u32>bytes.byteLength, 4);
  }
  return manifestRef;
}

// ---- columns (§5) ----
@unmanaged
export class Column {
  type: u32;
  length: u32;
  nullCount: i32;
  validity: usize;
  offsets: usize;
  data: usize;
  dataLen: u32;
  reserved: u32;
}

/** Descriptor `i` of the array at `descs`. */
export function column(descs: usize, i: u32): Column {
  return changetype<Column>(descs + <usize>i * 32);
}

export function isValid(c: Column, i: u32): bool {
  return c.validity == 0 || ((load<u8>(c.validity + (i >> 3)) >> (i & 7)) & 1) != 0;
}

export function setNull(out: Column, i: u32): void {
  const at = out.validity + (i >> 3);
  store<u8>(at, load<u8>(at) & ~(<u8>1 << <u8>(i & 7)));
}

export function getF64(c: Column, i: u32): f64 {
  return load<f64>(c.data + (<usize>i << 3));
}

export function setF64(out: Column, i: u32, v: f64): void {
  store<f64>(out.data + (<usize>i << 3), v);
}

export function setBool(out: Column, i: u32, v: bool): void {
  const at = out.data + (i >> 3);
  const bit = <u8>1 << <u8>(i & 7);
  store<u8>(at, v ? load<u8>(at) | bit : load<u8>(at) & ~bit);
}

/** Start and end byte offsets of row `i` of a utf8 column, as pointers. */
export function strStart(c: Column, i: u32): usize {
  return c.data + <usize>load<i32>(c.offsets + (<usize>i << 2));
}
export function strEnd(c: Column, i: u32): usize {
  return c.data + <usize>load<i32>(c.offsets + (<usize>(i + 1) << 2));
}

/** A utf8 result buffer of at least `bytes`: the host's when big enough, else a fresh block. */
export function reserveUtf8(out: Column, bytes: u32): usize {
  if (bytes > out.dataLen) out.data = heap.alloc(<usize>(bytes > 0 ? bytes : 1));
  out.dataLen = bytes;
  return out.data;
}

export function setOffset(out: Column, i: u32, offset: i32): void {
  store<i32>(out.offsets + (<usize>i << 2), offset);
}
