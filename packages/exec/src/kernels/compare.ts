/**
 * Comparisons (= <> < <= > >= and IS [NOT] DISTINCT FROM) for every type, array–array or
 * array–scalar. Number-valued types use direct bit-packing loops (floats follow PostgreSQL: NaN
 * equals NaN and is greater than any other value); Int64/Timestamp/Time and Decimal128 take the same
 * loops while every value is below 2^53, and otherwise compare word by word (no BigInt); Utf8
 * compares UTF-8 bytes (code point order); Boolean orders false < true; Interval orders by its total
 * length counting a month as 30 days; lists compare item by item (`compare-list.ts`).
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, typeToString, type DataType, type IntervalValue } from '@quiver/common';
import type { ColumnarValue, ComparisonOp } from '@quiver/planner';
import { makeBoolean } from './builders.js';
import { decimalWords } from './arithmetic-decimal.js';
import { orderLists } from './compare-list.js';
import { compareNumbers, packOrdering } from './compare-primitive.js';
import { binaryValidity, isNullScalar, operandValidity, strideOf, valuesOf } from './operands.js';
import { toArray } from './scalar.js';
import { allValid, bitmapBytes, getBit } from './validity.js';
import { decimalAsNumber, int64AsNumber, int64Words } from './wide-int.js';

const encoder = new TextEncoder();

/** `l op r` as a Boolean array of `length` rows; both sides have type `type`. */
export function compare(op: ComparisonOp, l: ColumnarValue, r: ColumnarValue, type: DataType, length: number): arrow.Data {
  if (op === 'IS DISTINCT FROM' || op === 'IS NOT DISTINCT FROM') return distinct(op === 'IS DISTINCT FROM', l, r, type, length);
  if (isNullScalar(l) || isNullScalar(r) || type.kind === 'Null') {
    return makeBoolean(length, new Uint8Array(bitmapBytes(length)), new Uint8Array(bitmapBytes(length)));
  }
  if (l.kind === 'scalar' && r.kind === 'scalar') l = { kind: 'array', data: toArray(l, length) };
  const bits = new Uint8Array(bitmapBytes(length));
  compareInto(op, l, r, type, length, bits);
  return makeBoolean(length, bits, binaryValidity(l, r, length));
}

/** Writes the comparison bits (ignoring NULLs) of non-NULL operands into `out`. */
function compareInto(op: ComparisonOp, l: ColumnarValue, r: ColumnarValue, type: DataType, n: number, out: Uint8Array): void {
  const sa = strideOf(l);
  const sb = strideOf(r);
  switch (type.kind) {
    case 'Int8':
    case 'Int16':
    case 'Int32':
    case 'Float32':
    case 'Float64':
    case 'Date32': {
      const a = valuesOf<ArrayLike<number>>(l, (s) => [s.value as number]);
      const b = valuesOf<ArrayLike<number>>(r, (s) => [s.value as number]);
      if ((type.kind === 'Float32' || type.kind === 'Float64') && (hasNaN(a, sa, n) || hasNaN(b, sb, n))) {
        return packOrdering(op, orderFloats(a, sa, b, sb, n), n, out);
      }
      return compareNumbers(op, a, sa, b, sb, n, out);
    }
    case 'Int64':
    case 'Timestamp':
    case 'Time': {
      const a = valuesOf<BigInt64Array>(l, (s) => BigInt64Array.of(s.value as bigint));
      const b = valuesOf<BigInt64Array>(r, (s) => BigInt64Array.of(s.value as bigint));
      const aw = int64Words(a);
      const bw = int64Words(b);
      const x = exactInt64Numbers(aw, sa, n, 0);
      const y = x && exactInt64Numbers(bw, sb, n, 1);
      if (x && y) return compareNumbers(op, x, sa, y, sb, n, out);
      return packOrdering(op, orderWords(aw, sa, bw, sb, n, 2), n, out);
    }
    case 'Decimal128': {
      const a = valuesOf<Uint32Array>(l, (s) => decimalWords(s.value as bigint));
      const b = valuesOf<Uint32Array>(r, (s) => decimalWords(s.value as bigint));
      const x = exactDecimalNumbers(a, sa, n, 0);
      const y = x && exactDecimalNumbers(b, sb, n, 1);
      if (x && y) return compareNumbers(op, x, sa, y, sb, n, out);
      const aw = new Int32Array(a.buffer, a.byteOffset, a.length);
      const bw = new Int32Array(b.buffer, b.byteOffset, b.length);
      return packOrdering(op, orderWords(aw, sa, bw, sb, n, 4), n, out);
    }
    case 'Utf8':
      if ((op === '=' || op === '<>') && (l.kind === 'scalar') !== (r.kind === 'scalar')) {
        return equalsUtf8Constant(l.kind === 'array' ? l : r, l.kind === 'array' ? r : l, op === '<>', n, out);
      }
      return packOrdering(op, orderUtf8(l, r, n), n, out);
    case 'Boolean': {
      const a = bitsOf(l);
      const b = bitsOf(r);
      const cmp = new Int8Array(n);
      for (let i = 0; i < n; i++) cmp[i] = (getBit(a.bits, a.offset + i * sa) ? 1 : 0) - (getBit(b.bits, b.offset + i * sb) ? 1 : 0);
      return packOrdering(op, cmp, n, out);
    }
    case 'Interval': {
      const a = intervalTotals(l, n);
      const b = intervalTotals(r, n);
      const cmp = new Int8Array(n);
      for (let i = 0; i < n; i++) cmp[i] = a[i * sa]! < b[i * sb]! ? -1 : a[i * sa]! > b[i * sb]! ? 1 : 0;
      return packOrdering(op, cmp, n, out);
    }
    case 'List':
      return packOrdering(op, orderLists(l, r, n), n, out);
    default:
      throw new QuiverError('INTERNAL', `cannot compare values of type ${typeToString(type)}`);
  }
}

