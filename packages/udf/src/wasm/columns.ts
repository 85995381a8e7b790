/**
 * Moving columns across the ABI: an Arrow array (or a scalar, broadcast) into guest memory behind
 * a 32-byte descriptor, with each buffer copied once into host-owned scratch memory reused across
 * batches; and the output descriptor prepared by the host, then read back with every pointer and
 * length checked against the memory, copied out once and turned into Arrow data (string results
 * checked to be valid UTF-8).
 */
import * as arrow from 'apache-arrow';
import { QuiverError, toArrowType, type DataType, type ScalarValue } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { byteWidth, Desc, typeWord } from './abi.js';
import { alignBits, bitmapBytes, countNulls, validityBits } from './bits.js';
import type { GuestInstance } from './guest-instance.js';
import { firstInvalidUtf8Row } from './utf8.js';

const encoder = new TextEncoder();
/** Scratch slots: 0 for the descriptor array, 1 for group ids, then validity, offsets, data per column. */
export const DESC_SLOT = 0;
export const GROUP_IDS_SLOT = 1;
/** Scratch slot for the partial states an aggregate merges (no argument columns are written then). */
export const PARTIAL_STATES_SLOT = 2;
const SLOTS_PER_COLUMN = 3;
const slotOf = (column: number, buffer: 0 | 1 | 2) => 2 + column * SLOTS_PER_COLUMN + buffer;

/** The validity of an argument as an offset-0 bitmap (null: no nulls); a NULL scalar is all zero bits. */
export function argValidity(v: ColumnarValue, numRows: number): Uint8Array | null {
  if (v.kind === 'scalar') return v.value.value === null ? new Uint8Array(bitmapBytes(numRows)) : null;
  return validityBits(v.data);
}

function writeDesc(mem: Uint8Array, at: number, type: DataType, length: number, nullCount: number, validity: number, offsets: number, data: number, dataLen: number): void {
  const dv = new DataView(mem.buffer);
  dv.setUint32(at + Desc.type, typeWord(type), true);
  dv.setUint32(at + Desc.length, length, true);
  dv.setInt32(at + Desc.nullCount, nullCount, true);
  dv.setUint32(at + Desc.validity, validity, true);
  dv.setUint32(at + Desc.offsets, offsets, true);
  dv.setUint32(at + Desc.data, data, true);
  dv.setUint32(at + Desc.dataLen, dataLen, true);
  dv.setUint32(at + Desc.reserved, 0, true);
}

/**
 * Copy argument `v` (of `type`, `n` rows) into the guest and write its descriptor at `desc`.
 * `slot` numbers the column's scratch buffers. `desc` must already be allocated.
 */
export function writeColumn(inst: GuestInstance, slot: number, desc: number, v: ColumnarValue, type: DataType, n: number, what: string): void {
  if (v.kind === 'scalar') return writeScalar(inst, slot, desc, v.value, type, n, what);
  const data = v.data;
  const valid = validityBits(data);
  const validityPtr = valid ? inst.scratch(slotOf(slot, 0), valid.length, 8, what) : 0;
  let offsetsPtr = 0;
  let dataPtr: number;
  let dataLen: number;
  let source: Uint8Array;
  let offsets: Int32Array | null = null;
  if (type.kind === 'Utf8') {
    offsets = (data.valueOffsets as Int32Array).subarray(0, n + 1);
    const bytes = data.values as Uint8Array;
    source = bytes.subarray(offsets[0]!, offsets[n]!);
    offsetsPtr = inst.scratch(slotOf(slot, 1), (n + 1) * 4, 8, what);
  } else if (type.kind === 'Boolean') {
    source = alignBits(data.values as Uint8Array, data.offset, n);
  } else {
    const values = data.values as ArrayBufferView;
    source = new Uint8Array(values.buffer, values.byteOffset, n * byteWidth(type));
  }
  dataLen = source.length;
  dataPtr = inst.scratch(slotOf(slot, 2), dataLen, 16, what);
  const mem = inst.bytes();
  if (valid) mem.set(valid, validityPtr);
  mem.set(source, dataPtr);
  if (offsets) {
    const guestOffsets = new Int32Array(mem.buffer, offsetsPtr, n + 1);
    guestOffsets.set(offsets);
    const base = offsets[0]!;
    if (base !== 0) for (let i = 0; i <= n; i++) guestOffsets[i]! -= base;
  }
  writeDesc(mem, desc, type, n, valid ? data.nullCount : 0, validityPtr, offsetsPtr, dataPtr, dataLen);
}

