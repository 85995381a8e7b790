/**
 * Query results as sqllogictest text: reading values from an Arrow table, rendering them in either
 * dialect (SQLite: by the record's type letter, `%.3f` reals; DataFusion: by the value's own type,
 * floats rounded to 12 decimals), sort modes, `N values hashing to <md5>`, and comparison with the
 * expected lines.
 */
import { createHash } from 'node:crypto';
import type * as arrow from 'apache-arrow';
import { fromArrowType, type TypeKind } from '@quiver/common';
import { columnText } from '../format/values.js';
import type { SltDialect, SortMode } from './records.js';

/** The result rendered for `dialect`, row by row (`types`: the record's type letters, used by SQLite's dialect). */
export function renderTable(table: arrow.Table, dialect: SltDialect, types: string): string[][] {
  const columns = table.schema.fields.map((f, c) => {
    const type = fromArrowType(f.type);
    const letter = types[c] ?? 'T';
    const out: string[] = [];
    for (const data of table.getChildAt(c)!.data) {
      const texts = type.kind === 'Interval' ? intervalTexts(data) : columnText(data, type);
      for (const text of texts) out.push(dialect === 'sqlite' ? renderSqlite(type.kind, text, letter) : renderDataFusion(type.kind, text));
    }
    return out;
  });
  const rows: string[][] = [];
  for (let r = 0; r < table.numRows; r++) rows.push(columns.map((col) => col[r]!));
  return rows;
}

/** Arrow's display of month-day-nanosecond intervals: `1 mons -1 days 2 hours 5.000000000 secs`, `0 secs` when zero. */
export function intervalText(months: number, days: number, nanos: bigint): string {
  const parts: string[] = [];
  if (months !== 0) parts.push(`${months} mons`);
  if (days !== 0) parts.push(`${days} days`);
  if (nanos !== 0n) {
    const totalSecs = nanos / 1_000_000_000n;
    const hours = totalSecs / 3600n;
    const mins = (totalSecs / 60n) % 60n;
    const secs = totalSecs % 60n;
    const frac = nanos % 1_000_000_000n;
    if (hours !== 0n) parts.push(`${hours} hours`);
    if (mins !== 0n) parts.push(`${mins} mins`);
    if (secs !== 0n || frac !== 0n) {
      const sign = secs < 0n || frac < 0n ? '-' : '';
      const abs = (v: bigint) => (v < 0n ? -v : v);
      parts.push(`${sign}${abs(secs)}.${abs(frac).toString().padStart(9, '0')} secs`);
    }
  }
  return parts.length === 0 ? '0 secs' : parts.join(' ');
}

function intervalTexts(data: arrow.Data): Array<string | null> {
  const words = data.values as Int32Array;
  const bitmap = data.nullCount > 0 ? data.nullBitmap : null;
  const out: Array<string | null> = [];
  for (let i = 0; i < data.length; i++) {
    const bit = data.offset + i;
    if (bitmap && !((bitmap[bit >> 3]! >> (bit & 7)) & 1)) {
      out.push(null);
      continue;
    }
    const b = i * 4;
    const nanos = BigInt.asIntN(64, (BigInt(words[b + 3]! >>> 0) << 32n) | BigInt(words[b + 2]! >>> 0));
    out.push(intervalText(words[b]!, words[b + 1]!, nanos));
  }
  return out;
}

const INTEGER_KINDS = new Set<TypeKind>(['Int8', 'Int16', 'Int32', 'Int64']);

/** SQLite's reading of text as a number: its longest numeric prefix, else 0. */
function numericPrefix(text: string): number {
  const m = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text);
  return m ? Number(m[0]) : 0;
}

function numberOf(kind: TypeKind, text: string): number {
  if (kind === 'Boolean') return text === 'true' ? 1 : 0;
  return kind === 'Utf8' ? numericPrefix(text) : Number(text);
}

/** C's `%.3f`: round half to even on the exact binary value (JS `toFixed` rounds exact ties away from zero). */
function fixed3(v: number): string {
  const text = v.toFixed(3);
  const scaled = v * 1000;
  if (Math.abs(scaled) < 2 ** 52 && scaled - Math.trunc(scaled) !== 0 && Math.abs(scaled - Math.trunc(scaled)) === 0.5 && scaled / 1000 === v) {
    const even = Math.trunc(scaled) % 2 === 0 ? Math.trunc(scaled) : Math.trunc(scaled) + Math.sign(scaled);
    return (even / 1000).toFixed(3);
  }
  return text;
}

/** A SQLite-dialect value (`text` as `columnText` gives it, null for NULL): the column's type letter decides the rendering. */
export function renderSqlite(kind: TypeKind, text: string | null, letter: string): string {
  if (text === null) return 'NULL';
  if (letter === 'I') {
    if (INTEGER_KINDS.has(kind)) return text;
    if (kind === 'Decimal128') return text.replace(/\..*$/, '').replace(/^-0$/, '0');
    return String(Math.trunc(numberOf(kind, text)) || 0);
  }
  if (letter === 'R') return fixed3(numberOf(kind, text));
  return printable(kind === 'Float32' || kind === 'Float64' ? sqliteRealText(Number(text)) : text);
}

/** SQLite's text of a REAL: integral values keep a `.0`. */
function sqliteRealText(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e15 ? v.toFixed(1) : String(v);
}

