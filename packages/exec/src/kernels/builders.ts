/**
 * Output construction: typed value buffers for each Quiver type and the Arrow `Data` wrapping them.
 *
 * Fixed-width layouts: Boolean is bit-packed; Int8–Int32, Float32/64 and Date32 use their typed
 * array; Int64, Timestamp and Time use BigInt64Array; Decimal128 is 4 little-endian uint32 words per value;
 * Interval (MonthDayNano) is 4 int32 words per value (months, days, nanos low, nanos high).
 */
import * as arrow from 'apache-arrow';
import { QuiverError, toArrowType, typeToString, type DataType } from '@quiver/common';
import { arrowData, nullColumn } from '../selection/make-column.js';
import { bitmapBytes } from './validity.js';

export type FixedValues =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Float32Array
  | Float64Array
  | Uint32Array;

/** A zeroed value buffer for `length` values of fixed-width type `type`. */
export function allocValues(type: DataType, length: number): FixedValues {
  switch (type.kind) {
    case 'Boolean': return new Uint8Array(bitmapBytes(length));
    case 'Int8': return new Int8Array(length);
    case 'Int16': return new Int16Array(length);
    case 'Int32':
    case 'Date32': return new Int32Array(length);
    case 'Int64':
    case 'Timestamp':
    case 'Time': return new BigInt64Array(length);
    case 'Float32': return new Float32Array(length);
    case 'Float64': return new Float64Array(length);
    case 'Decimal128': return new Uint32Array(length * 4);
    case 'Interval': return new Int32Array(length * 4);
    default:
      throw new QuiverError('INTERNAL', `${typeToString(type)} is not a fixed-width type`);
  }
}

/** Arrow data of fixed-width `type` over `values`, with `validity` (offset 0) or null for all valid. */
export function makeFixed(type: DataType, length: number, values: FixedValues, validity: Uint8Array | null): arrow.Data {
  return arrowData(toArrowType(type), length, validity === null ? 0 : -1, validity, values);
}

/** A bit-packed Boolean array. */
export function makeBoolean(length: number, bits: Uint8Array, validity: Uint8Array | null): arrow.Data<arrow.Bool> {
  return arrowData(BOOL, length, validity === null ? 0 : -1, validity, bits) as arrow.Data<arrow.Bool>;
}

const BOOL = new arrow.Bool();

/** A UTF-8 string array from `length + 1` offsets into `bytes`. */
export function makeUtf8(length: number, offsets: Int32Array, bytes: Uint8Array, validity: Uint8Array | null): arrow.Data<arrow.Utf8> {
  return arrowData(UTF8, length, validity === null ? 0 : -1, validity, bytes, offsets) as arrow.Data<arrow.Utf8>;
}

const UTF8 = new arrow.Utf8();

/** An array of `length` NULLs of the Null type. */
export function makeNullArray(length: number): arrow.Data {
  return arrow.makeData({ type: new arrow.Null(), length });
}

/** An all-NULL array of any type. */
export function makeAllNull(type: DataType, length: number): arrow.Data {
  if (type.kind === 'Null') return makeNullArray(length);
  const validity = new Uint8Array(bitmapBytes(length));
  if (type.kind === 'Utf8') return makeUtf8(length, new Int32Array(length + 1), new Uint8Array(0), validity);
  if (type.kind === 'List') return nullColumn(toArrowType(type), length);
  return makeFixed(type, length, allocValues(type, length), validity);
}

const encoder = new TextEncoder();

/** Appends UTF-8 strings one row at a time into growing offset/byte buffers. */
export class Utf8Builder {
  private offsets: Int32Array;
  private bytes: Uint8Array;
  private validity: Uint8Array | null = null;
  private pos = 0;
  private row = 0;

  constructor(private readonly capacity: number, byteCapacity = capacity * 8) {
    this.offsets = new Int32Array(capacity + 1);
    this.bytes = new Uint8Array(Math.max(16, byteCapacity));
  }

  /** Room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + n));
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
  }

  /** Appends bytes [start, end) of `src` as the next row. */
  appendBytes(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.reserve(n);
    this.bytes.set(src.subarray(start, end), this.pos);
    this.pos += n;
    this.offsets[++this.row] = this.pos;
  }

  appendString(s: string): void {
    this.reserve(s.length * 3);
    this.pos += encoder.encodeInto(s, this.bytes.subarray(this.pos)).written;
    this.offsets[++this.row] = this.pos;
  }

  /** Writes raw bytes into the current row without ending it; finish the row with `endRow`. */
  pushByte(b: number): void {
    this.reserve(1);
    this.bytes[this.pos++] = b;
  }
  pushBytes(src: Uint8Array, start: number, end: number): void {
    this.reserve(end - start);
    this.bytes.set(src.subarray(start, end), this.pos);
    this.pos += end - start;
  }
  endRow(): void {
    this.offsets[++this.row] = this.pos;
  }

  appendNull(): void {
    if (this.validity === null) {
      this.validity = new Uint8Array(bitmapBytes(this.capacity)).fill(0xff);
    }
    this.validity[this.row >> 3]! &= ~(1 << (this.row & 7));
    this.offsets[++this.row] = this.pos;
  }

  finish(): arrow.Data<arrow.Utf8> {
    if (this.row !== this.capacity) {
      throw new QuiverError('INTERNAL', `Utf8Builder expected ${this.capacity} rows, got ${this.row}`);
    }
    return makeUtf8(this.capacity, this.offsets, this.bytes.subarray(0, this.pos), this.validity);
  }
}
