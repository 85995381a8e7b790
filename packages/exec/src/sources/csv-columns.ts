/**
 * Building typed Arrow columns straight from CSV field bytes: integers, decimals (exact, rounded half
 * away from zero to the scale), dates, timestamps, times and booleans are parsed from the bytes; strings
 * are copied (doubled quotes undone). An empty unquoted field is NULL. Floats are the one type parsed
 * through a short string per value (correct rounding needs the platform's parser).
 */
import * as arrow from 'apache-arrow';
import { QuiverError, toArrowType, typeToString, type DataType, type Field } from '@quiver/common';
import { makeColumn } from '../selection/make-column.js';
import { ESCAPED, QUOTED, type CsvChunk } from './csv-tokenizer.js';

const decoder = new TextDecoder();

export interface CsvColumnSource {
  readonly bytes: Uint8Array;
  readonly chunk: CsvChunk;
  /** Name of the file, for errors. */
  readonly source: string;
}

/** Column `col` (described by `field`) of every record in the chunk. */
export function parseCsvColumn(src: CsvColumnSource, col: number, field: Field): arrow.Data {
  const { chunk, bytes } = src;
  const n = chunk.rows;
  const type = field.type;
  const validity = new Uint8Array((n + 7) >> 3);
  const fail = (r: number): never => {
    const f = chunk.rowStart[r]! + col;
    const text = decoder.decode(bytes.subarray(chunk.starts[f]!, chunk.ends[f]!));
    throw new QuiverError('IO', `${src.source}: line ${chunk.lines[r]}, column '${field.name}': cannot read '${text}' as ${typeToString(type)}`);
  };
  /** Field index of row r, or -1 when the value is NULL (validity is set otherwise). */
  const fieldOf = (r: number): number => {
    const f = chunk.rowStart[r]! + col;
    if (chunk.starts[f] === chunk.ends[f] && (type.kind !== 'Utf8' || !(chunk.flags[f]! & QUOTED))) return -1;
    validity[r >> 3]! |= 1 << (r & 7);
    return f;
  };
  const arrowType = toArrowType(type);
  switch (type.kind) {
    case 'Utf8': {
      const offsets = new Int32Array(n + 1);
      let total = 0;
      for (let r = 0; r < n; r++) {
        const f = chunk.rowStart[r]! + col;
        total += chunk.ends[f]! - chunk.starts[f]!;
      }
      const out = new Uint8Array(total);
      let pos = 0;
      for (let r = 0; r < n; r++) {
        const f = fieldOf(r);
        if (f >= 0) {
          const e = chunk.ends[f]!;
          let s = chunk.starts[f]!;
          if (chunk.flags[f]! & ESCAPED) {
            while (s < e) {
              const c = bytes[s++]!;
              out[pos++] = c;
              if (c === 34) s++; // the second quote of a doubled pair
            }
          } else {
            while (s < e) out[pos++] = bytes[s++]!;
          }
        }
        offsets[r + 1] = pos;
      }
      return makeColumn(arrowType, n, { validity, values: out.subarray(0, pos), offsets });
    }
    case 'Boolean': {
      const out = new Uint8Array((n + 7) >> 3);
      for (let r = 0; r < n; r++) {
        const f = fieldOf(r);
        if (f < 0) continue;
        const v = parseBool(bytes, chunk.starts[f]!, chunk.ends[f]!);
        if (v < 0) fail(r);
        if (v === 1) out[r >> 3]! |= 1 << (r & 7);
      }
      return makeColumn(arrowType, n, { validity, values: out });
    }
    case 'Int8':
    case 'Int16':
    case 'Int32': {
      const limit = type.kind === 'Int8' ? 127 : type.kind === 'Int16' ? 32767 : 2147483647;
      const out = new (arrowType as arrow.Int8 | arrow.Int16 | arrow.Int32).ArrayType(n);
      for (let r = 0; r < n; r++) {
        const f = fieldOf(r);
        if (f < 0) continue;
        const v = parseSmallInt(bytes, chunk.starts[f]!, chunk.ends[f]!);
        if (v !== v || v > limit || v < -limit - 1) fail(r);
        out[r] = v;
      }
      return makeColumn(arrowType, n, { validity, values: out });
    }
    case 'Time': {
      const out = new BigInt64Array(n);
      const words = new Int32Array(out.buffer);
      for (let r = 0; r < n; r++) {
        const f = fieldOf(r);
        if (f < 0) continue;
        const [s, e] = trim(bytes, chunk.starts[f]!, chunk.ends[f]!);
        const micros = parseTimeOfDayMicros(bytes, s, e);
        if (micros !== micros) fail(r);
        words[2 * r] = micros % 4294967296 | 0;
        words[2 * r + 1] = Math.floor(micros / 4294967296);
      }
      return makeColumn(arrowType, n, { validity, values: out });
    }
    case 'Int64':
    case 'Timestamp': {
      const out = new BigInt64Array(n);
      const words = new Int32Array(out.buffer);
      for (let r = 0; r < n; r++) {
        const f = fieldOf(r);
        if (f < 0) continue;
        const s = chunk.starts[f]!;
        const e = chunk.ends[f]!;
        if (type.kind === 'Timestamp') {
          const micros = parseTimestampMicros(bytes, s, e);
          if (micros !== micros) fail(r);
          const v = type.unit === 'second' ? micros / 1e6 : type.unit === 'millisecond' ? micros / 1e3 : type.unit === 'nanosecond' ? micros * 1e3 : micros;
          if (!Number.isInteger(v)) fail(r);
          out[r] = BigInt(v);
          continue;
        }
        const v = parseSmallInt(bytes, s, e);
        if (v === v) {
          words[2 * r] = v % 4294967296 | 0;
          words[2 * r + 1] = Math.floor(v / 4294967296) | 0;
        } else {
          const big = parseBigInt(bytes, s, e);
          if (big === null || big !== BigInt.asIntN(64, big)) fail(r);
          out[r] = big!;
        }
      }
      return makeColumn(arrowType, n, { validity, values: out });
    }
    case 'Float32':
    case 'Float64': {
      const out = type.kind === 'Float32' ? new Float32Array(n) : new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const f = fieldOf(r);
        if (f < 0) continue;
        const v = parseFloatField(bytes, chunk.starts[f]!, chunk.ends[f]!);
        if (v === undefined) fail(r);
        out[r] = v!;
      }
      return makeColumn(arrowType, n, { validity, values: out });
    }
    case 'Decimal128': {
      const out = new Int32Array(n * 4);
      for (let r = 0; r < n; r++) {
        const f = fieldOf(r);
        if (f < 0) continue;
        if (!parseDecimalInto(bytes, chunk.starts[f]!, chunk.ends[f]!, type.precision, type.scale, out, r)) fail(r);
      }
      return makeColumn(arrowType, n, { validity, values: new Uint32Array(out.buffer) });
    }
    case 'Date32': {
      const out = new Int32Array(n);
      for (let r = 0; r < n; r++) {
        const f = fieldOf(r);
        if (f < 0) continue;
        const d = parseDateDays(bytes, chunk.starts[f]!, chunk.ends[f]!);
        if (d !== d) fail(r);
        out[r] = d;
      }
      return makeColumn(arrowType, n, { validity, values: out });
    }
    case 'Null':
      return makeColumn(arrowType, n, { validity: null });
    case 'Interval':
    case 'List':
      throw new QuiverError('NOT_IMPLEMENTED', `${src.source}: column '${field.name}': reading ${typeToString(type)} from CSV is not supported`);
  }
}

