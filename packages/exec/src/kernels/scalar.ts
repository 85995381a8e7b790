/**
 * Moving between scalars and arrays: broadcasting a `ScalarValue` to a batch-length array, reading one
 * row of an array back as a `ScalarValue` (for constant folding), and viewing a `ColumnarValue` as an array.
 */
import type * as arrow from 'apache-arrow';
import { fromArrowType, listItems, QuiverError, toArrowType, typeToString, type DataType, type IntervalValue, type ScalarRaw, type ScalarValue } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { allocValues, makeAllNull, makeBoolean, makeFixed, makeUtf8 } from './builders.js';
import { decimalAsBigInt, setDecimalFromBigInt } from './wide-int.js';
import { getBit } from './validity.js';
import { concatData } from '../selection/concat.js';
import { takeData } from '../selection/take.js';
import { makeList } from './list.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An array of `length` copies of `s` (of type `s.type`). */
export function broadcastScalar(s: ScalarValue, length: number): arrow.Data {
  const type = s.type;
  const v = s.value;
  if (v === null) return makeAllNull(type, length);
  switch (type.kind) {
    case 'Boolean': {
      const bits = new Uint8Array((length + 7) >> 3);
      if (v) bits.fill(0xff);
      return makeBoolean(length, bits, null);
    }
    case 'Utf8': {
      const bytes = encoder.encode(v as string);
      const all = new Uint8Array(bytes.length * length);
      const offsets = new Int32Array(length + 1);
      for (let i = 0; i < length; i++) {
        all.set(bytes, i * bytes.length);
        offsets[i + 1] = (i + 1) * bytes.length;
      }
      return makeUtf8(length, offsets, all, null);
    }
    case 'Decimal128': {
      const words = allocValues(type, length) as Uint32Array;
      if (length > 0) {
        setDecimalFromBigInt(words, 0, v as bigint);
        for (let i = 1; i < length; i++) words.copyWithin(4 * i, 0, 4);
      }
      return makeFixed(type, length, words, null);
    }
    case 'Interval': {
      const iv = v as IntervalValue;
      const words = allocValues(type, length) as Int32Array;
      const nanos = BigInt.asUintN(64, iv.nanos);
      const lo = Number(nanos & 0xffffffffn) | 0;
      const hi = Number(nanos >> 32n) | 0;
      for (let i = 0; i < length; i++) {
        words[4 * i] = iv.months;
        words[4 * i + 1] = iv.days;
        words[4 * i + 2] = lo;
        words[4 * i + 3] = hi;
      }
      return makeFixed(type, length, words, null);
    }
    case 'Int64':
    case 'Timestamp':
    case 'Time':
      return makeFixed(type, length, (allocValues(type, length) as BigInt64Array).fill(v as bigint), null);
    case 'Null':
      return makeAllNull(type, length);
    case 'List': {
      const items = scalarsToArray(type.item, listItems(s));
      const k = items.length;
      const offsets = new Int32Array(length + 1);
      const repeat = new Int32Array(length * k);
      for (let i = 0; i < length; i++) {
        offsets[i + 1] = (i + 1) * k;
        for (let j = 0; j < k; j++) repeat[i * k + j] = j;
      }
      return makeList(type.item, length, offsets, length === 1 ? items : takeData(items, repeat), null);
    }
    default:
      return makeFixed(type, length, (allocValues(type, length) as Int32Array).fill(v as number), null);
  }
}

/** An array of the given scalars (all of `type`), one row each. */
export function scalarsToArray(type: DataType, values: readonly ScalarValue[]): arrow.Data {
  if (values.length === 0) return makeAllNull(type, 0);
  return concatData(toArrowType(type), values.map((v) => broadcastScalar(v, 1)));
}

/** Row `i` of `data` as a scalar of `type` (defaults to the Quiver type of the Arrow type). */
export function scalarAt(data: arrow.Data, i: number, type: DataType = fromArrowType(data.type)): ScalarValue {
  if (type.kind === 'Null') return { type, value: null };
  const bitmap = data.nullBitmap;
  if (data.nullCount > 0 && bitmap && bitmap.length > 0 && !getBit(bitmap, data.offset + i)) return { type, value: null };
  const values = data.values as ArrayLike<number | bigint>;
  switch (type.kind) {
    case 'Boolean':
      return { type, value: getBit(data.values as Uint8Array, data.offset + i) };
    case 'Utf8': {
      const offsets = data.valueOffsets as Int32Array;
      return { type, value: decoder.decode((data.values as Uint8Array).subarray(offsets[i]!, offsets[i + 1]!)) };
    }
    case 'Decimal128':
      return { type, value: decimalAsBigInt(data.values as Uint32Array, i) };
    case 'Interval': {
      const w = data.values as Int32Array;
      const nanos = BigInt.asIntN(64, (BigInt(w[4 * i + 3]!) << 32n) | BigInt(w[4 * i + 2]! >>> 0));
      return { type, value: { months: w[4 * i]!, days: w[4 * i + 1]!, nanos } };
    }
    case 'Int64':
    case 'Timestamp':
    case 'Time':
    case 'Int8':
    case 'Int16':
    case 'Int32':
    case 'Float32':
    case 'Float64':
    case 'Date32':
      return { type, value: values[i]! };
    case 'List': {
      const offsets = data.valueOffsets as Int32Array;
      const items: ScalarRaw[] = [];
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) items.push(scalarAt(data.children[0]!, k, type.item).value);
      return { type, value: items };
    }
    default:
      throw new QuiverError('INTERNAL', `cannot read a scalar of type ${typeToString(type)}`);
  }
}

/** The value as an array of `length` rows (scalars are broadcast). */
export function toArray(v: ColumnarValue, length: number): arrow.Data {
  return v.kind === 'array' ? v.data : broadcastScalar(v.value, length);
}
