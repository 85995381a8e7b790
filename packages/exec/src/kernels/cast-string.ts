/**
 * Casts from VARCHAR (parsing each row with PostgreSQL input syntax; a bad value is an EXECUTION
 * error naming it, or NULL under TRY_CAST) and to VARCHAR (formatting each row as PostgreSQL prints it).
 */
import type * as arrow from 'apache-arrow';
import { decimalToString, intervalToString, MICROS_PER_DAY, parseDate, parseTime, QuiverError, shortestFloat32, timeToString, typeToString, type DataType } from '@quiver/common';
import { allocValues, makeBoolean, makeFixed, Utf8Builder } from './builders.js';
import { CastFailures } from './cast-errors.js';
import { formatDate, formatFloat, formatTimestamp } from './format.js';
import { parseBoolean, parseDecimal, parseFloatText, parseInteger, parseInterval, parseTimestamp } from './parse.js';
import { scalarAt } from './scalar.js';
import { getBit, setBit, validityOf } from './validity.js';
import { POW10_BIG, setDecimalFromBigInt } from './wide-int.js';

const decoder = new TextDecoder();

const INT_BOUNDS: Record<string, [bigint, bigint]> = {
  Int8: [-128n, 127n],
  Int16: [-32768n, 32767n],
  Int32: [-2147483648n, 2147483647n],
  Int64: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** Casts a Utf8 array to `to`. */
export function castFromString(data: arrow.Data, to: DataType, tryCast: boolean): arrow.Data {
  const n = data.length;
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const validity = validityOf(data);
  const failures = new CastFailures(tryCast, n, validity);
  const text = (i: number) => decoder.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!));
  const bad = (i: number, t: string) =>
    failures.fail(i, `invalid input syntax for type ${typeToString(to)}: "${t}"`);
  const out = to.kind === 'Utf8' ? null : allocValues(to, n);
  for (let i = 0; i < n; i++) {
    if (validity !== null && !getBit(validity, i)) continue;
    const t = text(i);
    switch (to.kind) {
      case 'Boolean': {
        const b = parseBoolean(t);
        if (b === null) bad(i, t);
        else if (b) setBit(out as Uint8Array, i);
        break;
      }
      case 'Int8':
      case 'Int16':
      case 'Int32':
      case 'Int64': {
        const v = parseInteger(t);
        const [min, max] = INT_BOUNDS[to.kind]!;
        if (v === null) bad(i, t);
        else if (v < min || v > max) failures.fail(i, `value "${t.trim()}" is out of range for type ${typeToString(to)}`);
        else if (to.kind === 'Int64') (out as BigInt64Array)[i] = v;
        else (out as Int32Array)[i] = Number(v);
        break;
      }
      case 'Float32':
      case 'Float64': {
        const v = parseFloatText(t);
        if (v === null) bad(i, t);
        else (out as Float64Array)[i] = v;
        break;
      }
      case 'Decimal128': {
        const v = parseDecimal(t, to.scale);
        const limit = POW10_BIG[to.precision]!;
        if (v === null) bad(i, t);
        else if (v >= limit || v <= -limit) failures.fail(i, `numeric field overflow: "${t.trim()}" does not fit ${typeToString(to)}`);
        else setDecimalFromBigInt(out as Uint32Array, i, v);
        break;
      }
      case 'Date32': {
        const v = parseDate(t) ?? dateOfTimestampText(t);
        if (v === null) bad(i, t);
        else (out as Int32Array)[i] = v;
        break;
      }
      case 'Timestamp': {
        const v = parseTimestamp(t, to.unit);
        if (v === null) bad(i, t);
        else (out as BigInt64Array)[i] = v;
        break;
      }
      case 'Time': {
        const v = parseTime(t) ?? timeOfTimestampText(t);
        if (v === null) bad(i, t);
        else (out as BigInt64Array)[i] = v;
        break;
      }
      case 'Interval': {
        const v = parseInterval(t);
        if (v === null) {
          bad(i, t);
          break;
        }
        const w = out as Int32Array;
        const nanos = BigInt.asUintN(64, v.nanos);
        w[4 * i] = v.months;
        w[4 * i + 1] = v.days;
        w[4 * i + 2] = Number(nanos & 0xffffffffn) | 0;
        w[4 * i + 3] = Number(nanos >> 32n) | 0;
        break;
      }
      default:
        throw new QuiverError('INTERNAL', `cannot cast VARCHAR to ${typeToString(to)}`);
    }
  }
  if (to.kind === 'Boolean') return makeBoolean(n, out as Uint8Array, failures.result);
  return makeFixed(to, n, out!, failures.result);
}

/** A date from timestamp text ('1995-03-15 10:00:00' → 1995-03-15), or null. */
function dateOfTimestampText(t: string): number | null {
  const ts = parseTimestamp(t, 'second');
  return ts === null ? null : Number((ts - (((ts % 86400n) + 86400n) % 86400n)) / 86400n);
}

/** The time of day of timestamp text ('1995-03-15 10:00:00' → 10:00:00), or null. */
function timeOfTimestampText(t: string): bigint | null {
  const ts = parseTimestamp(t, 'microsecond');
  return ts === null ? null : ((ts % MICROS_PER_DAY) + MICROS_PER_DAY) % MICROS_PER_DAY;
}

/** Casts any array to Utf8. */
export function castToString(data: arrow.Data, from: DataType): arrow.Data {
  const n = data.length;
  const validity = validityOf(data);
  const out = new Utf8Builder(n);
  const isNullAt = (i: number) => validity !== null && !getBit(validity, i);
  for (let i = 0; i < n; i++) {
    if (from.kind === 'Null' || isNullAt(i)) {
      out.appendNull();
      continue;
    }
    out.appendString(formatValue(data, from, i));
  }
  return out.finish();
}

function formatValue(data: arrow.Data, from: DataType, i: number): string {
  switch (from.kind) {
    case 'Boolean':
      return getBit(data.values as Uint8Array, data.offset + i) ? 'true' : 'false';
    case 'Int8':
    case 'Int16':
    case 'Int32':
    case 'Int64':
      return String((data.values as ArrayLike<number | bigint>)[i]);
    case 'Float32':
      return formatFloat(shortestFloat32((data.values as Float32Array)[i]!));
    case 'Float64':
      return formatFloat((data.values as Float64Array)[i]!);
    case 'Date32':
      return formatDate((data.values as Int32Array)[i]!);
    case 'Timestamp':
      return formatTimestamp((data.values as BigInt64Array)[i]!, from.unit);
    case 'Time':
      return timeToString((data.values as BigInt64Array)[i]!);
    case 'Decimal128':
      return decimalToString(scalarAt(data, i, from).value as bigint, from.scale);
    case 'Interval':
      return intervalToString(scalarAt(data, i, from).value as { months: number; days: number; nanos: bigint });
    default:
      throw new QuiverError('INTERNAL', `cannot cast ${typeToString(from)} to VARCHAR`);
  }
}
