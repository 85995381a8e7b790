/**
 * One instance of a UDF module: its memory, allocator exports and reusable scratch buffers (the
 * host's input and output areas in guest memory, grown on demand and kept across batches), and
 * the translation of guest failures (traps, `fail`, error statuses) into `QuiverError('WASM')`.
 */
import { QuiverError } from '@quiver/common';
import { EXPORTS } from './abi.js';
import { GuestFailure, GuestLog, hostImports } from './host-imports.js';

type AllocFn = (size: number, align: number) => number;
type FreeFn = (ptr: number, size: number, align: number) => void;

interface Scratch {
  ptr: number;
  cap: number;
  align: number;
}

export class GuestInstance {
  readonly exports: WebAssembly.Exports;
  readonly memory: WebAssembly.Memory;
  readonly log = new GuestLog();
  /** Set when the instance trapped or returned bad pointers: it must not be used again. */
  broken = false;
  private view: Uint8Array;
  private readonly allocFn: AllocFn;
  private readonly freeFn: FreeFn;
  private readonly scratches: Scratch[] = [];

  /** `allocName`/`freeName`: the allocator exports (`qe_alloc`/`qe_free` in ABI v1). */
  constructor(module: WebAssembly.Module, allocName: string = EXPORTS.alloc, freeName: string = EXPORTS.free) {
    let memory: WebAssembly.Memory | null = null;
    const instance = new WebAssembly.Instance(module, hostImports(() => memory!, this.log));
    this.exports = instance.exports;
    memory = this.exports[EXPORTS.memory] as WebAssembly.Memory;
    this.memory = memory;
    this.view = new Uint8Array(memory.buffer);
    this.allocFn = this.exports[allocName] as AllocFn;
    this.freeFn = this.exports[freeName] as FreeFn;
    const init = this.exports[EXPORTS.initialize];
    if (typeof init === 'function') init();
  }

  /** A byte view of the whole memory (re-created when the memory has grown). */
  bytes(): Uint8Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Uint8Array(this.memory.buffer);
    return this.view;
  }

  func(name: string): (...args: number[]) => number {
    return this.exports[name] as (...args: number[]) => number;
  }

  /** The guest's allocator (`qe_alloc(size, align)`); throws RESOURCES when the guest is out of memory. */
  alloc(size: number, align: number, what: string): number {
    const ptr = this.allocFn(size, align) >>> 0;
    if (ptr === 0) throw new QuiverError('RESOURCES', `${what}: the module is out of memory allocating ${size} bytes (memory cap reached?)${this.log.suffix()}`);
    if (ptr % align !== 0 || ptr + size > this.memory.buffer.byteLength) {
      this.broken = true;
      throw new QuiverError('WASM', `${what}: qe_alloc returned a bad pointer ${ptr} for ${size} bytes aligned to ${align}`);
    }
    return ptr;
  }

  free(ptr: number, size: number, align: number): void {
    this.freeFn(ptr, size, align);
  }

  /**
   * A host-owned buffer of at least `size` bytes in guest memory, identified by `slot` and reused
   * across calls; it grows (by half again) when too small.
   */
  scratch(slot: number, size: number, align: number, what: string): number {
    let s = this.scratches[slot];
    if (s && s.cap >= size) return s.ptr;
    if (s) this.free(s.ptr, s.cap, s.align);
    const cap = Math.max(size, s ? Math.ceil(s.cap * 1.5) : 0, 64);
    s = { ptr: this.alloc(cap, align, what), cap, align };
    this.scratches[slot] = s;
    return s.ptr;
  }

  /** The guest's `qe_row` global (the row being processed), or -1 when it does not export one. */
  currentRow(): number {
    const g = this.exports[EXPORTS.row];
    return g instanceof WebAssembly.Global ? Number(g.value) : -1;
  }

  /**
   * Run one guest call. A trap, a `fail` import or a host-side stack overflow marks the instance
   * broken and becomes a WASM error naming `what` and the row where known.
   */
  call(what: string, fn: () => number): number {
    try {
      return fn();
    } catch (e) {
      this.broken = true;
      if (e instanceof GuestFailure) throw new QuiverError('WASM', `${what} failed${rowText(e.row)}: ${e.message}${this.log.suffix()}`);
      if (e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && /call stack/.test(e.message))) {
        throw new QuiverError('WASM', `${what} trapped${rowText(this.currentRow())}: ${e.message}${this.log.suffix()}`, { cause: e });
      }
      throw e;
    }
  }

  /** The error for a non-zero status, with the guest's `qe_last_error` message and row when it has one. */
  statusError(what: string, status: number): QuiverError {
    const lastError = this.exports[EXPORTS.lastError];
    if (typeof lastError !== 'function') return new QuiverError('WASM', `${what} failed with status ${status}${this.log.suffix()}`);
    const at = (lastError() as number) >>> 0;
    const mem = this.bytes();
    if (at === 0 || at + 12 > mem.length) return new QuiverError('WASM', `${what} failed with status ${status}${this.log.suffix()}`);
    const dv = new DataView(mem.buffer);
    const ptr = dv.getUint32(at, true);
    const len = Math.min(dv.getUint32(at + 4, true), 4096);
    const row = dv.getInt32(at + 8, true);
    const message = len > 0 && ptr + len <= mem.length ? new TextDecoder().decode(mem.subarray(ptr, ptr + len)) : `status ${status}`;
    return new QuiverError('WASM', `${what} failed${rowText(row)}${len > 0 ? ':' : ' with'} ${message}${this.log.suffix()}`);
  }
}

function rowText(row: number): string {
  return row >= 0 ? ` at row ${row} of the batch` : '';
}
