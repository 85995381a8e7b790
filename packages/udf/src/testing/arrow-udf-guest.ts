/**
 * A mock arrow-udf v3 guest (for the adapter's tests and the benchmark): `echo` returns its input
 * IPC file (so the first input column comes back), `canned` returns fixed IPC bytes, `bad`
 * returns -1 with the message "boom", the optional `spin` never returns; with `table`, a table function whose iterator yields the
 * given IPC file once.
 */
import { encodeName } from '../arrow-udf/signature.js';
import { op, WasmBuilder } from './wasm-builder.js';

const MESSAGE_AT = 512;
const CANNED_AT = 4096;
const TABLE_AT = 1 << 19;
const CALL = ['i32', 'i32', 'i32'] as const;

export interface ArrowUdfSignatures {
  readonly echo: string;
  readonly canned: string;
  readonly bad: string;
  /** A function that loops forever (for deadline tests). */
  readonly spin?: string;
}

/** A table function (`name(args)->>type`) whose one output batch is the IPC file `batch`. */
export interface ArrowUdfTable {
  readonly signature: string;
  readonly batch: Uint8Array;
}

export function arrowUdfGuest(canned: Uint8Array, signatures: ArrowUdfSignatures, version = 'ARROWUDF_VERSION_3_0', table?: ArrowUdfTable): Uint8Array {
  const b = new WasmBuilder();
  b.memory(64, null);
  const heap = b.global('i32', true, 1 << 20);
  b.global('i32', false, 1024, version);
  b.data(MESSAGE_AT, new TextEncoder().encode('boom'));
  b.data(CANNED_AT, canned);
  // alloc bumps a heap pointer; dealloc releases everything allocated after the block.
  b.func('alloc', ['i32', 'i32'], ['i32'], [], [
    op.globalGet(heap), op.globalGet(heap), op.localGet(0), op.i32Const(15), op.i32Add, op.i32Const(-16), op.i32And, op.i32Add, op.globalSet(heap),
  ]);
  b.func('dealloc', ['i32', 'i32', 'i32'], [], [], [
    op.localGet(0), op.i32Const(1 << 20), op.i32GeU, op.if, op.localGet(0), op.globalGet(heap), op.i32LtU, op.if,
    op.localGet(0), op.globalSet(heap), op.end, op.end,
  ]);
  const slice = (ptr: number[], len: number[], status: number) => [op.localGet(2), ptr, op.i32Store(), op.localGet(2), len, op.i32Store(4), op.i32Const(status)];
  b.func(encodeName(signatures.echo), CALL, ['i32'], [], slice(op.localGet(0), op.localGet(1), 0));
  b.func(encodeName(signatures.canned), CALL, ['i32'], [], slice(op.i32Const(CANNED_AT), op.i32Const(canned.length), 0));
  b.func(encodeName(signatures.bad), CALL, ['i32'], [], slice(op.i32Const(MESSAGE_AT), op.i32Const(4), -1));
  if (signatures.spin) b.func(encodeName(signatures.spin), CALL, ['i32'], [], [op.loop, op.br(0), op.end, op.i32Const(0)]);
  if (table) {
    // The iterator handle is 1; `done` says whether its one batch was handed out.
    const done = b.global('i32', true, 0);
    b.data(TABLE_AT, table.batch);
    b.func(encodeName(table.signature), CALL, ['i32'], [], slice(op.i32Const(1), op.i32Const(0), 0));
    b.func('record_batch_iterator_next', ['i32', 'i32'], [], [], [
      op.globalGet(done), op.if, op.localGet(1), op.i32Const(0), op.i32Store(), op.localGet(1), op.i32Const(0), op.i32Store(4), op.return, op.end,
      op.localGet(1), op.i32Const(TABLE_AT), op.i32Store(), op.localGet(1), op.i32Const(table.batch.length), op.i32Store(4),
      op.i32Const(1), op.globalSet(done),
    ]);
    b.func('record_batch_iterator_drop', ['i32'], [], [], [op.i32Const(0), op.globalSet(done)]);
  }
  return b.build();
}