function writeScalar(inst: GuestInstance, slot: number, desc: number, s: ScalarValue, type: DataType, n: number, what: string): void {
  const isNull = s.value === null;
  const validityPtr = isNull ? inst.scratch(slotOf(slot, 0), bitmapBytes(n), 8, what) : 0;
  let offsetsPtr = 0;
  let dataLen: number;
  let text: Uint8Array | null = null;
  if (type.kind === 'Utf8') {
    text = isNull ? new Uint8Array(0) : encoder.encode(s.value as string);
    dataLen = text.length * n;
    offsetsPtr = inst.scratch(slotOf(slot, 1), (n + 1) * 4, 8, what);
  } else {
    dataLen = type.kind === 'Boolean' ? bitmapBytes(n) : n * byteWidth(type);
  }
  const dataPtr = inst.scratch(slotOf(slot, 2), dataLen, 16, what);
  const mem = inst.bytes();
  if (isNull) mem.fill(0, validityPtr, validityPtr + bitmapBytes(n));
  fillValues(mem, dataPtr, dataLen, s, type, n, text, offsetsPtr);
  writeDesc(mem, desc, type, n, isNull ? n : 0, validityPtr, offsetsPtr, dataPtr, dataLen);
}

function fillValues(mem: Uint8Array, ptr: number, len: number, s: ScalarValue, type: DataType, n: number, text: Uint8Array | null, offsetsPtr: number): void {
  const v = s.value;
  if (v === null && type.kind !== 'Utf8') {
    mem.fill(0, ptr, ptr + len);
    return;
  }
  switch (type.kind) {
    case 'Boolean': mem.fill(v ? 0xff : 0, ptr, ptr + len); return;
    case 'Int8': new Int8Array(mem.buffer, ptr, n).fill(v as number); return;
    case 'Int16': new Int16Array(mem.buffer, ptr, n).fill(v as number); return;
    case 'Int32':
    case 'Date32': new Int32Array(mem.buffer, ptr, n).fill(v as number); return;
    case 'Float32': new Float32Array(mem.buffer, ptr, n).fill(v as number); return;
    case 'Float64': new Float64Array(mem.buffer, ptr, n).fill(v as number); return;
    case 'Int64':
    case 'Timestamp': new BigInt64Array(mem.buffer, ptr, n).fill(BigInt(v as bigint)); return;
    case 'Decimal128': {
      const words = new BigInt64Array(mem.buffer, ptr, n * 2);
      const big = BigInt.asUintN(128, v as bigint);
      const lo = BigInt.asIntN(64, big & 0xffff_ffff_ffff_ffffn);
      const hi = BigInt.asIntN(64, big >> 64n);
      for (let i = 0; i < n; i++) {
        words[2 * i] = lo;
        words[2 * i + 1] = hi;
      }
      return;
    }
    case 'Utf8': {
      const offsets = new Int32Array(mem.buffer, offsetsPtr, n + 1);
      const w = text!.length;
      for (let i = 0; i <= n; i++) offsets[i] = i * w;
      for (let i = 0; i < n; i++) mem.set(text!, ptr + i * w);
      return;
    }
    default:
      throw new QuiverError('INTERNAL', `no ABI layout for ${type.kind}`);
  }
}

