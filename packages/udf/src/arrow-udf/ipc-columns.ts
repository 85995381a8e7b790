/**
 * Columns across the arrow-udf boundary: arguments as one record batch in an Arrow IPC *file*
 * (constants broadcast), and result columns read back and checked. arrow-udf passes `decimal` as
 * text (a Utf8 field with extension name `arrowudf.decimal`); Quiver maps it to DECIMAL(38,10),
 * writing arguments as their decimal text and parsing results, rounded half away from zero to 10
 * fraction digits. String results are checked to be valid UTF-8, as ABI v1 results are.
 */
import * as arrow from 'apache-arrow';
import { decimalToString, fromArrowType, QuiverError, toArrowType, typesEqual, typeToString, type DataType } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { firstInvalidUtf8Row } from '../wasm/utf8.js';

/** The DECIMAL type arrow-udf's arbitrary-precision `decimal` is passed as. */
export const ARROW_UDF_DECIMAL_SCALE = 10;
const EXTENSION = 'ARROW:extension:name';
const DECIMAL_EXTENSION = 'arrowudf.decimal';

/** The arguments as an IPC file of one batch: columns `arg0`, `arg1`, … of `numRows` rows. */
export function encodeArguments(args: readonly ColumnarValue[], types: readonly DataType[], numRows: number): Uint8Array {
  const fields: arrow.Field[] = [];
  const children: arrow.Data[] = [];
  args.forEach((a, i) => {
    const type = types[i]!;
    const data = a.kind === 'array' ? a.data : broadcast(a.value.value, type, numRows);
    if (type.kind === 'Decimal128') {
      fields.push(new arrow.Field(`arg${i}`, new arrow.Utf8(), true, new Map([[EXTENSION, DECIMAL_EXTENSION]])));
      children.push(decimalsToText(data, type.scale));
    } else {
      fields.push(new arrow.Field(`arg${i}`, data.type, true));
      children.push(data);
    }
  });
  const schema = new arrow.Schema(fields);
  const struct = arrow.makeData({ type: new arrow.Struct(fields), length: numRows, nullCount: 0, children });
  return arrow.tableToIPC(new arrow.Table(schema, [new arrow.RecordBatch(schema, struct)]), 'file');
}

/** A result column as Quiver data of `type`: decimals parsed from text, other types checked. */
export function decodeResult(column: arrow.Vector, type: DataType, label: string): arrow.Data {
  if (column.data.length !== 1) throw new QuiverError('WASM', `${label} returned a bad result: a column in ${column.data.length} chunks`);
  const data = column.data[0]!;
  if (type.kind === 'Decimal128') {
    if (data.typeId !== arrow.Type.Utf8) throw new QuiverError('WASM', `${label} returned a bad result: a decimal column of ${data.type}, expected decimal text (Utf8)`);
    return textToDecimals(data, type.scale, label);
  }
  if (!typesEqual(fromArrowType(data.type), type)) throw new QuiverError('WASM', `${label} returned a bad result: values of ${data.type}, expected ${typeToString(type)}`);
  if (type.kind === 'Utf8') {
    const offsets = data.valueOffsets as Int32Array;
    const row = firstInvalidUtf8Row(data.values as Uint8Array, offsets, data.length, data.nullCount > 0 ? validityOf(data) : null);
    if (row >= 0) throw new QuiverError('WASM', `${label} returned invalid UTF-8 at row ${row} of the batch`);
  }
  return data;
}

function isValid(data: arrow.Data, i: number): boolean {
  const bm = data.nullBitmap;
  if (data.nullCount === 0 || !bm || bm.length === 0) return true;
  const bit = data.offset + i;
  return ((bm[bit >> 3]! >> (bit & 7)) & 1) === 1;
}

/** Decimal128 values as their text ("12.34"), NULLs kept. */
function decimalsToText(data: arrow.Data, scale: number): arrow.Data {
  const words = data.values as Uint32Array;
  const texts: (string | null)[] = [];
  for (let i = 0; i < data.length; i++) {
    if (!isValid(data, i)) {
      texts.push(null);
      continue;
    }
    const w = 4 * i;
    const unsigned = (BigInt(words[w + 3]!) << 96n) | (BigInt(words[w + 2]!) << 64n) | (BigInt(words[w + 1]!) << 32n) | BigInt(words[w]!);
    texts.push(decimalToString(BigInt.asIntN(128, unsigned), scale));
  }
  return arrow.vectorFromArray(texts, new arrow.Utf8()).data[0]!;
}

