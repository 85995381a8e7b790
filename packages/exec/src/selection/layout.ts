/**
 * Physical layout of a column, as the selection and hash kernels see it.
 *
 * apache-arrow's addressing convention is followed throughout: for fixed-width types `values` starts at
 * row 0 of the Data (slicing re-views the buffer), while the validity bitmap and bit-packed Boolean
 * values are addressed from bit `data.offset`, and Utf8 `valueOffsets` start at row 0.
 *
 * Fixed-width values are moved as machine words: 8- and 16-byte values (Int64, Timestamp, Time, Float64,
 * Decimal128, Interval) are viewed as 2 or 4 Int32 words so no BigInt is created when copying them.
 * A List is `valueOffsets` (row i spans child rows [offsets[i], offsets[i+1]), already offset like
 * Utf8's) over one child column `children[0]`, which is never sliced.
 */
import * as arrow from 'apache-arrow';
import { QuiverError } from '@quiver/common';

export type WordArray = Int8Array | Int16Array | Int32Array;

export type Layout =
  | { readonly kind: 'null' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'utf8' }
  | { readonly kind: 'list' }
  /** `width` words of `wordBytes` bytes per value. */
  | { readonly kind: 'fixed'; readonly width: number; readonly wordBytes: 1 | 2 | 4 };

const NULL: Layout = { kind: 'null' };
const BOOL: Layout = { kind: 'bool' };
const UTF8: Layout = { kind: 'utf8' };
const LIST: Layout = { kind: 'list' };

export function layoutOf(type: arrow.DataType): Layout {
  switch (type.typeId) {
    case arrow.Type.Null: return NULL;
    case arrow.Type.Bool: return BOOL;
    case arrow.Type.Utf8: return UTF8;
    case arrow.Type.List: return LIST;
    case arrow.Type.Int: {
      const bits = (type as arrow.Int).bitWidth;
      if (bits === 8) return { kind: 'fixed', width: 1, wordBytes: 1 };
      if (bits === 16) return { kind: 'fixed', width: 1, wordBytes: 2 };
      return { kind: 'fixed', width: bits / 32, wordBytes: 4 };
    }
    case arrow.Type.Float:
      return { kind: 'fixed', width: (type as arrow.Float).precision === arrow.Precision.DOUBLE ? 2 : 1, wordBytes: 4 };
    case arrow.Type.Date:
      return { kind: 'fixed', width: (type as arrow.Date_).unit === arrow.DateUnit.DAY ? 1 : 2, wordBytes: 4 };
    case arrow.Type.Timestamp: return { kind: 'fixed', width: 2, wordBytes: 4 };
    case arrow.Type.Time: return { kind: 'fixed', width: (type as arrow.TimeMicrosecond).bitWidth / 32, wordBytes: 4 };
    case arrow.Type.Decimal: return { kind: 'fixed', width: 4, wordBytes: 4 };
    case arrow.Type.Interval: return { kind: 'fixed', width: 4, wordBytes: 4 };
    default:
      throw new QuiverError('INTERNAL', `no column layout for Arrow type ${String(type)}`);
  }
}

/** The values of a fixed-width Data as words (row i at words [i*width, (i+1)*width)). */
export function wordsOf(data: arrow.Data, wordBytes: 1 | 2 | 4): WordArray {
  const v = data.values as ArrayBufferView;
  if (wordBytes === 1) return new Int8Array(v.buffer, v.byteOffset, v.byteLength);
  if (wordBytes === 2) return new Int16Array(v.buffer, v.byteOffset, v.byteLength >> 1);
  return new Int32Array(v.buffer, v.byteOffset, v.byteLength >> 2);
}

/** A zeroed word array for `length` values; its buffer becomes the output Data's values. */
export function allocWords(length: number, width: number, wordBytes: 1 | 2 | 4): WordArray {
  const n = length * width;
  if (wordBytes === 1) return new Int8Array(n);
  if (wordBytes === 2) return new Int16Array(n);
  return new Int32Array(n);
}

/** The values buffer in the element type Arrow expects for `type` (e.g. BigInt64Array for Int64). */
export function asValues(type: arrow.DataType, words: WordArray): ArrayBufferView {
  const Ctor = (type as unknown as { ArrayType: new (b: ArrayBuffer, o: number, n: number) => ArrayBufferView }).ArrayType;
  const bytesPer = (Ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  return new Ctor(words.buffer as ArrayBuffer, words.byteOffset, words.byteLength / bytesPer);
}