/** Host buffers placed in the output descriptor before the call. */
export interface PreparedOutput {
  readonly validity: number;
  readonly offsets: number;
  readonly data: number;
  readonly dataLen: number;
}

/**
 * Prepare the output descriptor at `desc`: a data buffer of the exact size for fixed-width types,
 * an offsets buffer and a scratch data buffer (its capacity in `data_len`) for Utf8, and when
 * `withValidity`, an all-valid bitmap the guest clears bits of for NULL results.
 */
export function prepareOutput(inst: GuestInstance, slot: number, desc: number, type: DataType, n: number, withValidity: boolean, what: string): PreparedOutput {
  const validity = withValidity ? inst.scratch(slotOf(slot, 0), bitmapBytes(n), 8, what) : 0;
  const offsets = type.kind === 'Utf8' ? inst.scratch(slotOf(slot, 1), (n + 1) * 4, 8, what) : 0;
  const dataLen = type.kind === 'Utf8' ? Math.max(n * 16, 1024) : type.kind === 'Boolean' ? bitmapBytes(n) : n * byteWidth(type);
  const data = inst.scratch(slotOf(slot, 2), dataLen, 16, what);
  const mem = inst.bytes();
  if (withValidity) mem.fill(0xff, validity, validity + bitmapBytes(n));
  if (offsets) new Int32Array(mem.buffer, offsets, n + 1).fill(0);
  writeDesc(mem, desc, type, n, -1, validity, offsets, data, dataLen);
  return { validity, offsets, data, dataLen };
}

/**
 * Read the output descriptor at `desc` after a successful call: check and copy the buffers out,
 * free guest-owned replacements, and build Arrow data. `validity` (strict functions) overrides
 * the guest's bitmap. A bad pointer or length marks the instance broken.
 */
export function readOutput(inst: GuestInstance, desc: number, type: DataType, n: number, prepared: PreparedOutput, validity: Uint8Array | null, what: string): arrow.Data {
  const mem = inst.bytes();
  const dv = new DataView(mem.buffer);
  const bad = (msg: string): never => {
    inst.broken = true;
    throw new QuiverError('WASM', `${what} returned a bad result: ${msg}`);
  };
  const check = (ptr: number, len: number, align: number, field: string) => {
    if (ptr === 0 || ptr + len > mem.length) bad(`${field} buffer of ${len} bytes at ${ptr} lies outside the module's ${mem.length}-byte memory`);
    if (ptr % align !== 0) bad(`${field} pointer ${ptr} is not aligned to ${align} bytes`);
  };
  if (dv.getUint32(desc + Desc.length, true) !== n) bad(`length ${dv.getUint32(desc + Desc.length, true)}, expected ${n}`);
  const dataPtr = dv.getUint32(desc + Desc.data, true);
  const dataLen = dv.getUint32(desc + Desc.dataLen, true);
  const validityPtr = dv.getUint32(desc + Desc.validity, true);
  const owned: Array<[number, number, number]> = [];
  let nullBitmap = validity;
  if (nullBitmap === null && validityPtr !== 0) {
    check(validityPtr, bitmapBytes(n), 1, 'validity');
    nullBitmap = copyOut(mem, validityPtr, bitmapBytes(n));
    if (validityPtr !== prepared.validity) owned.push([validityPtr, bitmapBytes(n), 1]);
  }
  let out: arrow.Data;
  if (type.kind === 'Utf8') {
    const offsetsPtr = dv.getUint32(desc + Desc.offsets, true);
    check(offsetsPtr, (n + 1) * 4, 4, 'offsets');
    const offsets = new Int32Array(copyOut(mem, offsetsPtr, (n + 1) * 4).buffer);
    if (dataLen > mem.length) bad(`data_len ${dataLen} exceeds the module's memory`);
    if (dataLen > 0) check(dataPtr, dataLen, 1, 'data');
    const base = offsets[0]!;
    for (let i = 0; i < n; i++) if (offsets[i + 1]! < offsets[i]!) bad(`offsets decrease at row ${i}`);
    if (base < 0 || offsets[n]! > dataLen) bad(`offsets [${base}, ${offsets[n]}] fall outside the ${dataLen}-byte data buffer`);
    if (base !== 0) for (let i = 0; i <= n; i++) offsets[i]! -= base;
    const bytes = copyOut(mem, dataPtr + base, offsets[n]!);
    if (offsetsPtr !== prepared.offsets) owned.push([offsetsPtr, (n + 1) * 4, 4]);
    if (dataPtr !== prepared.data && dataLen > 0) owned.push([dataPtr, dataLen, 1]);
    out = arrow.makeData({ type: new arrow.Utf8(), length: n, valueOffsets: offsets, data: bytes, nullBitmap: nullBitmap ?? undefined, nullCount: nullCount(nullBitmap, n) });
  } else {
    const bytesNeeded = type.kind === 'Boolean' ? bitmapBytes(n) : n * byteWidth(type);
    check(dataPtr, bytesNeeded, type.kind === 'Boolean' ? 1 : Math.min(byteWidth(type), 8), 'data');
    const copy = copyOut(mem, dataPtr, bytesNeeded).buffer;
    if (dataPtr !== prepared.data) owned.push([dataPtr, bytesNeeded, 16]);
    out = arrow.makeData({
      type: toArrowType(type) as arrow.Int32,
      length: n,
      data: fixedView(type, copy) as Int32Array,
      nullBitmap: nullBitmap ?? undefined,
      nullCount: nullCount(nullBitmap, n),
    });
  }
  for (const [ptr, len, align] of owned) inst.free(ptr, len, align);
  if (type.kind === 'Utf8') {
    const row = firstInvalidUtf8Row(out.values as Uint8Array, out.valueOffsets as Int32Array, n, nullBitmap);
    if (row >= 0) throw new QuiverError('WASM', `${what} returned invalid UTF-8 at row ${row} of the batch`);
  }
  return out;
}

