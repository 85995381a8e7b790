/**
 * Date, timestamp and interval arithmetic: DATE ± INTERVAL (calendar months with end-of-month
 * clamping, then days, then whole days of the time part), TIMESTAMP ± INTERVAL, DATE − DATE → INTEGER
 * days, TIMESTAMP − TIMESTAMP → INTERVAL (days and time), INTERVAL ± INTERVAL. DATE ± INTEGER days is
 * plain Int32 arithmetic (see `intArithmetic`).
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, typeToString, type DataType, type IntervalValue } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { allocValues, makeFixed } from './builders.js';
import { addMonths, floorDiv, NANOS_PER_DAY, NANOS_PER_UNIT, UNITS_PER_DAY } from './calendar.js';
import { binaryValidity, strideOf, valuesOf } from './operands.js';

function intervalWords(v: IntervalValue): Int32Array {
  const n = BigInt.asUintN(64, v.nanos);
  return Int32Array.of(v.months, v.days, Number(n & 0xffffffffn) | 0, Number(n >> 32n) | 0);
}

function nanosAt(w: Int32Array, i: number): bigint {
  return BigInt.asIntN(64, (BigInt(w[4 * i + 3]!) << 32n) | BigInt(w[4 * i + 2]! >>> 0));
}

function setNanos(w: Int32Array, i: number, nanos: bigint): void {
  const n = BigInt.asUintN(64, nanos);
  w[4 * i + 2] = Number(n & 0xffffffffn) | 0;
  w[4 * i + 3] = Number(n >> 32n) | 0;
}

/**
 * Whole days in a nanosecond count, rounded down: the date part of the timestamp the sum would be,
 * so DATE '1970-01-02' - INTERVAL '1 hour' is 1970-01-01 (as CAST(date + interval AS DATE)).
 */
function nanosAsDays(w: Int32Array, i: number): number {
  if (w[4 * i + 2] === 0 && w[4 * i + 3] === 0) return 0;
  return Number(floorDiv(nanosAt(w, i), NANOS_PER_DAY));
}

/** Whole days in the negated nanosecond count, rounded down. */
function negatedNanosAsDays(w: Int32Array, i: number): number {
  if (w[4 * i + 2] === 0 && w[4 * i + 3] === 0) return 0;
  return Number(floorDiv(-nanosAt(w, i), NANOS_PER_DAY));
}

/** DATE ± INTERVAL (sign +1 or −1): months first (clamped to the month end), then days and time. */
export function dateIntervalArithmetic(sign: 1 | -1, date: ColumnarValue, interval: ColumnarValue, length: number): arrow.Data {
  const d = valuesOf<ArrayLike<number>>(date, (s) => [s.value as number]);
  const iv = valuesOf<Int32Array>(interval, (s) => intervalWords(s.value as IntervalValue));
  const sd = strideOf(date);
  const si = strideOf(interval);
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const j = i * si;
    const days = sign === 1 ? iv[4 * j + 1]! + nanosAsDays(iv, j) : -iv[4 * j + 1]! + negatedNanosAsDays(iv, j);
    out[i] = addMonths(d[i * sd]!, sign * iv[4 * j]!) + days;
  }
  return makeFixed({ kind: 'Date32' }, length, out, binaryValidity(date, interval, length));
}

/** TIMESTAMP ± INTERVAL. */
export function timestampIntervalArithmetic(sign: 1 | -1, ts: ColumnarValue, interval: ColumnarValue, length: number, type: DataType): arrow.Data {
  if (type.kind !== 'Timestamp') throw new QuiverError('INTERNAL', `expected a TIMESTAMP, got ${typeToString(type)}`);
  const perDay = UNITS_PER_DAY[type.unit];
  const nanosPerUnit = NANOS_PER_UNIT[type.unit];
  const t = valuesOf<BigInt64Array>(ts, (s) => BigInt64Array.of(s.value as bigint));
  const iv = valuesOf<Int32Array>(interval, (s) => intervalWords(s.value as IntervalValue));
  const st = strideOf(ts);
  const si = strideOf(interval);
  const out = allocValues(type, length) as BigInt64Array;
  const s = BigInt(sign);
  for (let i = 0; i < length; i++) {
    const j = i * si;
    const v = t[i * st]!;
    const day = floorDiv(v, perDay);
    const within = v - day * perDay;
    const shifted = BigInt(addMonths(Number(day), sign * iv[4 * j]!) + sign * iv[4 * j + 1]!);
    out[i] = shifted * perDay + within + (s * nanosAt(iv, j)) / nanosPerUnit;
  }
  return makeFixed(type, length, out, binaryValidity(ts, interval, length));
}

/** TIMESTAMP − TIMESTAMP as an INTERVAL of days and nanoseconds (both of `unit`). */
export function timestampDifference(l: ColumnarValue, r: ColumnarValue, length: number, lt: DataType, rt: DataType): arrow.Data {
  const a = timestampNanos(l, lt);
  const b = timestampNanos(r, rt);
  const sa = strideOf(l);
  const sb = strideOf(r);
  const out = new Int32Array(4 * length);
  for (let i = 0; i < length; i++) {
    const diff = a(i * sa) - b(i * sb);
    const days = diff / NANOS_PER_DAY;
    out[4 * i + 1] = Number(days);
    setNanos(out, i, diff - days * NANOS_PER_DAY);
  }
  return makeFixed({ kind: 'Interval' }, length, out, binaryValidity(l, r, length));
}

/** Reader of nanoseconds since the epoch for a DATE or TIMESTAMP operand. */
function timestampNanos(v: ColumnarValue, t: DataType): (i: number) => bigint {
  if (t.kind === 'Date32') {
    const d = valuesOf<ArrayLike<number>>(v, (s) => [s.value as number]);
    return (i) => BigInt(d[i]!) * NANOS_PER_DAY;
  }
  if (t.kind !== 'Timestamp') throw new QuiverError('INTERNAL', `expected a DATE or TIMESTAMP, got ${typeToString(t)}`);
  const vals = valuesOf<BigInt64Array>(v, (s) => BigInt64Array.of(s.value as bigint));
  const k = NANOS_PER_UNIT[t.unit];
  return (i) => vals[i]! * k;
}

/** INTERVAL ± INTERVAL, component-wise. */
export function intervalArithmetic(sign: 1 | -1, l: ColumnarValue, r: ColumnarValue, length: number): arrow.Data {
  const a = valuesOf<Int32Array>(l, (s) => intervalWords(s.value as IntervalValue));
  const b = valuesOf<Int32Array>(r, (s) => intervalWords(s.value as IntervalValue));
  const sa = strideOf(l);
  const sb = strideOf(r);
  const out = new Int32Array(4 * length);
  const s = BigInt(sign);
  for (let i = 0; i < length; i++) {
    out[4 * i] = a[4 * i * sa]! + sign * b[4 * i * sb]!;
    out[4 * i + 1] = a[4 * i * sa + 1]! + sign * b[4 * i * sb + 1]!;
    setNanos(out, i, nanosAt(a, i * sa) + s * nanosAt(b, i * sb));
  }
  return makeFixed({ kind: 'Interval' }, length, out, binaryValidity(l, r, length));
}
