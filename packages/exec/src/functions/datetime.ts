/**
 * Built-in date/time functions: date_part/extract (year, quarter, month, week, day, dow, isodow, doy,
 * hour, minute, second, millisecond, microsecond, epoch, decade, century) on DATE and TIMESTAMP,
 * and the time fields (hour … microsecond, epoch: seconds since midnight) on TIME, giving BIGINT
 * (seconds and epoch are whole seconds), and now/current_timestamp/current_date
 * (stable: one value per statement, as they are folded when the statement is planned); to_date and
 * date_trunc live in their own modules.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, type DataType } from '@quiver/common';
import type { ScalarFunction } from '@quiver/planner';
import { allocValues, makeFixed } from '../kernels/builders.js';
import { civilFromDays, daysFromCivil, floorDiv, UNITS_PER_DAY, NANOS_PER_UNIT } from '../kernels/calendar.js';
import { broadcastScalar, toArray } from '../kernels/scalar.js';
import { validityOf } from '../kernels/validity.js';
import { int64AsNumber, int64Words, setInt64FromNumber } from '../kernels/wide-int.js';
import { dateTrunc } from './date-trunc.js';
import { defineFunction } from './signature.js';
import { toDate } from './to-date.js';

const FIELDS = [
  'year', 'quarter', 'month', 'week', 'day', 'dow', 'isodow', 'doy', 'hour', 'minute', 'second',
  'millisecond', 'microsecond', 'epoch', 'decade', 'century',
] as const;
type Field = (typeof FIELDS)[number];

const ALIASES: Record<string, Field> = {
  years: 'year', months: 'month', days: 'day', hours: 'hour', minutes: 'minute', seconds: 'second',
  milliseconds: 'millisecond', microseconds: 'microsecond', weeks: 'week', quarters: 'quarter',
  dayofweek: 'dow', dayofyear: 'doy',
};

/** The fields a TIME has. */
const TIME_FIELDS: ReadonlySet<Field> = new Set(['hour', 'minute', 'second', 'millisecond', 'microsecond', 'epoch']);

function fieldOf(text: string): Field {
  const f = text.trim().toLowerCase();
  if ((FIELDS as readonly string[]).includes(f)) return f as Field;
  const alias = ALIASES[f];
  if (alias) return alias;
  throw new QuiverError('EXECUTION', `date_part: unit "${text}" is not recognized (expected one of ${FIELDS.join(', ')})`);
}

const civil = new Int32Array(3);

/** ISO 8601 week number of a day number. */
function isoWeek(days: number): number {
  const isoDow = ((((days + 3) % 7) + 7) % 7) + 1; // Monday = 1
  const thursday = days - isoDow + 4;
  civilFromDays(thursday, civil);
  const jan1 = daysFromCivil(civil[0]!, 1, 1);
  return Math.floor((thursday - jan1) / 7) + 1;
}

/** The field of a day plus a time of day in microseconds (0 for dates). */
function extractField(field: Field, days: number, micros: number): number {
  civilFromDays(days, civil);
  const y = civil[0]!;
  const m = civil[1]!;
  switch (field) {
    case 'year': return y;
    case 'quarter': return Math.floor((m - 1) / 3) + 1;
    case 'month': return m;
    case 'week': return isoWeek(days);
    case 'day': return civil[2]!;
    case 'dow': return (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; Sunday = 0
    case 'isodow': return ((((days + 3) % 7) + 7) % 7) + 1;
    case 'doy': return days - daysFromCivil(y, 1, 1) + 1;
    case 'hour': return Math.floor(micros / 3_600_000_000);
    case 'minute': return Math.floor(micros / 60_000_000) % 60;
    case 'second': return Math.floor(micros / 1_000_000) % 60;
    case 'millisecond': return Math.floor(micros / 1000) % 60_000;
    case 'microsecond': return micros % 60_000_000;
    case 'epoch': return days * 86400 + Math.floor(micros / 1_000_000);
    case 'decade': return Math.floor(y / 10);
    case 'century': return y > 0 ? Math.floor((y - 1) / 100) + 1 : -Math.floor(-y / 100) - 1;
  }
}

function datePart(name: string): ScalarFunction {
  return defineFunction({
    name,
    overloads: [['string', 'temporal']],
    returnType: () => DataTypes.int64,
    invoke: (args, n, _type, argTypes) => {
      const f = args[0]!;
      if (f.kind !== 'scalar') throw new QuiverError('NOT_IMPLEMENTED', `${name}: the field must be a constant`);
      const out = allocValues(DataTypes.int64, n) as BigInt64Array;
      if (f.value.value === null) return makeFixed(DataTypes.int64, n, out, new Uint8Array((n + 7) >> 3));
      const field = fieldOf(f.value.value as string);
      const src = toArray(args[1]!, n);
      const t: DataType = argTypes[1]!;
      const valid = validityOf(src);
      if (t.kind === 'Date32') {
        const days = src.values as Int32Array;
        const words = int64Words(out);
        for (let i = 0; i < n; i++) setInt64FromNumber(words, i, extractField(field, days[i]!, 0));
      } else if (t.kind === 'Timestamp') {
        const ts = src.values as BigInt64Array;
        const tw = int64Words(ts);
        const words = int64Words(out);
        const perDay = UNITS_PER_DAY[t.unit];
        const perDayNum = Number(perDay);
        const microsPerUnit = Number(NANOS_PER_UNIT[t.unit]) / 1000;
        for (let i = 0; i < n; i++) {
          const v = int64AsNumber(tw, i);
          let day: number;
          let micros: number;
          if (v === v && t.unit !== 'nanosecond') {
            day = Math.floor(v / perDayNum);
            micros = (v - day * perDayNum) * microsPerUnit;
          } else {
            const big = floorDiv(ts[i]!, perDay);
            day = Number(big);
            micros = Number(((ts[i]! - big * perDay) * NANOS_PER_UNIT[t.unit]) / 1000n);
          }
          setInt64FromNumber(words, i, extractField(field, day, micros));
        }
      } else if (t.kind === 'Time') {
        if (!TIME_FIELDS.has(field)) throw new QuiverError('EXECUTION', `${name}: unit "${field}" is not supported for type TIME`);
        const tw = int64Words(src.values as BigInt64Array);
        const words = int64Words(out);
        for (let i = 0; i < n; i++) setInt64FromNumber(words, i, extractField(field, 0, int64AsNumber(tw, i)));
      } else {
        return makeFixed(DataTypes.int64, n, out, new Uint8Array((n + 7) >> 3));
      }
      return makeFixed(DataTypes.int64, n, out, valid);
    },
  });
}

function nowFn(name: string): ScalarFunction {
  const type = DataTypes.timestamp('microsecond');
  return defineFunction({
    name,
    volatility: 'stable',
    overloads: [[]],
    returnType: () => type,
    invoke: (_args, n): arrow.Data => broadcastScalar({ type, value: BigInt(Date.now()) * 1000n }, n),
  });
}

const currentDate = defineFunction({
  name: 'current_date',
  volatility: 'stable',
  overloads: [[]],
  returnType: () => DataTypes.date32,
  invoke: (_args, n) => broadcastScalar({ type: DataTypes.date32, value: Math.floor(Date.now() / 86_400_000) }, n),
});

export function dateTimeFunctions(): ScalarFunction[] {
  return [datePart('date_part'), datePart('extract'), nowFn('now'), nowFn('current_timestamp'), currentDate, toDate, dateTrunc];
}