const FLOAT_PATTERN = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/;
const SPECIAL_FLOATS = new Map([
  ['nan', NaN], ['inf', Infinity], ['+inf', Infinity], ['infinity', Infinity], ['+infinity', Infinity], ['-inf', -Infinity], ['-infinity', -Infinity],
]);

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A floating-point field (decimal or exponent notation, inf, nan); undefined when malformed. Values
 * with at most 15 significant digits and a small exponent are computed from the bytes with a single
 * correctly rounded operation (Clinger's fast path); others go through the platform's parser.
 */
export function parseFloatField(bytes: Uint8Array, s: number, e: number): number | undefined {
  const fast = fastFloat(bytes, s, e);
  if (fast === fast) return fast;
  if (e - s > 64) return undefined;
  const text = decoder.decode(bytes.subarray(s, e)).trim();
  if (FLOAT_PATTERN.test(text)) return Number(text);
  return SPECIAL_FLOATS.get(text.toLowerCase());
}

/** The value of a plain decimal number with ≤ 15 digits and a power of ten within 10^±22, else NaN. */
function fastFloat(bytes: Uint8Array, s: number, e: number): number {
  [s, e] = trim(bytes, s, e);
  let neg = false;
  if (s < e && (bytes[s] === 45 || bytes[s] === 43)) neg = bytes[s++] === 45;
  let m = 0;
  let digits = 0;
  let frac = 0;
  let dot = false;
  for (; s < e; s++) {
    const c = bytes[s]!;
    if (c === 46 && !dot) {
      dot = true;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) break;
    if (++digits > 15) return NaN;
    m = m * 10 + d;
    if (dot) frac++;
  }
  if (digits === 0) return NaN;
  let exp = 0;
  if (s < e) {
    if ((bytes[s]! | 0x20) !== 0x65) return NaN; // e or E
    s++;
    let expNeg = false;
    if (s < e && (bytes[s] === 45 || bytes[s] === 43)) expNeg = bytes[s++] === 45;
    if (s === e || e - s > 3) return NaN;
    for (; s < e; s++) {
      const d = bytes[s]! - 48;
      if (d < 0 || d > 9) return NaN;
      exp = exp * 10 + d;
    }
    if (expNeg) exp = -exp;
  }
  exp -= frac;
  let v: number;
  if (exp === 0) v = m;
  else if (exp < 0 && exp >= -22) v = m / POW10[-exp]!;
  else if (exp > 0 && exp <= 22) v = m * POW10[exp]!;
  else return NaN;
  return neg ? -v : v;
}

function trim(bytes: Uint8Array, s: number, e: number): [number, number] {
  while (s < e && (bytes[s] === 32 || bytes[s] === 9)) s++;
  while (e > s && (bytes[e - 1] === 32 || bytes[e - 1] === 9)) e--;
  return [s, e];
}

/** An integer of at most 15 digits as a number; NaN when not an integer or longer. */
export function parseSmallInt(bytes: Uint8Array, s: number, e: number): number {
  [s, e] = trim(bytes, s, e);
  let neg = false;
  if (s < e && (bytes[s] === 45 || bytes[s] === 43)) neg = bytes[s++] === 45;
  if (s === e || e - s > 15) return NaN;
  let v = 0;
  for (; s < e; s++) {
    const d = bytes[s]! - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

function parseBigInt(bytes: Uint8Array, s: number, e: number): bigint | null {
  const text = decoder.decode(bytes.subarray(s, e)).trim();
  return /^[+-]?\d+$/.test(text) ? BigInt(text) : null;
}

/** 1 for true, 0 for false, -1 when not a boolean (true/false/t/f/yes/no/y/n/1/0, any case). */
export function parseBool(bytes: Uint8Array, s: number, e: number): number {
  [s, e] = trim(bytes, s, e);
  const len = e - s;
  const c = bytes[s]! | 0x20;
  const matches = (word: string): boolean => {
    if (len !== word.length) return false;
    for (let i = 0; i < len; i++) if ((bytes[s + i]! | 0x20) !== word.charCodeAt(i)) return false;
    return true;
  };
  if (len === 1) {
    if (c === 0x74 || c === 0x79 || bytes[s] === 49) return 1; // t y 1
    if (c === 0x66 || c === 0x6e || bytes[s] === 48) return 0; // f n 0
    return -1;
  }
  if (matches('true') || matches('yes')) return 1;
  if (matches('false') || matches('no')) return 0;
  return -1;
}

/** Days since 1970-01-01 of `YYYY-MM-DD`; NaN when not a valid date. */
export function parseDateDays(bytes: Uint8Array, s: number, e: number): number {
  [s, e] = trim(bytes, s, e);
  const parts = [0, 0, 0];
  let p = 0;
  let digits = 0;
  for (; s < e; s++) {
    const c = bytes[s]!;
    if (c === 45 && digits > 0 && p < 2) {
      p++;
      digits = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9 || ++digits > (p === 0 ? 6 : 2)) return NaN;
    parts[p] = parts[p]! * 10 + d;
  }
  if (p !== 2 || digits === 0) return NaN;
  return civilDays(parts[0]!, parts[1]!, parts[2]!);
}

function civilDays(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1) return NaN;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  if (d > dim) return NaN;
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Microseconds since the epoch of `YYYY-MM-DD[ T]HH:MM:SS[.ffffff]` (or a bare date); NaN when invalid. */
export function parseTimestampMicros(bytes: Uint8Array, s: number, e: number): number {
  [s, e] = trim(bytes, s, e);
  let sep = s;
  while (sep < e && bytes[sep] !== 32 && bytes[sep] !== 84) sep++;
  const days = parseDateDays(bytes, s, sep);
  if (days !== days) return NaN;
  if (sep === e) return days * 86_400e6;
  const time = parseTimeOfDayMicros(bytes, sep + 1, e);
  return time !== time ? NaN : days * 86_400e6 + time;
}

/** Microseconds since midnight of `HH:MM[:SS[.ffffff]]` (already trimmed); NaN when invalid. */
export function parseTimeOfDayMicros(bytes: Uint8Array, s: number, e: number): number {
  const t = [0, 0, 0];
  let p = 0;
  let digits = 0;
  let i = s;
  for (; i < e && bytes[i] !== 46; i++) {
    const c = bytes[i]!;
    if (c === 58 && digits > 0 && p < 2) {
      p++;
      digits = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9 || ++digits > 2) return NaN;
    t[p] = t[p]! * 10 + d;
  }
  if (p < 1 || t[0]! > 23 || t[1]! > 59 || t[2]! > 60) return NaN;
  let micros = 0;
  if (i < e) {
    let scale = 100000;
    for (i++; i < e; i++) {
      const d = bytes[i]! - 48;
      if (d < 0 || d > 9) return NaN;
      micros += d * scale;
      scale /= 10;
    }
    micros = Math.round(micros);
  }
  return ((t[0]! * 60 + t[1]!) * 60 + t[2]!) * 1e6 + micros;
}

/**
 * Parses a decimal literal into the 128-bit unscaled value at `out[4*row..]`, rounding half away
 * from zero to `scale` digits; false when malformed or wider than `precision`.
 */
export function parseDecimalInto(bytes: Uint8Array, s: number, e: number, precision: number, scale: number, out: Int32Array, row: number): boolean {
  [s, e] = trim(bytes, s, e);
  let neg = false;
  if (s < e && (bytes[s] === 45 || bytes[s] === 43)) neg = bytes[s++] === 45;
  let intDigits = 0;
  let fracDigits = 0;
  let seenDot = false;
  let any = false;
  let roundUp = false;
  // Accumulate the scaled value in a number while exact, else in a BigInt.
  let small = 0;
  let big: bigint | null = null;
  const push = (d: number) => {
    if (big === null && small < 2 ** 48) small = small * 10 + d;
    else {
      big = (big ?? BigInt(small)) * 10n + BigInt(d);
    }
  };
  for (; s < e; s++) {
    const c = bytes[s]!;
    if (c === 46 && !seenDot) {
      seenDot = true;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return false;
    any = true;
    if (!seenDot) {
      if (intDigits > 0 || d !== 0) intDigits++;
      push(d);
    } else if (fracDigits < scale) {
      fracDigits++;
      push(d);
    } else if (fracDigits === scale) {
      fracDigits++;
      roundUp = d >= 5;
    }
  }
  if (!any || intDigits > precision - scale) return false;
  for (let k = Math.min(fracDigits, scale); k < scale; k++) push(0);
  let v: bigint | number = big ?? small;
  if (roundUp) v = typeof v === 'bigint' ? v + 1n : v + 1;
  if (neg) v = typeof v === 'bigint' ? -v : -v;
  if (typeof v === 'number') {
    out[4 * row] = v % 4294967296 | 0;
    const hi = Math.floor(v / 4294967296);
    out[4 * row + 1] = hi | 0;
    out[4 * row + 2] = out[4 * row + 3] = hi < 0 ? -1 : 0;
  } else {
    let x = BigInt.asUintN(128, v);
    for (let k = 0; k < 4; k++) {
      out[4 * row + k] = Number(x & 0xffffffffn) | 0;
      x >>= 32n;
    }
  }
  return true;
}