const scratchBuffers: Float64Array[] = [];

/** Reusable float64 scratch buffer `k` of at least `m` values (kernels run synchronously, one at a time). */
function scratch(k: number, m: number): Float64Array {
  let buf = scratchBuffers[k];
  if (buf === undefined || buf.length < m) scratchBuffers[k] = buf = new Float64Array(Math.max(m, 8192));
  return buf;
}

/**
 * The values of an Int64 word view as exact float64s in scratch buffer `k`, or null when some
 * value is 2^53 or more in magnitude (then the caller compares words instead).
 */
function exactInt64Numbers(words: Int32Array, stride: number, n: number, k: number): Float64Array | null {
  const m = stride === 0 ? 1 : n;
  const buf = scratch(k, m);
  for (let i = 0; i < m; i++) {
    const v = int64AsNumber(words, i);
    if (v !== v) return null;
    buf[i] = v;
  }
  return buf;
}

/** `exactInt64Numbers` for Decimal128 values (unscaled). */
function exactDecimalNumbers(words: Uint32Array, stride: number, n: number, k: number): Float64Array | null {
  const m = stride === 0 ? 1 : n;
  const buf = scratch(k, m);
  for (let i = 0; i < m; i++) {
    const v = decimalAsNumber(words, i);
    if (v !== v) return null;
    buf[i] = v;
  }
  return buf;
}

function hasNaN(v: ArrayLike<number>, stride: number, n: number): boolean {
  const m = stride === 0 ? 1 : n;
  for (let i = 0; i < m; i++) if (v[i] !== v[i]) return true;
  return false;
}

/** PostgreSQL's float order: NaN equals NaN and sorts above every other value. */
function orderFloats(a: ArrayLike<number>, sa: number, b: ArrayLike<number>, sb: number, n: number): Int8Array {
  const cmp = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const x = a[i * sa]!;
    const y = b[i * sb]!;
    if (x < y) cmp[i] = -1;
    else if (x > y) cmp[i] = 1;
    else if (x === y) cmp[i] = 0;
    else cmp[i] = x !== x ? (y !== y ? 0 : 1) : -1;
  }
  return cmp;
}

/**
 * Orderings of two's-complement integers stored as `width` little-endian 32-bit words per value:
 * the top word compares signed, the rest unsigned.
 */
function orderWords(a: Int32Array, sa: number, b: Int32Array, sb: number, n: number, width: number): Int8Array {
  const cmp = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const x = i * sa * width;
    const y = i * sb * width;
    let w = width - 1;
    let c = a[x + w]! - b[y + w]!;
    while (c === 0 && w > 0) {
      w--;
      c = (a[x + w]! >>> 0) - (b[y + w]! >>> 0);
    }
    cmp[i] = c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  return cmp;
}

