/**
 * to_date(x [, format, ...]) as DataFusion has it: numbers are days since 1970-01-01 (fractions
 * truncated toward zero), dates pass through, timestamps keep their UTC day, and text is read with
 * the chrono-style formats given (the first that fits wins; an error names the last one) or, without
 * formats, as an ISO date/timestamp or YYYYMMDD digits.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, isInteger, isNumeric, QuiverError, type DataType } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { allocValues, makeFixed } from '../kernels/builders.js';
import { floorDiv, UNITS_PER_DAY } from '../kernels/calendar.js';
import { parseTimestamp } from '../kernels/parse.js';
import { toArray } from '../kernels/scalar.js';
import { strptime } from '../kernels/strptime.js';
import { getBit, validityOf } from '../kernels/validity.js';
import { decimalAsBigInt, POW10_BIG } from '../kernels/wide-int.js';
import { nullTest, stringReader } from './args.js';
import { argType, noMatch } from './signature.js';
import { int32Result } from './text.js';

const NANOS_PER_DAY = 86_400_000_000_000n;
const YYYYMMDD = /^\s*(\d{4})(\d{2})(\d{2})\s*$/;

/** The day number of `text` read without a format, or null. */
function defaultDay(text: string): number | null {
  const digits = YYYYMMDD.exec(text);
  const iso = digits ? `${digits[1]}-${digits[2]}-${digits[3]}` : text;
  const nanos = parseTimestamp(iso, 'nanosecond');
  return nanos === null ? null : Number(floorDiv(nanos, NANOS_PER_DAY));
}

/** The day number of `text` under the first of `formats` that fits; an EXECUTION error when none does. */
export function dayOfText(text: string, formats: readonly string[]): number {
  if (formats.length === 0) {
    const day = defaultDay(text);
    if (day === null) throw new QuiverError('EXECUTION', `to_date: cannot parse '${text}' as a date`);
    return day;
  }
  let reason = '';
  for (const format of formats) {
    const r = strptime(text, format);
    if (r.ok) return Number(floorDiv(r.nanos, NANOS_PER_DAY));
    reason = `Error parsing timestamp from '${text}' using format '${format}': ${r.reason}`;
  }
  throw new QuiverError('EXECUTION', `to_date: ${reason}`);
}

function coerce(argTypes: readonly DataType[]): DataType[] {
  const [first, ...formats] = argTypes;
  if (first === undefined) return noMatch('to_date', argTypes);
  let t: DataType;
  if (first.kind === 'Utf8' || first.kind === 'Date32' || first.kind === 'Timestamp' || first.kind === 'Decimal128') t = first;
  else if (first.kind === 'Null' || isInteger(first)) t = DataTypes.int64;
  else if (isNumeric(first)) t = DataTypes.float64;
  else return noMatch('to_date', argTypes);
  if (formats.some((f) => f.kind !== 'Utf8' && f.kind !== 'Null')) return noMatch('to_date', argTypes);
  return [t, ...formats.map(() => DataTypes.utf8)];
}

function invoke(args: readonly ColumnarValue[], n: number): arrow.Data {
  const t = argType(args[0]!);
  if (t.kind === 'Utf8') return fromText(args, n);
  const src = toArray(args[0]!, n);
  const out = allocValues(DataTypes.date32, n) as Int32Array;
  const valid = validityOf(src);
  const live = (i: number) => valid === null || getBit(valid, i);
  switch (t.kind) {
    case 'Date32':
      out.set(src.values as Int32Array);
      break;
    case 'Int64': {
      const v = src.values as BigInt64Array;
      for (let i = 0; i < n; i++) if (live(i)) out[i] = Number(v[i]!);
      break;
    }
    case 'Float64': {
      const v = src.values as Float64Array;
      for (let i = 0; i < n; i++) if (live(i)) out[i] = Math.trunc(v[i]!);
      break;
    }
    case 'Decimal128': {
      const words = src.values as Uint32Array;
      const scale = POW10_BIG[t.scale]!;
      for (let i = 0; i < n; i++) if (live(i)) out[i] = Number(decimalAsBigInt(words, i) / scale);
      break;
    }
    case 'Timestamp': {
      const v = src.values as BigInt64Array;
      const perDay = UNITS_PER_DAY[t.unit];
      for (let i = 0; i < n; i++) if (live(i)) out[i] = Number(floorDiv(v[i]!, perDay));
      break;
    }
    default:
      return makeFixed(DataTypes.date32, n, out, new Uint8Array((n + 7) >> 3));
  }
  return makeFixed(DataTypes.date32, n, out, valid);
}

/** Text arguments: NULL text gives NULL; NULL formats are skipped. */
function fromText(args: readonly ColumnarValue[], n: number): arrow.Data {
  const text = stringReader(args[0]!);
  const formatArgs = args.slice(1).map((a) => ({ isNull: nullTest(a), read: stringReader(a) }));
  const day = (i: number) => {
    const formats: string[] = [];
    for (const f of formatArgs) if (!f.isNull(i)) formats.push(f.read(i));
    return dayOfText(text(i), formats);
  };
  return int32Result(args.slice(0, 1), n, day, DataTypes.date32);
}

export const toDate: ScalarFunction = {
  name: 'to_date',
  volatility: 'immutable',
  coerceArgs: coerce,
  returnType: () => DataTypes.date32,
  invoke,
};
