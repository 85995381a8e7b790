/**
 * Column type inference for CSV files without a declared schema, from a sample of records: the
 * first of BIGINT, BOOLEAN (true/false only), DOUBLE, DATE, TIMESTAMP, TIME that reads every non-empty
 * sampled value, else VARCHAR.
 */
import { DataTypes, type DataType } from '@quiver/common';
import { parseBool, parseDateDays, parseFloatField, parseSmallInt, parseTimeOfDayMicros, parseTimestampMicros } from './csv-columns.js';
import type { CsvChunk } from './csv-tokenizer.js';

const BOOL = 1;
const INT = 2;
const FLOAT = 4;
const DATE = 8;
const TIMESTAMP = 16;
const TIME = 32;

export function inferCsvTypes(bytes: Uint8Array, chunk: CsvChunk, columns: number): DataType[] {
  const candidates = new Array<number>(columns).fill(BOOL | INT | FLOAT | DATE | TIMESTAMP | TIME);
  const seen = new Array<boolean>(columns).fill(false);
  for (let r = 0; r < chunk.rows; r++) {
    const first = chunk.rowStart[r]!;
    const count = Math.min(columns, chunk.rowStart[r + 1]! - first);
    for (let c = 0; c < count; c++) {
      const f = first + c;
      const s = chunk.starts[f]!;
      const e = chunk.ends[f]!;
      if (s === e) continue;
      seen[c] = true;
      let m = candidates[c]!;
      if (m & BOOL && !isTrueOrFalse(bytes, s, e)) m &= ~BOOL;
      if (m & INT && !isInteger(bytes, s, e)) m &= ~INT;
      if (m & FLOAT && parseFloatField(bytes, s, e) === undefined) m &= ~FLOAT;
      if (m & DATE && parseDateDays(bytes, s, e) !== parseDateDays(bytes, s, e)) m &= ~DATE;
      if (m & TIMESTAMP && parseTimestampMicros(bytes, s, e) !== parseTimestampMicros(bytes, s, e)) m &= ~TIMESTAMP;
      if (m & TIME && !isTime(bytes, s, e)) m &= ~TIME;
      candidates[c] = m;
    }
  }
  return candidates.map((m, c) => {
    if (!seen[c]) return DataTypes.utf8;
    // 0/1 columns read as integers rather than booleans.
    if (m & INT) return DataTypes.int64;
    if (m & BOOL) return DataTypes.boolean;
    if (m & FLOAT) return DataTypes.float64;
    if (m & DATE) return DataTypes.date32;
    if (m & TIMESTAMP) return DataTypes.timestamp('microsecond');
    if (m & TIME) return DataTypes.time;
    return DataTypes.utf8;
  });
}

/** Only the words true/false (any case) make a column BOOLEAN; t/f, y/n, 0/1 are too ambiguous to infer from. */
function isTrueOrFalse(bytes: Uint8Array, s: number, e: number): boolean {
  while (s < e && bytes[s] === 32) s++;
  while (e > s && bytes[e - 1] === 32) e--;
  return (e - s === 4 || e - s === 5) && parseBool(bytes, s, e) >= 0;
}

function isTime(bytes: Uint8Array, s: number, e: number): boolean {
  while (s < e && bytes[s] === 32) s++;
  while (e > s && bytes[e - 1] === 32) e--;
  const micros = parseTimeOfDayMicros(bytes, s, e);
  return micros === micros;
}

function isInteger(bytes: Uint8Array, s: number, e: number): boolean {
  if (parseSmallInt(bytes, s, e) === parseSmallInt(bytes, s, e)) return true;
  // Longer integers (up to BIGINT's 19 digits).
  while (s < e && bytes[s] === 32) s++;
  while (e > s && bytes[e - 1] === 32) e--;
  if (bytes[s] === 45 || bytes[s] === 43) s++;
  if (e - s === 0 || e - s > 19) return false;
  for (let i = s; i < e; i++) if (bytes[i]! < 48 || bytes[i]! > 57) return false;
  return e - s < 19 || compareDigits(bytes, s, '9223372036854775807') <= 0;
}

function compareDigits(bytes: Uint8Array, s: number, limit: string): number {
  for (let i = 0; i < limit.length; i++) {
    const d = bytes[s + i]! - limit.charCodeAt(i);
    if (d !== 0) return d;
  }
  return 0;
}
