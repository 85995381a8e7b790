/**
 * A small WebAssembly binary encoder for test guests and benchmarks: types, imports, functions,
 * one memory, globals, data segments, exports and custom sections, with instruction helpers (`op`).
 * It lets tests build exact (and deliberately hostile) modules without a wat2wasm toolchain.
 */

import { uleb } from '../wasm/memory-cap.js';

export type ValType = 'i32' | 'i64' | 'f32' | 'f64';
const VALTYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };

export { uleb };

export function sleb(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const utf8 = new TextEncoder();
function name(s: string): number[] {
  const b = utf8.encode(s);
  return [...uleb(b.length), ...b];
}
function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}
function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

const mem = (code: number, align: number) => (offset = 0): number[] => [code, align, ...uleb(offset)];
const f64Bytes = (x: number) => [...new Uint8Array(new Float64Array([x]).buffer)];

/** Instruction encoders; a function body is the concatenation of their outputs. */
export const op = {
  unreachable: [0x00],
  nop: [0x01],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  ifI32: [0x04, 0x7f],
  else: [0x05],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  return: [0x0f],
  call: (fn: number) => [0x10, ...uleb(fn)],
  drop: [0x1a],
  select: [0x1b],
  localGet: (i: number) => [0x20, ...uleb(i)],
  localSet: (i: number) => [0x21, ...uleb(i)],
  localTee: (i: number) => [0x22, ...uleb(i)],
  globalGet: (i: number) => [0x23, ...uleb(i)],
  globalSet: (i: number) => [0x24, ...uleb(i)],
  i32Load: mem(0x28, 2),
  i64Load: mem(0x29, 3),
  f64Load: mem(0x2b, 3),
  i32Load8u: mem(0x2d, 0),
  i32Store: mem(0x36, 2),
  i64Store: mem(0x37, 3),
  f64Store: mem(0x39, 3),
  i32Store8: mem(0x3a, 0),
  memorySize: [0x3f, 0x00],
  memoryGrow: [0x40, 0x00],
  i32Const: (n: number) => [0x41, ...sleb(n)],
  i64Const: (n: number | bigint) => [0x42, ...sleb(n)],
  f64Const: (x: number) => [0x44, ...f64Bytes(x)],
  i32Eqz: [0x45],
  i32Eq: [0x46],
  i32Ne: [0x47],
  i32LtS: [0x48],
  i32LtU: [0x49],
  i32GtU: [0x4b],
  i32GeU: [0x4f],
  i64Eqz: [0x50],
  f64Eq: [0x61],
  f64Lt: [0x63],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32DivU: [0x6e],
  i32And: [0x71],
  i32Or: [0x72],
  i32Xor: [0x73],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  i64Add: [0x7c],
  f64Abs: [0x99],
  f64Neg: [0x9a],
  f64Sqrt: [0x9f],
  f64Add: [0xa0],
  f64Sub: [0xa1],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  f64ConvertI64S: [0xb9],
  memoryCopy: [0xfc, 0x0a, 0x00, 0x00],
  memoryFill: [0xfc, 0x0b, 0x00],
};

interface FuncDef {
  readonly type: number;
  readonly locals: readonly ValType[];
  readonly body: readonly number[];
}

export class WasmBuilder {
  private readonly types: number[][] = [];
  private readonly imports: number[][] = [];
  private readonly funcs: FuncDef[] = [];
  private readonly globals: number[][] = [];
  private readonly exports: number[][] = [];
  private readonly datas: number[][] = [];
  private readonly customs: number[][] = [];
  private memorySection: number[] | null = null;

  private typeIndex(params: readonly ValType[], results: readonly ValType[]): number {
    const t = [0x60, ...vec(params.map((p) => [VALTYPE[p]])), ...vec(results.map((r) => [VALTYPE[r]]))];
    const key = t.join(',');
    const found = this.types.findIndex((x) => x.join(',') === key);
    if (found >= 0) return found;
    this.types.push(t);
    return this.types.length - 1;
  }

  /** Import a function; all imports must come before the first `func`. Returns its function index. */
  importFunc(module: string, field: string, params: readonly ValType[], results: readonly ValType[]): number {
    if (this.funcs.length > 0) throw new Error('imports must be declared before functions');
    this.imports.push([...name(module), ...name(field), 0x00, ...uleb(this.typeIndex(params, results))]);
    return this.imports.length - 1;
  }

  /** Import a memory (modules that do this are rejected by the host). */
  importMemory(module: string, field: string, minPages: number): void {
    this.imports.push([...name(module), ...name(field), 0x02, 0x00, ...uleb(minPages)]);
  }

  /** Define a function (exported as `exportName` when given); returns its function index. */
  func(exportName: string | null, params: readonly ValType[], results: readonly ValType[], locals: readonly ValType[], body: readonly (number | number[])[]): number {
    const index = this.imports.length + this.funcs.length;
    this.funcs.push({ type: this.typeIndex(params, results), locals, body: body.flat() });
    if (exportName !== null) this.exports.push([...name(exportName), 0x00, ...uleb(index)]);
    return index;
  }

  memory(minPages: number, maxPages: number | null, exportName: string | null = 'memory'): void {
    const limits = maxPages === null ? [0x00, ...uleb(minPages)] : [0x01, ...uleb(minPages), ...uleb(maxPages)];
    this.memorySection = section(5, vec([limits]));
    if (exportName !== null) this.exports.push([...name(exportName), 0x02, 0x00]);
  }

  /** A global with a constant initial value; returns its index. */
  global(type: ValType, mutable: boolean, init: number, exportName: string | null = null): number {
    const initExpr = type === 'i32' ? op.i32Const(init) : type === 'i64' ? op.i64Const(init) : type === 'f64' ? op.f64Const(init) : [0x43, ...new Uint8Array(new Float32Array([init]).buffer)];
    this.globals.push([VALTYPE[type], mutable ? 1 : 0, ...initExpr, 0x0b]);
    const index = this.globals.length - 1;
    if (exportName !== null) this.exports.push([...name(exportName), 0x03, ...uleb(index)]);
    return index;
  }

  data(offset: number, bytes: Uint8Array | readonly number[]): void {
    this.datas.push([0x00, ...op.i32Const(offset), 0x0b, ...uleb(bytes.length), ...bytes]);
  }

  custom(sectionName: string, bytes: Uint8Array): void {
    this.customs.push(section(0, [...name(sectionName), ...bytes]));
  }

  build(): Uint8Array {
    const codes = this.funcs.map((f) => {
      const locals = vec(f.locals.map((l) => [1, VALTYPE[l]]));
      const body = [...locals, ...f.body, 0x0b];
      return [...uleb(body.length), ...body];
    });
    const bytes = [
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
      ...section(1, vec(this.types)),
      ...(this.imports.length ? section(2, vec(this.imports)) : []),
      ...section(3, vec(this.funcs.map((f) => uleb(f.type)))),
      ...(this.memorySection ?? []),
      ...(this.globals.length ? section(6, vec(this.globals)) : []),
      ...section(7, vec(this.exports)),
      ...section(10, vec(codes)),
      ...(this.datas.length ? section(11, vec(this.datas)) : []),
      ...this.customs.flat(),
    ];
    return new Uint8Array(bytes);
  }
}
