/**
 * Converting columns read from files or handed in by users to the Arrow types Quiver computes on
 * (see `toArrowType`): dictionary-encoded columns are decoded, LargeUtf8 gets 32-bit offsets,
 * unsigned integers widen to the next signed type, millisecond dates become day dates, times of any
 * unit become Time64(microsecond) (nanoseconds truncated). Columns
 * already in Quiver's form pass through untouched.
 */
import * as arrow from 'apache-arrow';
import { fromArrowType, QuiverError, Schema } from '@quiver/common';
import { takeData } from '../selection/take.js';
import { concatData } from '../selection/concat.js';
import { makeColumn } from '../selection/make-column.js';
import { int64AsNumber, int64Words, setInt64FromNumber } from '../kernels/wide-int.js';
import { columnsOf, makeBatch } from '../selection/record-batch.js';

/** `batch` with every column in Quiver's Arrow types, labelled with `schema` (its Quiver schema as Arrow). */
export function normalizeBatch(batch: arrow.RecordBatch, schema: arrow.Schema): arrow.RecordBatch {
  const cols = columnsOf(batch);
  let same = true;
  const out = cols.map((c, i) => {
    const n = normalizeColumn(c, schema.fields[i]!.type);
    if (n !== c) same = false;
    return n;
  });
  return same && batch.schema === schema ? batch : makeBatch(schema, out, batch.numRows);
}

/** The Quiver schema of an Arrow schema, with unsupported column types reported against `source`. */
export function quiverSchema(schema: arrow.Schema, source: string): Schema {
  for (const f of schema.fields) {
    try {
      fromArrowType(f.type);
    } catch (e) {
      throw new QuiverError('IO', `${source}: column '${f.name}' has type ${String(f.type)}, which Quiver does not support`, { cause: e });
    }
  }
  return Schema.fromArrow(schema);
}

/** `data` converted to `target` (the Quiver Arrow type of its column). */
export function normalizeColumn(data: arrow.Data, target: arrow.DataType): arrow.Data {
  const type = data.type;
  if (type.typeId === arrow.Type.Dictionary) return normalizeColumn(decodeDictionary(data), target);
  if (type.typeId === arrow.Type.LargeUtf8) return narrowOffsets(data, target);
  if (type.typeId === arrow.Type.Int && !(type as arrow.Int).isSigned) return widenUnsigned(data, target);
  if (type.typeId === arrow.Type.Date && (type as arrow.Date_).unit === arrow.DateUnit.MILLISECOND) {
    const ms = data.values as BigInt64Array;
    const days = new Int32Array(data.length);
    for (let i = 0; i < data.length; i++) days[i] = Math.floor(Number(ms[i]!) / 86_400_000);
    return makeColumn(target, data.length, { validity: validityCopyOrNull(data), values: days });
  }
  if (type.typeId === arrow.Type.Time && (type as arrow.TimeMicrosecond).unit !== arrow.TimeUnit.MICROSECOND) return timeAsMicros(data, target);
  return data;
}

/** A Time32(second|millisecond) or Time64(nanosecond) column in microseconds (values below 2^53, so exact as doubles). */
function timeAsMicros(data: arrow.Data, target: arrow.DataType): arrow.Data {
  const n = data.length;
  const out = new BigInt64Array(n);
  const words = int64Words(out);
  const unit: arrow.TimeUnit = (data.type as arrow.TimeSecond | arrow.TimeNanosecond).unit;
  if (unit === arrow.TimeUnit.NANOSECOND) {
    const src = int64Words(data.values as BigInt64Array);
    for (let i = 0; i < n; i++) setInt64FromNumber(words, i, Math.floor(int64AsNumber(src, i) / 1000));
  } else {
    const src = data.values as Int32Array;
    const scale = unit === arrow.TimeUnit.SECOND ? 1_000_000 : 1000;
    for (let i = 0; i < n; i++) setInt64FromNumber(words, i, src[i]! * scale);
  }
  return makeColumn(target, n, { validity: validityCopyOrNull(data), values: out });
}

function decodeDictionary(data: arrow.Data): arrow.Data {
  const dict = data.dictionary!;
  const values = concatData(dict.type, dict.data);
  const keys = data.values as ArrayLike<number | bigint>;
  const idx = new Int32Array(data.length);
  const bm = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
  for (let i = 0; i < data.length; i++) {
    const b = data.offset + i;
    idx[i] = bm !== null && !(bm[b >> 3]! & (1 << (b & 7))) ? -1 : Number(keys[i]!);
  }
  return takeData(values, idx);
}

function narrowOffsets(data: arrow.Data, target: arrow.DataType): arrow.Data {
  const big = data.valueOffsets as unknown as BigInt64Array;
  const base = Number(big[0]!);
  const end = Number(big[data.length]!);
  if (end - base > 0x7fffffff) throw new QuiverError('IO', `a string column holds ${end - base} bytes, more than Quiver's 2 GiB per batch`);
  const offsets = new Int32Array(data.length + 1);
  for (let i = 0; i <= data.length; i++) offsets[i] = Number(big[i]!) - base;
  const bytes = (data.values as Uint8Array).subarray(base, end);
  return makeColumn(target, data.length, { validity: validityCopyOrNull(data), values: bytes, offsets });
}

function widenUnsigned(data: arrow.Data, target: arrow.DataType): arrow.Data {
  const src = data.values as Uint8Array | Uint16Array | Uint32Array | BigUint64Array;
  const n = data.length;
  const Ctor = (target as unknown as { ArrayType: new (n: number) => { [i: number]: number | bigint } & ArrayBufferView }).ArrayType;
  const out = new Ctor(n);
  if (src instanceof BigUint64Array) {
    for (let i = 0; i < n; i++) {
      if (src[i]! > 0x7fffffffffffffffn) throw new QuiverError('IO', `unsigned 64-bit value ${src[i]} does not fit in BIGINT`);
      out[i] = BigInt.asIntN(64, src[i]!);
    }
  } else if (target.typeId === arrow.Type.Int && (target as arrow.Int).bitWidth === 64) {
    for (let i = 0; i < n; i++) out[i] = BigInt(src[i]!);
  } else {
    for (let i = 0; i < n; i++) out[i] = src[i]!;
  }
  return makeColumn(target, n, { validity: validityCopyOrNull(data), values: out });
}

function validityCopyOrNull(data: arrow.Data): Uint8Array | null {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return null;
  const out = new Uint8Array((data.length + 7) >> 3);
  for (let i = 0; i < data.length; i++) {
    const b = data.offset + i;
    if (data.nullBitmap[b >> 3]! & (1 << (b & 7))) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}
