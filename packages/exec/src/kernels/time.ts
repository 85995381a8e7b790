/**
 * TIME kernels (microseconds since midnight, stored as Int64): TIME ± INTERVAL (the interval's time
 * part only, wrapping around midnight as in PostgreSQL), TIME − TIME → INTERVAL, DATE + TIME →
 * TIMESTAMP, and TIMESTAMP → TIME (the time of day). Values are read and written as Int32 word pairs, computed as exact doubles;
 * BigInt is used only for a 64-bit value beyond 2^53.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, type IntervalValue, type TimeUnit } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { makeFixed } from './builders.js';
import { NANOS_PER_UNIT, UNITS_PER_DAY } from './calendar.js';
import { binaryValidity, strideOf, valuesOf } from './operands.js';
import { validityOf } from './validity.js';
import { int64AsNumber, int64Words, setInt64FromNumber, TWO_32 } from './wide-int.js';

const MICROS_PER_DAY = 86_400_000_000;

/** The words of a 64-bit operand (an Int64/Time/Timestamp array or a bigint scalar). */
function words64(v: ColumnarValue): Int32Array {
  if (v.kind === 'scalar') {
    const u = BigInt.asUintN(64, v.value.value as bigint);
    return Int32Array.of(Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0);
  }
  return int64Words(v.data.values as BigInt64Array);
}

function floorMod(x: number, m: number): number {
  const r = x % m;
  return r < 0 ? r + m : r;
}

/** The time-of-day shift (microseconds in [0, day)) of interval row `i` of words `w` (4 per value). */
function intervalShift(w: Int32Array, i: number): number {
  const exact = int64AsNumber(w, 2 * i + 1);
  if (exact === exact) return floorMod(Math.floor(exact / 1000), MICROS_PER_DAY);
  const nanos = BigInt.asIntN(64, (BigInt(w[4 * i + 3]!) << 32n) | BigInt(w[4 * i + 2]! >>> 0));
  const micros = nanos / 1000n - (nanos % 1000n < 0n ? 1n : 0n);
  return Number(((micros % 86_400_000_000n) + 86_400_000_000n) % 86_400_000_000n);
}

function intervalWords(v: ColumnarValue): Int32Array {
  if (v.kind === 'array') return v.data.values as Int32Array;
  const iv = v.value.value as IntervalValue;
  const u = BigInt.asUintN(64, iv.nanos);
  return Int32Array.of(iv.months, iv.days, Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0);
}

/** TIME ± INTERVAL (sign +1 or −1): months and days are ignored, the result wraps around midnight. */
export function timeIntervalArithmetic(sign: 1 | -1, time: ColumnarValue, interval: ColumnarValue, length: number): arrow.Data {
  const t = words64(time);
  const iv = intervalWords(interval);
  const st = strideOf(time);
  const si = strideOf(interval);
  const constantShift = si === 0 ? sign * intervalShift(iv, 0) : 0;
  const out = new BigInt64Array(length);
  const o = int64Words(out);
  for (let i = 0; i < length; i++) {
    const shift = si === 0 ? constantShift : sign * intervalShift(iv, i);
    setInt64FromNumber(o, i, floorMod(int64AsNumber(t, i * st) + shift, MICROS_PER_DAY));
  }
  return makeFixed(DataTypes.time, length, out, binaryValidity(time, interval, length));
}

/** TIME − TIME as an INTERVAL of microseconds (no days; negative when the left time is earlier). */
export function timeDifference(l: ColumnarValue, r: ColumnarValue, length: number): arrow.Data {
  const a = words64(l);
  const b = words64(r);
  const sa = strideOf(l);
  const sb = strideOf(r);
  const out = new Int32Array(4 * length);
  for (let i = 0; i < length; i++) {
    const nanos = (int64AsNumber(a, i * sa) - int64AsNumber(b, i * sb)) * 1000;
    const hi = Math.floor(nanos / TWO_32);
    out[4 * i + 2] = (nanos - hi * TWO_32) | 0;
    out[4 * i + 3] = hi;
  }
  return makeFixed(DataTypes.interval, length, out, binaryValidity(l, r, length));
}

/** DATE + TIME as a TIMESTAMP in microseconds (the day's midnight plus the time). */
export function dateTimeSum(date: ColumnarValue, time: ColumnarValue, length: number): arrow.Data {
  const d = valuesOf<ArrayLike<number>>(date, (s) => [s.value as number]);
  const t = words64(time);
  const sd = strideOf(date);
  const st = strideOf(time);
  const out = new BigInt64Array(length);
  const o = int64Words(out);
  for (let i = 0; i < length; i++) {
    const v = d[i * sd]! * MICROS_PER_DAY + int64AsNumber(t, i * st);
    if (Math.abs(v) < 2 ** 53) setInt64FromNumber(o, i, v);
    else out[i] = BigInt.asIntN(64, BigInt(d[i * sd]!) * 86_400_000_000n + BigInt(int64AsNumber(t, i * st)));
  }
  return makeFixed(DataTypes.timestamp('microsecond'), length, out, binaryValidity(date, time, length));
}

/** The time of day of each TIMESTAMP of `unit` (sub-microsecond parts truncated). */
export function timestampToTime(data: arrow.Data, unit: TimeUnit): arrow.Data {
  const n = data.length;
  const ts = words64({ kind: 'array', data });
  const perDay = Number(UNITS_PER_DAY[unit]);
  const nanosPerUnit = Number(NANOS_PER_UNIT[unit]);
  const out = new BigInt64Array(n);
  const o = int64Words(out);
  const values = data.values as BigInt64Array;
  const day = UNITS_PER_DAY[unit];
  for (let i = 0; i < n; i++) {
    const exact = int64AsNumber(ts, i);
    const within = exact === exact ? floorMod(exact, perDay) : Number(((values[i]! % day) + day) % day);
    setInt64FromNumber(o, i, nanosPerUnit >= 1000 ? within * (nanosPerUnit / 1000) : Math.floor(within / (1000 / nanosPerUnit)));
  }
  const validity = validityOf(data);
  return makeFixed(DataTypes.time, n, out, validity === null ? null : validity.slice());
}
