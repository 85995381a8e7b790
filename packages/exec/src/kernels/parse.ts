/**
 * Parsing SQL text into values, as CAST from VARCHAR reads it (PostgreSQL input syntax): integers,
 * decimals (rounded half away from zero to the target scale), floats (including Infinity/NaN),
 * booleans, dates, timestamps and intervals. Each returns null when the text is not valid.
 */
import { parseDate, type IntervalValue, type TimeUnit } from '@quiver/common';
import { NANOS_PER_UNIT } from './calendar.js';
import { divRoundHalfAway } from './wide-int.js';

const INTEGER = /^\s*([+-]?\d+)\s*$/;

/** An integer's exact value, or null. */
export function parseInteger(text: string): bigint | null {
  const m = INTEGER.exec(text);
  return m ? BigInt(m[1]!) : null;
}

const DECIMAL = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

/** The unscaled value of `text` at `scale`, rounded half away from zero, or null when not a number. */
export function parseDecimal(text: string, scale: number): bigint | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int.length === 0 && frac.length === 0) return null;
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) return null;
  let digits = BigInt(`${int}${frac}` || '0');
  // value = digits * 10^(exp - frac.length); we want value * 10^scale.
  const shift = exp - frac.length + scale;
  if (shift >= 0) digits *= 10n ** BigInt(shift);
  else digits = divRoundHalfAway(digits, -shift);
  return m[1] === '-' ? -digits : digits;
}

const FLOAT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const SPECIAL_FLOATS: Record<string, number> = {
  nan: NaN,
  infinity: Infinity,
  '+infinity': Infinity,
  '-infinity': -Infinity,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
};

/** A float's value, or null (NaN is a valid result for the text 'NaN'). */
export function parseFloatText(text: string): number | null {
  if (FLOAT.test(text)) return Number(text);
  const special = SPECIAL_FLOATS[text.trim().toLowerCase()];
  return special === undefined ? null : special;
}

const TRUE_WORDS = new Set(['t', 'tr', 'tru', 'true', 'y', 'ye', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['f', 'fa', 'fal', 'fals', 'false', 'n', 'no', 'of', 'off', '0']);

/** PostgreSQL boolean input: true/false, yes/no, on/off, 1/0 and unique prefixes, any case. */
export function parseBoolean(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

const TIMESTAMP =
  /^\s*(-?\d{1,6})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i;

/** A timestamp in `unit` since the epoch (UTC; an explicit zone offset is applied), or null. */
export function parseTimestamp(text: string, unit: TimeUnit): bigint | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const days = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (days === null) return null;
  const h = Number(m[4] ?? 0);
  const mi = Number(m[5] ?? 0);
  const s = Number(m[6] ?? 0);
  if (h > 23 || mi > 59 || s > 59) return null;
  const fracNanos = BigInt((m[7] ?? '').padEnd(9, '0'));
  let offsetSeconds = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetSeconds = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || 0) * 60);
  }
  const seconds = BigInt(days) * 86400n + BigInt(h * 3600 + mi * 60 + s - offsetSeconds);
  const nanos = seconds * 1_000_000_000n + fracNanos;
  return nanos / NANOS_PER_UNIT[unit] - (nanos % NANOS_PER_UNIT[unit] < 0n ? 1n : 0n);
}

const INTERVAL_PART = /([+-]?\d+(?:\.\d+)?)\s*([a-z]+)|([+-]?)(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?/gy;
const UNIT_ALIASES: Record<string, string> = {
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
const UNIT_NANOS: Record<string, number> = {
  hour: 3_600_000_000_000,
  minute: 60_000_000_000,
  second: 1_000_000_000,
  millisecond: 1_000_000,
  microsecond: 1_000,
  nanosecond: 1,
};

/** PostgreSQL-style interval text such as '1 year 2 months 3 days 04:05:06' or '90 minutes', or null. */
export function parseInterval(text: string): IntervalValue | null {
  const t = text.trim().toLowerCase().replace(/^@\s*/, '');
  if (t.length === 0) return null;
  let months = 0;
  let days = 0;
  let nanos = 0n;
  INTERVAL_PART.lastIndex = 0;
  let pos = 0;
  while (pos < t.length) {
    while (t[pos] === ' ' || t[pos] === ',') pos++;
    if (pos >= t.length) break;
    INTERVAL_PART.lastIndex = pos;
    const m = INTERVAL_PART.exec(t);
    if (!m) return null;
    pos = INTERVAL_PART.lastIndex;
    if (m[2] !== undefined) {
      const unit = UNIT_ALIASES[m[2]];
      if (unit === undefined) return null;
      const qty = Number(m[1]);
      if (unit === 'year' || unit === 'month') {
        const total = qty * (unit === 'year' ? 12 : 1);
        if (!Number.isInteger(total)) return null;
        months += total;
      } else if (unit === 'week' || unit === 'day') {
        const total = qty * (unit === 'week' ? 7 : 1);
        if (!Number.isInteger(total)) return null;
        days += total;
      } else {
        nanos += BigInt(Math.round(qty * UNIT_NANOS[unit]!));
      }
    } else {
      const sign = m[3] === '-' ? -1n : 1n;
      const secs = BigInt(m[4]!) * 3600n + BigInt(m[5]!) * 60n + BigInt(m[6] ?? 0);
      nanos += sign * (secs * 1_000_000_000n + BigInt((m[7] ?? '').padEnd(9, '0')));
    }
  }
  return { months, days, nanos };
}
