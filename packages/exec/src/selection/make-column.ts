/**
 * Assembling output columns: wraps freshly built buffers (offset-0 validity, values, offsets) into an
 * apache-arrow `Data` of the given type, with its null count.
 */
import * as arrow from 'apache-arrow';
import { countNulls } from '../kernels/validity.js';

export interface ColumnBuffers {
  /** Offset-0 validity bitmap, or null when every value is present. */
  readonly validity: Uint8Array | null;
  /** Values in the type's element array (bit-packed for Boolean, bytes for Utf8). */
  readonly values?: ArrayBufferView;
  /** Utf8 and List offsets (length + 1 entries). */
  readonly offsets?: Int32Array;
  /** A List's item column (offsets index its rows). */
  readonly child?: arrow.Data;
}

export function makeColumn(type: arrow.DataType, length: number, buffers: ColumnBuffers): arrow.Data {
  if (type.typeId === arrow.Type.Null) return arrow.makeData({ type: type as arrow.Null, length, nullCount: length });
  const nullCount = countNulls(buffers.validity, length);
  const nullBitmap = nullCount === 0 ? null : buffers.validity!;
  if (type.typeId === arrow.Type.List) {
    return arrow.makeData({ type: type as arrow.List, length, nullCount, nullBitmap: nullBitmap ?? undefined, valueOffsets: buffers.offsets!, child: buffers.child! });
  }
  return arrowData(type, length, nullCount, nullBitmap, buffers.values!, buffers.offsets);
}

/** The validity buffer of Data without NULLs (as apache-arrow's `makeData` gives it: empty). */
const NO_NULLS = new Uint8Array(0);

/**
 * Arrow `Data` of a Boolean, Utf8 or fixed-width `type` over offset-0 buffers, built directly
 * rather than through `makeData` (whose per-buffer conversions and visitor dispatch cost more than
 * the small batches they wrap): `values` is viewed as the type's element array when it is not one.
 * `nullCount` -1 leaves it to be counted from `validity` when asked.
 */
export function arrowData(
  type: arrow.DataType,
  length: number,
  nullCount: number,
  validity: Uint8Array | null,
  values: ArrayBufferView,
  offsets?: Int32Array,
): arrow.Data {
  const Ctor = (type as unknown as { ArrayType: TypedArrayConstructor }).ArrayType;
  // (A subclass such as Node's Buffer is viewed as the plain element array too.)
  const typed = values.constructor === Ctor ? values : new Ctor(values.buffer, values.byteOffset, values.byteLength / Ctor.BYTES_PER_ELEMENT);
  return new arrow.Data(type, 0, length, nullCount, [offsets, typed, validity ?? NO_NULLS] as never);
}

type TypedArrayConstructor = (new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView) & { readonly BYTES_PER_ELEMENT: number };

/** A column of `length` NULLs of `type`. */
export function nullColumn(type: arrow.DataType, length: number): arrow.Data {
  if (type.typeId === arrow.Type.Null) return arrow.makeData({ type: type as arrow.Null, length, nullCount: length });
  const validity = new Uint8Array((length + 7) >> 3);
  if (type.typeId === arrow.Type.Utf8) return makeColumn(type, length, { validity, offsets: new Int32Array(length + 1), values: new Uint8Array(0) });
  if (type.typeId === arrow.Type.List) return makeColumn(type, length, { validity, offsets: new Int32Array(length + 1), child: nullColumn((type as arrow.List).valueType, 0) });
  if (type.typeId === arrow.Type.Bool) return makeColumn(type, length, { validity, values: new Uint8Array((length + 7) >> 3) });
  const Ctor = (type as unknown as { ArrayType: new (n: number) => ArrayBufferView }).ArrayType;
  const stride = type.typeId === arrow.Type.Decimal || type.typeId === arrow.Type.Interval ? 4 : 1;
  return makeColumn(type, length, { validity, values: new Ctor(length * stride) });
}

let zeros = new ArrayBuffer(1 << 16);

/**
 * A stand-in for a column no consumer reads (see `ExecutionPlan.requireColumns`): all NULL, its
 * buffers views of one shared zeroed buffer, so it costs no allocation per batch. Never written.
 */
export function unreadColumn(type: arrow.DataType, length: number): arrow.Data {
  if (type.typeId === arrow.Type.Null) return arrow.makeData({ type: type as arrow.Null, length, nullCount: length });
  const words = type.typeId === arrow.Type.Decimal || type.typeId === arrow.Type.Interval ? 4 : 2;
  const bytes = Math.max((length + 1) * 4 * words, (length + 7) >> 3);
  if (zeros.byteLength < bytes) zeros = new ArrayBuffer(Math.max(bytes, zeros.byteLength * 2));
  const nullBitmap = new Uint8Array(zeros, 0, (length + 7) >> 3);
  if (type.typeId === arrow.Type.Utf8) {
    return arrow.makeData({ type: type as arrow.Utf8, length, nullCount: length, nullBitmap, valueOffsets: new Int32Array(zeros, 0, length + 1), data: new Uint8Array(0) });
  }
  if (type.typeId === arrow.Type.Bool) {
    return arrow.makeData({ type: type as arrow.Bool, length, nullCount: length, nullBitmap, data: new Uint8Array(zeros, 0, (length + 7) >> 3) });
  }
  if (type.typeId === arrow.Type.List) {
    const child = nullColumn((type as arrow.List).valueType, 0);
    return arrow.makeData({ type: type as arrow.List, length, nullCount: length, nullBitmap, valueOffsets: new Int32Array(zeros, 0, length + 1), child });
  }
  const Ctor = (type as unknown as { ArrayType: new (b: ArrayBuffer, o: number, n: number) => ArrayBufferView }).ArrayType;
  const stride = type.typeId === arrow.Type.Decimal || type.typeId === arrow.Type.Interval ? 4 : 1;
  return arrow.makeData({ type: type as arrow.Int, length, nullCount: length, nullBitmap, data: new Ctor(zeros, 0, length * stride) as Int32Array }) as arrow.Data;
}
