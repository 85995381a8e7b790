/**
 * Builds ABI v1 guest modules for tests and benchmarks: the runtime every guest needs (memory,
 * `qe_udf_abi`, `qe_udf_manifest` plus the manifest custom section, a bump `qe_alloc` that frees
 * the last block, a `qe_row` global) around function bodies written with `op`.
 */
import { op, WasmBuilder, type ValType } from './wasm-builder.js';

export const HEAP_GLOBAL = 0;
export const ROW_GLOBAL = 1;
/** Where `qe_last_error` points: {msg_ptr, msg_len, row}. */
export const LAST_ERROR_AT = 512;
const MANIFEST_HEADER_AT = 1016;
const MANIFEST_AT = 1024;

export interface GuestContext {
  /** Function index of `qe_alloc(size, align) -> ptr`. */
  readonly alloc: number;
  /** Function indices of the imports, by `module.name`. */
  readonly imports: Readonly<Record<string, number>>;
}

export interface GuestFunction {
  readonly export: string;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  readonly locals?: readonly ValType[];
  readonly body: (ctx: GuestContext) => (number | number[])[];
}

export interface GuestOptions {
  /** The manifest (serialized as JSON) or its exact text. */
  readonly manifest: object | string;
  /** The custom section's text when it should differ from the exported manifest. */
  readonly sectionManifest?: string | null;
  readonly functions: readonly GuestFunction[];
  readonly imports?: ReadonlyArray<{ module: string; name: string; params: ValType[]; results: ValType[] }>;
  readonly abiVersion?: number;
  readonly maxPages?: number | null;
  /** Extra data segments (offset, bytes), e.g. error messages. */
  readonly data?: ReadonlyArray<[number, Uint8Array]>;
  /** Leave out these runtime exports (for malformed-module tests). */
  readonly omit?: readonly string[];
}

const utf8 = new TextEncoder();

/** A complete guest module. */
export function buildGuest(options: GuestOptions): Uint8Array {
  const b = new WasmBuilder();
  const imports: Record<string, number> = {};
  for (const imp of options.imports ?? []) imports[`${imp.module}.${imp.name}`] = b.importFunc(imp.module, imp.name, imp.params, imp.results);
  const manifestText = typeof options.manifest === 'string' ? options.manifest : JSON.stringify(options.manifest);
  const manifest = utf8.encode(manifestText);
  const heapStart = (MANIFEST_AT + manifest.length + 15) & ~15;
  b.memory(1, options.maxPages ?? null, options.omit?.includes('memory') ? null : 'memory');
  b.global('i32', true, heapStart);
  b.global('i32', true, -1, 'qe_row');
  const header = new Uint8Array(8);
  new DataView(header.buffer).setUint32(0, MANIFEST_AT, true);
  new DataView(header.buffer).setUint32(4, manifest.length, true);
  b.data(MANIFEST_HEADER_AT, header);
  b.data(MANIFEST_AT, manifest);
  b.data(LAST_ERROR_AT, new Uint8Array(new Int32Array([0, 0, -1]).buffer));
  for (const [at, bytes] of options.data ?? []) b.data(at, bytes);
  const exportUnless = (name: string) => (options.omit?.includes(name) ? null : name);
  b.func(exportUnless('qe_udf_abi'), [], ['i32'], [], [op.i32Const(options.abiVersion ?? 0x10000)]);
  b.func(exportUnless('qe_udf_manifest'), [], ['i32'], [], [op.i32Const(MANIFEST_HEADER_AT)]);
  // qe_alloc(size, align): bump the heap pointer, growing memory as needed; 0 when it cannot grow.
  const alloc = b.func(exportUnless('qe_alloc'), ['i32', 'i32'], ['i32'], ['i32', 'i32'], [
    op.globalGet(HEAP_GLOBAL), op.localGet(1), op.i32Add, op.i32Const(1), op.i32Sub,
    op.i32Const(0), op.localGet(1), op.i32Sub, op.i32And, op.localSet(2), // ptr = align_up(heap, align)
    op.localGet(2), op.localGet(0), op.i32Add, op.localSet(3), // end = ptr + size
    op.localGet(3), op.memorySize, op.i32Const(16), op.i32Shl, op.i32GtU,
    op.if,
    op.localGet(3), op.memorySize, op.i32Const(16), op.i32Shl, op.i32Sub, op.i32Const(65535), op.i32Add, op.i32Const(16), op.i32ShrU,
    op.memoryGrow, op.i32Const(-1), op.i32Eq,
    op.if, op.i32Const(0), op.return, op.end,
    op.end,
    op.localGet(3), op.globalSet(HEAP_GLOBAL),
    op.localGet(2),
  ]);
  // qe_free(ptr, size, align): reclaims the block only when it is the last one allocated.
  b.func(exportUnless('qe_free'), ['i32', 'i32', 'i32'], [], [], [
    op.localGet(0), op.localGet(1), op.i32Add, op.globalGet(HEAP_GLOBAL), op.i32Eq,
    op.if, op.localGet(0), op.globalSet(HEAP_GLOBAL), op.end,
  ]);
  b.func('qe_last_error', [], ['i32'], [], [op.i32Const(LAST_ERROR_AT)]);
  const ctx: GuestContext = { alloc, imports };
  for (const f of options.functions) b.func(f.export, f.params, f.results, f.locals ?? [], f.body(ctx));
  if (options.sectionManifest !== null) b.custom('qe_udf.manifest', utf8.encode(options.sectionManifest ?? manifestText));
  return b.build();
}

/** Load field `offset` (a Desc byte offset) of descriptor `index` of the array at local `descs`. */
export function descField(descsLocal: number, index: number, offset: number): number[] {
  return [...op.localGet(descsLocal), ...op.i32Load(index * 32 + offset)];
}

/** `for (i = 0; i < n; i++) body` with `i` and `n` locals. */
export function forRows(iLocal: number, nLocal: number, body: (number | number[])[]): number[] {
  return [
    op.i32Const(0), op.localSet(iLocal),
    op.block, op.loop,
    op.localGet(iLocal), op.localGet(nLocal), op.i32GeU, op.brIf(1),
    ...body,
    op.localGet(iLocal), op.i32Const(1), op.i32Add, op.localSet(iLocal),
    op.br(0),
    op.end, op.end,
  ].flat();
}