const DECIMAL_TEXT = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/;
const LIMIT = 10n ** 38n;

/** Decimal text as Decimal128(38, scale), rounded half away from zero; bad text or overflow fails. */
function textToDecimals(data: arrow.Data, scale: number, label: string): arrow.Data {
  const n = data.length;
  const words = new Uint32Array(n * 4);
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const decoder = new TextDecoder();
  for (let i = 0; i < n; i++) {
    if (!isValid(data, i)) continue;
    const text = decoder.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!));
    const m = DECIMAL_TEXT.exec(text);
    if (m === null || (m[2] === '' && (m[3] ?? '') === '')) throw new QuiverError('WASM', `${label} returned a bad result at row ${i} of the batch: '${text}' is not a decimal`);
    const fraction = m[3] ?? '';
    let unscaled = BigInt((m[2] || '0') + fraction.slice(0, scale).padEnd(scale, '0'));
    if (fraction.length > scale && fraction[scale]! >= '5') unscaled += 1n;
    if (unscaled >= LIMIT) throw new QuiverError('WASM', `${label} returned ${text} at row ${i} of the batch, which does not fit DECIMAL(38,${scale})`);
    const v = BigInt.asUintN(128, m[1] === '-' ? -unscaled : unscaled);
    for (let k = 0; k < 4; k++) words[4 * i + k] = Number((v >> BigInt(32 * k)) & 0xffffffffn);
  }
  const nullBitmap = data.nullCount > 0 ? validityOf(data) : undefined;
  return arrow.makeData({ type: new arrow.Decimal(scale, 38, 128), length: n, nullCount: data.nullCount, nullBitmap, data: words });
}

/** The validity of `data` as an offset-0 bitmap. */
function validityOf(data: arrow.Data): Uint8Array {
  const out = new Uint8Array((data.length + 7) >> 3);
  for (let i = 0; i < data.length; i++) if (isValid(data, i)) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

/** A constant argument as a column of `n` equal values. */
function broadcast(value: unknown, type: DataType, n: number): arrow.Data {
  const nullBitmap = value === null ? new Uint8Array((n + 7) >> 3) : undefined;
  const nullCount = value === null ? n : 0;
  if (type.kind === 'Utf8') {
    const text = new TextEncoder().encode(value === null ? '' : (value as string));
    const bytes = new Uint8Array(text.length * n);
    for (let i = 0; i < n; i++) bytes.set(text, i * text.length);
    const offsets = Int32Array.from({ length: n + 1 }, (_, i) => i * text.length);
    return arrow.makeData({ type: new arrow.Utf8(), length: n, valueOffsets: offsets, data: bytes, nullBitmap, nullCount });
  }
  if (type.kind === 'Decimal128') {
    const v = BigInt.asUintN(128, (value ?? 0n) as bigint);
    const words = new Uint32Array(4 * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < 4; k++) words[4 * i + k] = Number((v >> BigInt(32 * k)) & 0xffffffffn);
    return arrow.makeData({ type: toArrowType(type) as arrow.Decimal, length: n, data: words, nullBitmap, nullCount });
  }
  const values =
    type.kind === 'Boolean' ? new Uint8Array((n + 7) >> 3).fill(value ? 0xff : 0)
    : type.kind === 'Int64' || type.kind === 'Timestamp' ? new BigInt64Array(n).fill((value ?? 0n) as bigint)
    : type.kind === 'Float64' ? new Float64Array(n).fill((value ?? 0) as number)
    : type.kind === 'Float32' ? new Float32Array(n).fill((value ?? 0) as number)
    : type.kind === 'Int16' ? new Int16Array(n).fill((value ?? 0) as number)
    : type.kind === 'Int8' ? new Int8Array(n).fill((value ?? 0) as number)
    : new Int32Array(n).fill((value ?? 0) as number);
  return arrow.makeData({ type: toArrowType(type) as arrow.Int32, length: n, data: values as Int32Array, nullBitmap, nullCount });
}
