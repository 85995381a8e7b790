/**
 * Literal values from SQL text, typed exactly: integers are INTEGER when they fit, else BIGINT, else
 * DECIMAL; a number with a point is DECIMAL(p,s) with p and s counted from its digits (as DuckDB does);
 * an exponent makes it DOUBLE. Also the typed strings DATE '…', TIMESTAMP '…' and INTERVAL '…'.
 */
import { DataTypes, parseDate, parseTime, QuiverError, Scalars, type IntervalValue, type ScalarValue } from '@quiver/common';

const INT32_MAX = 2147483647n;
const INT64_MAX = 9223372036854775807n;

/** A numeric literal; `negative` folds a leading unary minus into it. */
export function numberLiteral(text: string, negative: boolean): ScalarValue {
  const sign = negative ? -1n : 1n;
  if (/^\d+$/.test(text)) {
    const v = sign * BigInt(text);
    if (v >= -INT32_MAX - 1n && v <= INT32_MAX) return Scalars.int32(Number(v));
    if (v >= -INT64_MAX - 1n && v <= INT64_MAX) return Scalars.int64(v);
    const digits = text.replace(/^0+/, '').length;
    if (digits <= 38) return Scalars.decimal(v, digits, 0);
    return Scalars.float64(Number(text) * Number(sign));
  }
  const m = /^(\d*)\.(\d*)$/.exec(text);
  if (m) {
    const intPart = m[1]!.replace(/^0+/, '');
    const frac = m[2]!;
    const scale = frac.length;
    const precision = Math.max(intPart.length, 1) + scale;
    if (precision <= 38) return Scalars.decimal(sign * BigInt(`${intPart || '0'}${frac}`), precision, scale);
  }
  const f = Number(text);
  if (Number.isNaN(f)) throw new QuiverError('PLAN', `invalid number literal '${text}'`);
  return Scalars.float64(negative ? -f : f);
}

export function dateLiteral(text: string): ScalarValue {
  const days = parseDate(text);
  if (days === null) throw new QuiverError('TYPE', `invalid DATE literal '${text}': expected YYYY-MM-DD`);
  return Scalars.date32(days);
}

/** A TIME literal `HH:MM[:SS[.ffffff]]`, in microseconds since midnight. */
export function timeLiteral(text: string): ScalarValue {
  const micros = parseTime(text);
  if (micros === null) throw new QuiverError('TYPE', `invalid TIME literal '${text}': expected HH:MM:SS[.ffffff]`);
  return { type: DataTypes.time, value: micros };
}

/** A TIMESTAMP literal `YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]`, in microseconds since the epoch. */
export function timestampLiteral(text: string): ScalarValue {
  const m = /^\s*(-?\d{1,6}-\d{1,2}-\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*$/.exec(text);
  const days = m ? parseDate(m[1]!) : null;
  const [h, mi, s] = [Number(m?.[2] ?? 0), Number(m?.[3] ?? 0), Number(m?.[4] ?? 0)];
  if (m === null || days === null || h > 23 || mi > 59 || s > 59) {
    throw new QuiverError('TYPE', `invalid TIMESTAMP literal '${text}': expected YYYY-MM-DD HH:MM:SS`);
  }
  const micros = BigInt(days) * 86_400_000_000n + BigInt((h * 60 + mi) * 60 + s) * 1_000_000n + BigInt((m[5] ?? '').padEnd(6, '0'));
  return { type: DataTypes.timestamp('microsecond'), value: micros };
}

type IntervalUnit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond' | 'microsecond' | 'nanosecond';

const UNIT_NAMES: Record<string, IntervalUnit> = {
  y: 'year', yr: 'year', yrs: 'year', year: 'year', years: 'year',
  mon: 'month', mons: 'month', month: 'month', months: 'month',
  w: 'week', week: 'week', weeks: 'week',
  d: 'day', day: 'day', days: 'day',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour',
  m: 'minute', min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute',
  s: 'second', sec: 'second', secs: 'second', second: 'second', seconds: 'second',
  ms: 'millisecond', millisecond: 'millisecond', milliseconds: 'millisecond',
  us: 'microsecond', microsecond: 'microsecond', microseconds: 'microsecond',
  ns: 'nanosecond', nanosecond: 'nanosecond', nanoseconds: 'nanosecond',
};

const NANOS: Partial<Record<IntervalUnit, bigint>> = {
  hour: 3_600_000_000_000n,
  minute: 60_000_000_000n,
  second: 1_000_000_000n,
  millisecond: 1_000_000n,
  microsecond: 1_000n,
  nanosecond: 1n,
};

/**
 * An INTERVAL literal: `'3'` with a unit (`INTERVAL '3' MONTH`), or a unit list in the text
 * (`INTERVAL '1 year 2 months'`).
 */
export function intervalLiteral(text: string, unit: string | null): ScalarValue {
  const bad = () => new QuiverError('TYPE', `invalid INTERVAL literal '${text}'${unit ? ` ${unit.toUpperCase()}` : ''}`);
  let acc: IntervalValue = { months: 0, days: 0, nanos: 0n };
  if (unit !== null) {
    const u = UNIT_NAMES[unit.toLowerCase()];
    if (!u) throw bad();
    if (/^\s*[-+]?\d+(\.\d+)?\s*$/.test(text)) return Scalars.interval(addUnit(acc, text.trim(), u) ?? raise(bad()));
    // As in PostgreSQL, the unit applies to a trailing bare number: '5 day 1' HOUR is 5 days 1 hour.
    if (!/\d\s*$/.test(text)) throw bad();
    return intervalLiteral(`${text} ${unit}`, null);
  }
  // A bare number is seconds (as in PostgreSQL); otherwise amount-unit pairs, the unit possibly glued on ('1s').
  if (/^\s*[-+]?\d+(\.\d+)?\s*$/.test(text)) return Scalars.interval(addUnit(acc, text.trim(), 'second') ?? raise(bad()));
  const pairs = [...text.matchAll(/([-+]?\d+(?:\.\d+)?)\s*([a-zA-Z]+)/g)];
  if (pairs.length === 0 || pairs.map((m) => m[0]).join(' ').replace(/\s+/g, '') !== text.replace(/\s+/g, '')) throw bad();
  for (const [, amount, unitName] of pairs) {
    const u = UNIT_NAMES[unitName!.toLowerCase()];
    if (!u) throw bad();
    acc = addUnit(acc, amount!, u) ?? raise(bad());
  }
  return Scalars.interval(acc);
}

function raise(err: QuiverError): never {
  throw err;
}

/** `acc` plus `amount` units, or null when the amount is fractional for a month/day unit. */
function addUnit(acc: IntervalValue, amount: string, unit: IntervalUnit): IntervalValue | null {
  const nanosPerUnit = NANOS[unit];
  if (nanosPerUnit !== undefined) return { ...acc, nanos: acc.nanos + decimalTimes(amount, nanosPerUnit) };
  if (amount.includes('.')) return null;
  const n = Number(amount);
  if (unit === 'year') return { ...acc, months: acc.months + 12 * n };
  if (unit === 'month') return { ...acc, months: acc.months + n };
  if (unit === 'week') return { ...acc, days: acc.days + 7 * n };
  return { ...acc, days: acc.days + n };
}

/** `amount` (decimal text) × `factor`, truncated to an integer. */
function decimalTimes(amount: string, factor: bigint): bigint {
  const neg = amount.startsWith('-');
  const [i, f = ''] = amount.replace(/^[-+]/, '').split('.');
  const scale = 10n ** BigInt(f.length);
  const v = (BigInt(`${i}${f}`) * factor) / scale;
  return neg ? -v : v;
}
