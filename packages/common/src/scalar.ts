/**
 * Scalar values: one typed value (or NULL), used for literals, constant folding and statistics.
 *
 * Representation by type: Int8–Int32, Float32/64 and Date32 (days since 1970-01-01) are `number`;
 * Int64, Timestamp and Time (microseconds since midnight) are `bigint`; Decimal128 is the unscaled `bigint`; Utf8 is `string`;
 * Interval is `{ months, days, nanos }`; List is an array of its items' raw values (each `null` or
 * represented as its item type says).
 */
import { typeToString, type DataType, DataTypes } from './types.js';

export interface IntervalValue {
  readonly months: number;
  readonly days: number;
  readonly nanos: bigint;
}

export type ScalarRaw = null | boolean | number | bigint | string | IntervalValue | readonly ScalarRaw[];

export interface ScalarValue {
  readonly type: DataType;
  /** `null` is SQL NULL. */
  readonly value: ScalarRaw;
}

export const Scalars = {
  null(type: DataType = DataTypes.null): ScalarValue {
    return { type, value: null };
  },
  boolean(v: boolean | null): ScalarValue {
    return { type: DataTypes.boolean, value: v };
  },
  int32(v: number | null): ScalarValue {
    return { type: DataTypes.int32, value: v };
  },
  int64(v: bigint | null): ScalarValue {
    return { type: DataTypes.int64, value: v };
  },
  float64(v: number | null): ScalarValue {
    return { type: DataTypes.float64, value: v };
  },
  utf8(v: string | null): ScalarValue {
    return { type: DataTypes.utf8, value: v };
  },
  date32(days: number | null): ScalarValue {
    return { type: DataTypes.date32, value: days };
  },
  decimal(unscaled: bigint | null, precision: number, scale: number): ScalarValue {
    return { type: DataTypes.decimal(precision, scale), value: unscaled };
  },
  interval(v: IntervalValue | null): ScalarValue {
    return { type: DataTypes.interval, value: v };
  },
  list(item: DataType, items: readonly ScalarRaw[] | null): ScalarValue {
    return { type: DataTypes.list(item), value: items };
  },
};

/** The items of a non-NULL List scalar, each as a scalar of the item type. */
export function listItems(s: ScalarValue): ScalarValue[] {
  if (s.type.kind !== 'List' || !Array.isArray(s.value)) throw new TypeError(`not a non-NULL list scalar: ${scalarToString(s)}`);
  const item = s.type.item;
  return (s.value as readonly ScalarRaw[]).map((value) => ({ type: item, value }));
}

/** The shortest decimal that reads back as the same float32 (so REAL 0.1 prints as 0.1, not 0.10000000149). */
export function shortestFloat32(x: number): number {
  if (!Number.isFinite(x)) return x;
  for (let p = 1; p < 9; p++) {
    const y = Number(x.toPrecision(p));
    if (Math.fround(y) === x) return y;
  }
  return x;
}

/** Text of an unscaled decimal, e.g. (12345n, 2) → "123.45", (-5n, 2) → "-0.05". */
export function decimalToString(unscaled: bigint, scale: number): string {
  if (scale === 0) return unscaled.toString();
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return neg ? `-${text}` : text;
}

const MS_PER_DAY = 86_400_000;

/** ISO text of a Date32 value, e.g. 0 → "1970-01-01". */
export function dateToString(days: number): string {
  const iso = new Date(days * MS_PER_DAY).toISOString();
  const text = iso.slice(0, iso.indexOf('T'));
  // Years outside 0000–9999 come as '+054719' / '-000200': keep four digits at least, '+' past 9999.
  return text.length === 10 ? text : text.replace(/^([+-])0*(\d{4,})/, '$1$2');
}

/** Days since 1970-01-01 of an ISO `YYYY-MM-DD` date, or null when the text is not a valid date. */
export function parseDate(text: string): number | null {
  const m = /^\s*(-?\d{1,6})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / MS_PER_DAY);
}

const MICROS_PER_SECOND = 1_000_000n;
/** Microseconds in a day: the exclusive upper bound of a TIME value, except for `24:00:00` itself. */
export const MICROS_PER_DAY = 86_400n * MICROS_PER_SECOND;