/**
 * `len` bytes of guest memory at `ptr` in a new buffer. (`Uint8Array.prototype.slice` on a wasm
 * memory is several times slower than a fresh array filled with `set`.)
 */
function copyOut(mem: Uint8Array, ptr: number, len: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(len);
  out.set(mem.subarray(ptr, ptr + len));
  return out;
}

/** `n` NULLs of `type`. */
export function allNullColumn(type: DataType, n: number): arrow.Data {
  const nullBitmap = new Uint8Array(bitmapBytes(n));
  if (type.kind === 'Utf8') {
    return arrow.makeData({ type: new arrow.Utf8(), length: n, valueOffsets: new Int32Array(n + 1), data: new Uint8Array(0), nullBitmap, nullCount: n });
  }
  const bytes = type.kind === 'Boolean' ? bitmapBytes(n) : n * byteWidth(type);
  return arrow.makeData({ type: toArrowType(type) as arrow.Int32, length: n, data: fixedView(type, new ArrayBuffer(bytes)) as Int32Array, nullBitmap, nullCount: n });
}

function nullCount(bitmap: Uint8Array | null, n: number): number {
  return bitmap === null ? 0 : countNulls(bitmap, n);
}

function fixedView(type: DataType, buf: ArrayBuffer): ArrayBufferView {
  switch (type.kind) {
    case 'Boolean': return new Uint8Array(buf);
    case 'Int8': return new Int8Array(buf);
    case 'Int16': return new Int16Array(buf);
    case 'Int32':
    case 'Date32': return new Int32Array(buf);
    case 'Int64':
    case 'Timestamp': return new BigInt64Array(buf);
    case 'Float32': return new Float32Array(buf);
    case 'Float64': return new Float64Array(buf);
    case 'Decimal128': return new Uint32Array(buf);
    default: throw new QuiverError('INTERNAL', `no ABI layout for ${type.kind}`);
  }
}
