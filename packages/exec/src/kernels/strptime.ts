/**
 * Parsing date/time text with chrono-style `strftime` formats, as DataFusion's to_date/to_timestamp
 * take them: %Y %m %d %e %H %M %S %y %b/%h %B %a %A %j, fractions (%f %.f %.3f %.6f %.9f), zone
 * offsets (%z %:z %#z, and Z), %s (seconds since the epoch), and the composites %+ (RFC 3339), %c,
 * %F, %T, %D, %R. A space in the format matches any run of white space. The result is an instant in
 * nanoseconds since the epoch (UTC, the parsed offset applied), or a reason why the text does not fit.
 */
import { daysFromCivil, daysInMonth } from './calendar.js';

const COMPOSITES: Record<string, string> = {
  '+': '%Y-%m-%dT%H:%M:%S%.f%:z',
  c: '%a %b %e %H:%M:%S %Y',
  F: '%Y-%m-%d',
  T: '%H:%M:%S',
  D: '%m/%d/%y',
  R: '%H:%M',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The parsed instant in nanoseconds since the epoch, or why the text does not match the format. */
export type StrptimeResult = { readonly ok: true; readonly nanos: bigint } | { readonly ok: false; readonly reason: string };

/** Fields read so far. */
interface Fields {
  year: number | null;
  month: number;
  day: number;
  dayOfYear: number | null;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  offsetSeconds: number;
  epochSeconds: bigint | null;
}

const fail = (reason: string): StrptimeResult => ({ ok: false, reason });

/** Expand composite specifiers once, so the main loop sees only simple ones. */
function expand(format: string): string {
  return format.replace(/%([+cFTDR])/g, (_, c: string) => COMPOSITES[c]!);
}

/** Parse `text` with `format`. */
export function strptime(text: string, format: string): StrptimeResult {
  const f: Fields = { year: null, month: 1, day: 1, dayOfYear: null, hour: 0, minute: 0, second: 0, nanos: 0, offsetSeconds: 0, epochSeconds: null };
  const fmt = expand(format);
  let pos = 0;
  const digits = (min: number, max: number, signed = false): number | null => {
    let p = pos;
    let sign = 1;
    if (signed && (text[p] === '+' || text[p] === '-')) {
      sign = text[p] === '-' ? -1 : 1;
      p++;
    }
    const start = p;
    while (p < text.length && p - start < max && text.charCodeAt(p) >= 48 && text.charCodeAt(p) <= 57) p++;
    if (p - start < min) return null;
    const v = Number(text.slice(start, p));
    pos = p;
    return sign * v;
  };
  const word = (short: readonly string[], long: readonly string[]): number | null => {
    const rest = text.slice(pos).toLowerCase();
    for (let k = 0; k < long.length; k++) {
      if (rest.startsWith(long[k]!)) { pos += long[k]!.length; return k; }
    }
    for (let k = 0; k < short.length; k++) {
      if (rest.startsWith(short[k]!)) { pos += short[k]!.length; return k; }
    }
    return null;
  };
  const offset = (colon: 'no' | 'yes' | 'optional'): boolean => {
    if (text[pos] === 'Z' || text[pos] === 'z') { pos++; f.offsetSeconds = 0; return true; }
    const sign = text[pos] === '-' ? -1 : text[pos] === '+' ? 1 : 0;
    if (sign === 0) return false;
    pos++;
    const h = digits(2, 2);
    if (h === null) return false;
    let m = 0;
    if (text[pos] === ':' && colon !== 'no') {
      pos++;
      const mm = digits(2, 2);
      if (mm === null) return false;
      m = mm;
    } else if (colon !== 'yes') {
      const mm = digits(2, 2);
      if (mm === null && colon === 'no') return false;
      m = mm ?? 0;
    } else return false;
    f.offsetSeconds = sign * (h * 3600 + m * 60);
    return true;
  };
  for (let k = 0; k < fmt.length; k++) {
    const c = fmt[k]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      while (pos < text.length && /\s/.test(text[pos]!)) pos++;
      continue;
    }
    if (c !== '%') {
      if (text[pos] !== c) return fail(pos >= text.length ? 'premature end of input' : 'input contains invalid characters');
      pos++;
      continue;
    }
    let spec = fmt[++k];
    let v: number | null;
    switch (spec) {
      case 'Y': v = digits(1, 9, true); if (v === null) return fail('input contains invalid characters'); f.year = v; break;
      case 'y': v = digits(2, 2); if (v === null) return fail('input contains invalid characters'); f.year = v < 70 ? 2000 + v : 1900 + v; break;
      case 'm': v = digits(1, 2); if (v === null || v < 1 || v > 12) return fail('input is out of range'); f.month = v; break;
      case 'd': case 'e':
        if (spec === 'e' && text[pos] === ' ') pos++;
        v = digits(1, 2); if (v === null || v < 1 || v > 31) return fail('input is out of range'); f.day = v; break;
      case 'j': v = digits(1, 3); if (v === null || v < 1 || v > 366) return fail('input is out of range'); f.dayOfYear = v; break;
      case 'H': v = digits(1, 2); if (v === null || v > 23) return fail('input is out of range'); f.hour = v; break;
      case 'M': v = digits(1, 2); if (v === null || v > 59) return fail('input is out of range'); f.minute = v; break;
      case 'S': v = digits(1, 2); if (v === null || v > 60) return fail('input is out of range'); f.second = Math.min(v, 59); break;
      case 'b': case 'h': v = word(MONTHS, []); if (v === null) return fail('input contains invalid characters'); f.month = v + 1; break;
      case 'B': v = word(MONTHS, MONTH_NAMES); if (v === null) return fail('input contains invalid characters'); f.month = v + 1; break;
      case 'a': case 'A': if (word(WEEKDAYS, WEEKDAY_NAMES) === null) return fail('input contains invalid characters'); break;
      case 's': {
        const start = pos;
        if (digits(1, 20, true) === null) return fail('input contains invalid characters');
        f.epochSeconds = BigInt(text.slice(start, pos));
        break;
      }
      case 'f': {
        const start = pos;
        if (digits(1, 9) === null) return fail('input contains invalid characters');
        f.nanos = Number(text.slice(start, pos).padEnd(9, '0'));
        break;
      }
      case '.': {
        let width = 0;
        if (fmt[k + 1] === '3' || fmt[k + 1] === '6' || fmt[k + 1] === '9') width = Number(fmt[++k]);
        if (fmt[++k] !== 'f') return fail('invalid format');
        if (text[pos] !== '.') { if (width === 0) break; return fail('input contains invalid characters'); }
        pos++;
        const start = pos;
        if (digits(width || 1, width || 9) === null) return fail('input contains invalid characters');
        f.nanos = Number(text.slice(start, pos).padEnd(9, '0'));
        break;
      }
      case 'z': if (!offset('no')) return fail('input contains invalid characters'); break;
      case ':': if (fmt[++k] !== 'z' || !offset('yes')) return fail('input contains invalid characters'); break;
      case '#': if (fmt[++k] !== 'z' || !offset('optional')) return fail('input contains invalid characters'); break;
      case '%': if (text[pos] !== '%') return fail('input contains invalid characters'); pos++; break;
      default:
        spec ??= '';
        return fail(`invalid format specifier %${spec}`);
    }
  }
  if (pos < text.length) return fail('trailing input');
  if (f.epochSeconds === null && f.dayOfYear === null && f.month > 0 && f.day > daysInMonth(f.year ?? 1970, f.month)) return fail('input is out of range');
  return { ok: true, nanos: instant(f) };
}

/** The instant the fields name. */
function instant(f: Fields): bigint {
  if (f.epochSeconds !== null) return f.epochSeconds * 1_000_000_000n + BigInt(f.nanos);
  const year = f.year ?? 1970;
  const days = f.dayOfYear !== null ? daysFromCivil(year, 1, 1) + f.dayOfYear - 1 : daysFromCivil(year, f.month, f.day);
  const seconds = BigInt(days) * 86400n + BigInt(f.hour * 3600 + f.minute * 60 + f.second - f.offsetSeconds);
  return seconds * 1_000_000_000n + BigInt(f.nanos);
}