/** Text of a TIME value (microseconds since midnight): `HH:MM:SS`, then `.ffffff` without trailing zeros. */
export function timeToString(micros: bigint): string {
  const seconds = micros / MICROS_PER_SECOND;
  const frac = micros % MICROS_PER_SECOND;
  const two = (x: bigint) => x.toString().padStart(2, '0');
  const text = `${two(seconds / 3600n)}:${two((seconds / 60n) % 60n)}:${two(seconds % 60n)}`;
  return frac === 0n ? text : `${text}.${frac.toString().padStart(6, '0').replace(/0+$/, '')}`;
}

/**
 * Microseconds since midnight of `HH:MM[:SS[.fraction]]` (fractions past microseconds round half up;
 * `24:00:00` is the end of the day, as in PostgreSQL), or null when the text is not a valid time.
 */
export function parseTime(text: string): bigint | null {
  const m = /^\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?\s*$/.exec(text);
  if (!m) return null;
  const [h, mi, sec] = [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3] ?? '0')];
  if (h > 24n || mi > 59n || sec > 59n) return null;
  const digits = m[4] ?? '';
  let frac = BigInt(digits.slice(0, 6).padEnd(6, '0'));
  if (digits.length > 6 && digits[6]! >= '5') frac += 1n;
  const micros = ((h * 60n + mi) * 60n + sec) * MICROS_PER_SECOND + frac;
  return micros > MICROS_PER_DAY ? null : micros;
}

export function intervalToString(v: IntervalValue): string {
  const parts: string[] = [];
  const years = Math.trunc(v.months / 12);
  const months = v.months % 12;
  if (years) parts.push(`${years} year${Math.abs(years) === 1 ? '' : 's'}`);
  if (months) parts.push(`${months} mon${Math.abs(months) === 1 ? '' : 's'}`);
  if (v.days) parts.push(`${v.days} day${Math.abs(v.days) === 1 ? '' : 's'}`);
  if (v.nanos !== 0n) {
    const neg = v.nanos < 0n;
    let ns = neg ? -v.nanos : v.nanos;
    const h = ns / 3_600_000_000_000n;
    ns %= 3_600_000_000_000n;
    const mi = ns / 60_000_000_000n;
    ns %= 60_000_000_000n;
    const s = ns / 1_000_000_000n;
    const frac = ns % 1_000_000_000n;
    const two = (x: bigint) => x.toString().padStart(2, '0');
    const fracText = frac === 0n ? '' : `.${frac.toString().padStart(9, '0').replace(/0+$/, '')}`;
    parts.push(`${neg ? '-' : ''}${two(h)}:${two(mi)}:${two(s)}${fracText}`);
  }
  return parts.length ? parts.join(' ') : '00:00:00';
}

/** Display text of a scalar as SQL shows it (NULL, true, 1.50, 1995-03-15, ...). */
export function scalarToString(s: ScalarValue): string {
  const v = s.value;
  if (v === null) return 'NULL';
  switch (s.type.kind) {
    case 'Decimal128': return decimalToString(v as bigint, s.type.scale);
    case 'Date32': return dateToString(v as number);
    case 'Time': return timeToString(v as bigint);
    case 'Interval': return intervalToString(v as IntervalValue);
    case 'List': return `[${listItems(s).map(scalarToString).join(', ')}]`;
    default: return String(v);
  }
}

/** A literal's SQL text, e.g. `'it''s'`, `DATE '1995-03-15'`, `1.50`. */
export function scalarToSql(s: ScalarValue): string {
  if (s.value === null) return 'NULL';
  switch (s.type.kind) {
    case 'Utf8': return `'${(s.value as string).replace(/'/g, "''")}'`;
    case 'Date32': return `DATE '${scalarToString(s)}'`;
    case 'Time': return `TIME '${scalarToString(s)}'`;
    case 'Interval': return `INTERVAL '${scalarToString(s)}'`;
    case 'Timestamp': return `CAST(${String(s.value)} AS ${typeToString(s.type)})`;
    case 'List': return `[${listItems(s).map(scalarToSql).join(', ')}]`;
    default: return scalarToString(s);
  }
}
