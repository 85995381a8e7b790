/**
 * Arrow data as plain, structured-cloneable objects for the sandbox worker: the Quiver type, the
 * length, and offset-0 buffers (validity, utf8 offsets, values/bytes). Lists of TINYINT (partial
 * aggregate states) travel like utf8: offsets and the bytes.
 */
import * as arrow from 'apache-arrow';
import { toArrowType, type DataType, type ScalarValue } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { byteWidth } from './abi.js';
import { alignBits, countNulls, validityBits } from './bits.js';

export interface WireData {
  readonly type: DataType;
  readonly length: number;
  readonly validity: Uint8Array | null;
  readonly offsets: Int32Array | null;
  readonly values: Uint8Array;
}

export type WireValue = { readonly kind: 'array'; readonly data: WireData } | { readonly kind: 'scalar'; readonly value: ScalarValue };

export function toWire(data: arrow.Data, type: DataType): WireData {
  const n = data.length;
  const validity = validityBits(data)?.slice() ?? null;
  if (type.kind === 'Utf8' || type.kind === 'List') {
    const offsets = (data.valueOffsets as Int32Array).subarray(0, n + 1);
    const base = offsets[0]!;
    const rebased = offsets.map((o) => o - base);
    const bytes = type.kind === 'Utf8' ? (data.values as Uint8Array) : stateBytes(data);
    return { type, length: n, validity, offsets: rebased, values: bytes.slice(base, offsets[n]!) };
  }
  if (type.kind === 'Boolean') return { type, length: n, validity, offsets: null, values: alignBits(data.values as Uint8Array, data.offset, n).slice() };
  const v = data.values as ArrayBufferView;
  return { type, length: n, validity, offsets: null, values: new Uint8Array(v.buffer, v.byteOffset, n * byteWidth(type)).slice() };
}

/** The item bytes of a LIST<TINYINT> (the only list type on the wire). */
function stateBytes(list: arrow.Data): Uint8Array {
  const items = list.children[0]!.values as Int8Array;
  return new Uint8Array(items.buffer, items.byteOffset, items.length);
}

export function fromWire(w: WireData): arrow.Data {
  const nullCount = w.validity === null ? 0 : countNulls(w.validity, w.length);
  const nullBitmap = w.validity ?? undefined;
  if (w.type.kind === 'Utf8') {
    return arrow.makeData({ type: new arrow.Utf8(), length: w.length, valueOffsets: w.offsets!, data: w.values, nullBitmap, nullCount });
  }
  if (w.type.kind === 'List') {
    const items = new Int8Array(w.values.buffer, w.values.byteOffset, w.values.length);
    const child = arrow.makeData({ type: new arrow.Int8(), length: items.length, data: items });
    return arrow.makeData({ type: toArrowType(w.type) as arrow.List<arrow.Int8>, length: w.length, valueOffsets: w.offsets!, child, nullBitmap, nullCount });
  }
  const buf = w.values.buffer.slice(w.values.byteOffset, w.values.byteOffset + w.values.byteLength);
  const values =
    w.type.kind === 'Boolean' ? new Uint8Array(buf)
    : w.type.kind === 'Int8' ? new Int8Array(buf)
    : w.type.kind === 'Int16' ? new Int16Array(buf)
    : w.type.kind === 'Int32' || w.type.kind === 'Date32' ? new Int32Array(buf)
    : w.type.kind === 'Int64' || w.type.kind === 'Timestamp' ? new BigInt64Array(buf)
    : w.type.kind === 'Float32' ? new Float32Array(buf)
    : w.type.kind === 'Float64' ? new Float64Array(buf)
    : new Uint32Array(buf);
  return arrow.makeData({ type: toArrowType(w.type) as arrow.Int32, length: w.length, data: values as Int32Array, nullBitmap, nullCount });
}

export function valueToWire(v: ColumnarValue, type: DataType): WireValue {
  return v.kind === 'scalar' ? v : { kind: 'array', data: toWire(v.data, type) };
}

export function valueFromWire(v: WireValue): ColumnarValue {
  return v.kind === 'scalar' ? v : { kind: 'array', data: fromWire(v.data) };
}