function printable(text: string): string {
  if (text === '') return '(empty)';
  return /[^\x20-\x7e]/.test(text) ? text.replace(/[^\x20-\x7e]/g, '@') : text;
}

/** Round decimal text to 12 fractional digits and drop trailing zeros (`0.110` → `0.11`, `42.0` → `42`). */
function decimal12(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  const [, sign, int, frac = ''] = m;
  let digits = int! + frac.padEnd(12, '0').slice(0, 12);
  if (frac.length > 12 && frac[12]! >= '5') digits = (BigInt(digits) + 1n).toString().padStart(digits.length, '0');
  const whole = digits.slice(0, digits.length - 12).replace(/^0+(?=\d)/, '') || '0';
  const fraction = digits.slice(digits.length - 12).replace(/0+$/, '');
  const out = fraction ? `${whole}.${fraction}` : whole;
  return out === '0' ? out : sign + out;
}

function floatText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return decimal12(plainDecimal(String(v)));
}

/** Shortest round-trip text of a double without exponent (`1e-7` → `0.0000001`). */
function plainDecimal(text: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, lead, rest = '', exp] = m;
  const digits = lead! + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A DataFusion-dialect value: rendered by its own type. */
export function renderDataFusion(kind: TypeKind, text: string | null): string {
  if (text === null) return 'NULL';
  switch (kind) {
    case 'Float32':
    case 'Float64':
      return floatText(Number(text));
    case 'Decimal128':
      return decimal12(text);
    case 'Timestamp':
      return text.replace(' ', 'T');
    default:
      return text === '' ? '(empty)' : text;
  }
}

/** The values of `rows`, row after row (a plain loop: `Array.prototype.flat` is slow on large results). */
function flatten(rows: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const row of rows) for (const v of row) out.push(v);
  return out;
}

const HASH_LINE = /^(\d+) values hashing to ([0-9a-f]{32})$/;

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRows(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const c = compareStrings(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export interface Comparison {
  readonly ok: boolean;
  /** The actual result in the form the expectation takes (hashed when it is). */
  readonly actual: readonly string[];
}

/** Compare rendered rows (see `renderTable`) with a query record's expected lines. */
export function compareResult(
  rows: readonly (readonly string[])[],
  record: { readonly types: string; readonly sortMode: SortMode; readonly expected: readonly string[] },
  dialect: SltDialect,
  hashThreshold: number,
): Comparison {
  return dialect === 'sqlite' ? compareSqlite(rows, record, hashThreshold) : compareDataFusion(rows, record);
}

function compareSqlite(
  rows: readonly (readonly string[])[],
  record: { readonly sortMode: SortMode; readonly expected: readonly string[] },
  hashThreshold: number,
): Comparison {
  // Rendered SQLite values are printable, so rows joined by NUL sort as their values do, left to
  // right; the default (native) string sort is much faster than a comparator.
  const rendered = record.sortMode === 'rowsort' ? rows.map((r) => r.join('\0')).sort().map((k) => k.split('\0')) : rows;
  let values = flatten(rendered);
  if (record.sortMode === 'valuesort') values = values.sort();
  const expected = record.expected;
  const hashed = expected.length === 1 ? HASH_LINE.exec(expected[0]!) : null;
  if (hashed || (expected.length === 0 && hashThreshold > 0 && values.length > hashThreshold)) {
    const hash = hashLine(values);
    return { ok: hash === expected[0], actual: [hash] };
  }
  const actual = values;
  if (expected.length === values.length) return { ok: expected.every((e, i) => e === values[i]), actual };
  // Some files write multi-column results one row per line.
  const lines = rendered.map((r) => r.join(' '));
  return { ok: expected.length === lines.length && expected.every((e, i) => e.trim() === lines[i]), actual };
}

function compareDataFusion(
  rows: readonly (readonly string[])[],
  record: { readonly sortMode: SortMode; readonly expected: readonly string[] },
): Comparison {
  let rendered = rows;
  if (record.sortMode === 'rowsort') rendered = [...rendered].sort(compareRows);
  if (record.sortMode === 'valuesort') rendered = flatten(rendered).sort(compareStrings).map((v) => [v]);
  const lines = rendered.map((r) => r.join(' ').trimEnd());
  const expected = record.sortMode === 'valuesort' ? record.expected.flatMap((l) => l.trim().split(/\s+/)).sort(compareStrings) : record.expected.map((l) => l.trimEnd());
  const hashed = expected.length === 1 ? HASH_LINE.exec(expected[0]!) : null;
  if (hashed) {
    const hash = hashLine(flatten(rendered));
    return { ok: hash === expected[0], actual: [hash] };
  }
  return { ok: expected.length === lines.length && expected.every((e, i) => lineMatches(e, lines[i]!)), actual: lines };
}

function lineMatches(expected: string, actual: string): boolean {
  if (!expected.includes('<slt:ignore>')) return expected === actual;
  const pattern = expected.split('<slt:ignore>').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(actual);
}

/** `N values hashing to <md5>`: md5 over each value followed by a newline. */
export function hashLine(values: readonly string[]): string {
  const text = values.length === 0 ? '' : `${values.join('\n')}\n`;
  return `${values.length} values hashing to ${createHash('md5').update(text).digest('hex')}`;
}