function utf8Side(v: ColumnarValue): { offsets: Int32Array; bytes: Uint8Array } {
  if (v.kind === 'array') return { offsets: v.data.valueOffsets as Int32Array, bytes: v.data.values as Uint8Array };
  const bytes = encoder.encode(v.value.value as string);
  return { offsets: Int32Array.of(0, bytes.length), bytes };
}

/** Bits of `column = constant` (or `<>` when `negate`), comparing lengths first and then bytes. */
function equalsUtf8Constant(column: ColumnarValue, constant: ColumnarValue, negate: boolean, n: number, out: Uint8Array): void {
  const { offsets, bytes } = utf8Side(column);
  const c = utf8Side(constant).bytes;
  const len = c.length;
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) {
      const s = offsets[base + j]!;
      let eq = offsets[base + j + 1]! - s === len;
      for (let k = 0; eq && k < len; k++) eq = bytes[s + k] === c[k];
      if (eq !== negate) byte |= 1 << j;
    }
    out[base >> 3] = byte;
  }
}

function orderUtf8(l: ColumnarValue, r: ColumnarValue, n: number): Int8Array {
  const a = utf8Side(l);
  const b = utf8Side(r);
  const sa = strideOf(l);
  const sb = strideOf(r);
  const cmp = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const as = a.offsets[i * sa]!;
    const al = a.offsets[i * sa + 1]! - as;
    const bs = b.offsets[i * sb]!;
    const bl = b.offsets[i * sb + 1]! - bs;
    const m = al < bl ? al : bl;
    let c = 0;
    for (let k = 0; k < m; k++) {
      c = a.bytes[as + k]! - b.bytes[bs + k]!;
      if (c !== 0) break;
    }
    if (c === 0) c = al - bl;
    cmp[i] = c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  return cmp;
}

function bitsOf(v: ColumnarValue): { bits: Uint8Array; offset: number } {
  if (v.kind === 'array') return { bits: v.data.values as Uint8Array, offset: v.data.offset };
  return { bits: Uint8Array.of(v.value.value ? 1 : 0), offset: 0 };
}

const MONTH_NANOS = 30n * 86_400_000_000_000n;
const DAY_NANOS = 86_400_000_000_000n;

function intervalTotals(v: ColumnarValue, n: number): bigint[] {
  if (v.kind === 'scalar') {
    const iv = v.value.value as IntervalValue;
    return [BigInt(iv.months) * MONTH_NANOS + BigInt(iv.days) * DAY_NANOS + iv.nanos];
  }
  const w = v.data.values as Int32Array;
  const out: bigint[] = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    const nanos = BigInt.asIntN(64, (BigInt(w[4 * i + 3]!) << 32n) | BigInt(w[4 * i + 2]! >>> 0));
    out[i] = BigInt(w[4 * i]!) * MONTH_NANOS + BigInt(w[4 * i + 1]!) * DAY_NANOS + nanos;
  }
  return out;
}

/** IS [NOT] DISTINCT FROM: never NULL; two NULLs are not distinct, a NULL and a value are. */
function distinct(isDistinct: boolean, l: ColumnarValue, r: ColumnarValue, type: DataType, n: number): arrow.Data {
  const bits = new Uint8Array(bitmapBytes(n));
  const lNull = isNullScalar(l) || type.kind === 'Null';
  const rNull = isNullScalar(r) || type.kind === 'Null';
  if (!lNull && !rNull) {
    if (l.kind === 'scalar' && r.kind === 'scalar') l = { kind: 'array', data: toArray(l, n) };
    compareInto('<>', l, r, type, n, bits);
  }
  const va = lNull ? new Uint8Array(bitmapBytes(n)) : (operandValidity(l) ?? allValid(n));
  const vb = rNull ? new Uint8Array(bitmapBytes(n)) : (operandValidity(r) ?? allValid(n));
  const flip = isDistinct ? 0 : 0xff;
  for (let k = 0; k < bits.length; k++) {
    const both = va[k]! & vb[k]!;
    bits[k] = (((bits[k]! & both) | (va[k]! ^ vb[k]!)) ^ flip) & 0xff;
  }
  return makeBoolean(n, bits, null);
}
