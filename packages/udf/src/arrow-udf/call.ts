/**
 * The arrow-udf calling convention: the input IPC file goes after an 8-byte CSlice slot
 * `{u32 ptr, u32 len}` in one `alloc(len + 8, 4)`; an export writes its result (an IPC file, an
 * error message, or a table function's iterator) into the slot. Reading a slot checks it against
 * the memory, copies the bytes out and `dealloc`s the guest's block.
 */
import * as arrow from 'apache-arrow';
import { QuiverError } from '@quiver/common';
import type { GuestInstance } from '../wasm/guest-instance.js';

export interface InputCall {
  readonly status: number;
  /** The CSlice slot; free it with `freeInput`. */
  readonly slot: number;
  readonly allocLen: number;
}

/** Call `exportName(in_ptr, in_len, slot)` with `input` copied into the guest. */
export function callWithInput(inst: GuestInstance, exportName: string, input: Uint8Array, label: string): InputCall {
  const allocLen = input.length + 8;
  const slot = inst.alloc(allocLen, 4, label);
  inst.bytes().set(input, slot + 8);
  const fn = inst.func(exportName);
  const status = inst.call(label, () => fn(slot + 8, input.length, slot));
  return { status, slot, allocLen };
}

export function freeInput(inst: GuestInstance, call: InputCall): void {
  inst.free(call.slot, call.allocLen, 4);
}

/** The slot's `{ptr, len}` without reading the bytes (a table function's iterator is a bare pointer). */
export function slotPointer(inst: GuestInstance, slot: number): { ptr: number; len: number } {
  const dv = new DataView(inst.bytes().buffer);
  return { ptr: dv.getUint32(slot, true), len: dv.getUint32(slot + 4, true) };
}

/** The bytes the slot points to, copied out; the guest's block is deallocated. */
export function takeSlice(inst: GuestInstance, slot: number, label: string): Uint8Array {
  const { ptr, len } = slotPointer(inst, slot);
  const mem = inst.bytes();
  if (ptr + len > mem.length) {
    inst.broken = true;
    throw new QuiverError('WASM', `${label} returned a bad result: ${len} bytes at ${ptr} lie outside memory`);
  }
  const out = mem.slice(ptr, ptr + len);
  inst.free(ptr, len, 1);
  return out;
}

/** An IPC file's table; per-row `error` messages fail the call at their row. */
export function readResultTable(bytes: Uint8Array, label: string): arrow.Table {
  let table: arrow.Table;
  try {
    table = arrow.tableFromIPC(bytes);
  } catch (e) {
    throw new QuiverError('WASM', `${label} returned a bad result: not an Arrow IPC file (${(e as Error).message})`);
  }
  const errors = table.getChild('error');
  if (errors && errors.nullCount < errors.length) {
    for (let row = 0; row < errors.length; row++) {
      const message = errors.get(row) as string | null;
      if (message !== null) throw new QuiverError('WASM', `${label} failed at row ${row} of the batch: ${message}`);
    }
  }
  return table;
}
