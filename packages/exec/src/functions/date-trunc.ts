/**
 * date_trunc(granularity, ts): the timestamp (or date, as a TIMESTAMP) truncated to the start of its
 * microsecond, millisecond, second, minute, hour, day, week (Monday), month, quarter or year, as
 * DataFusion and PostgreSQL have it. Sub-month granularities are one floor division per value
 * (exact float64 arithmetic below 2^53 units, BigInt beyond); months, quarters and years go through
 * the civil calendar.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, type DataType, type TimeUnit } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { allocValues, makeFixed } from '../kernels/builders.js';
import { civilFromDays, daysFromCivil, floorDiv, NANOS_PER_UNIT, UNITS_PER_DAY } from '../kernels/calendar.js';
import { toArray } from '../kernels/scalar.js';
import { validityOf } from '../kernels/validity.js';
import { int64AsNumber, int64Words, setInt64FromNumber } from '../kernels/wide-int.js';
import { argType, noMatch } from './signature.js';

const GRANULARITIES = ['microsecond', 'millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
type Granularity = (typeof GRANULARITIES)[number];

const NANOS: Partial<Record<Granularity, bigint>> = {
  microsecond: 1_000n,
  millisecond: 1_000_000n,
  second: 1_000_000_000n,
  minute: 60_000_000_000n,
  hour: 3_600_000_000_000n,
  day: 86_400_000_000_000n,
  week: 7n * 86_400_000_000_000n,
};

/** 1970-01-01 was a Thursday: weeks start on Mondays, the first of them 3 days before the epoch. */
const WEEK_SHIFT_DAYS = 3n;

function granularityOf(text: string): Granularity {
  const g = text.trim().toLowerCase();
  if ((GRANULARITIES as readonly string[]).includes(g)) return g as Granularity;
  throw new QuiverError('EXECUTION', `Unsupported date_trunc granularity: '${text}'. Supported values are: ${GRANULARITIES.join(', ')}`);
}

const civil = new Int32Array(3);

/** The first day of the month, quarter or year containing day `days`. */
function truncDays(days: number, g: Granularity): number {
  civilFromDays(days, civil);
  const month = g === 'year' ? 1 : g === 'quarter' ? Math.floor((civil[1]! - 1) / 3) * 3 + 1 : civil[1]!;
  return daysFromCivil(civil[0]!, month, 1);
}

/** Truncates timestamps of `unit` in place of `out`. */
function truncTimestamps(src: BigInt64Array, out: BigInt64Array, unit: TimeUnit, g: Granularity): void {
  const n = src.length;
  const fixed = NANOS[g];
  const unitNanos = NANOS_PER_UNIT[unit];
  const perDay = UNITS_PER_DAY[unit];
  if (fixed !== undefined) {
    if (fixed <= unitNanos) {
      out.set(src);
      return;
    }
    const step = fixed / unitNanos;
    const shift = g === 'week' ? WEEK_SHIFT_DAYS * perDay : 0n;
    const stepNum = Number(step);
    const shiftNum = Number(shift);
    const sw = int64Words(src);
    const ow = int64Words(out);
    for (let i = 0; i < n; i++) {
      const v = int64AsNumber(sw, i);
      if (v === v && Math.abs(v) + shiftNum < 2 ** 52) setInt64FromNumber(ow, i, Math.floor((v + shiftNum) / stepNum) * stepNum - shiftNum);
      else out[i] = floorDiv(src[i]! + shift, step) * step - shift;
    }
    return;
  }
  for (let i = 0; i < n; i++) out[i] = BigInt(truncDays(Number(floorDiv(src[i]!, perDay)), g)) * perDay;
}

function coerce(argTypes: readonly DataType[]): DataType[] {
  const [g, t] = argTypes;
  if (argTypes.length !== 2 || (g!.kind !== 'Utf8' && g!.kind !== 'Null')) return noMatch('date_trunc', argTypes);
  if (t!.kind === 'Timestamp') return [DataTypes.utf8, t!];
  if (t!.kind === 'Date32' || t!.kind === 'Null') return [DataTypes.utf8, DataTypes.timestamp('microsecond')];
  if (t!.kind === 'Utf8') return [DataTypes.utf8, DataTypes.timestamp('microsecond')];
  return noMatch('date_trunc', argTypes);
}

function invoke(args: readonly ColumnarValue[], n: number, returnType: DataType): arrow.Data {
  const g = args[0]!;
  if (g.kind !== 'scalar') throw new QuiverError('NOT_IMPLEMENTED', 'date_trunc: the granularity must be a constant');
  const out = allocValues(returnType, n) as BigInt64Array;
  if (g.value.value === null) return makeFixed(returnType, n, out, new Uint8Array((n + 7) >> 3));
  const granularity = granularityOf(g.value.value as string);
  const t = argType(args[1]!);
  if (t.kind !== 'Timestamp') return makeFixed(returnType, n, out, new Uint8Array((n + 7) >> 3));
  const src = toArray(args[1]!, n);
  truncTimestamps((src.values as BigInt64Array).subarray(0, n), out, t.unit, granularity);
  return makeFixed(returnType, n, out, validityOf(src));
}

export const dateTrunc: ScalarFunction = {
  name: 'date_trunc',
  volatility: 'immutable',
  coerceArgs: coerce,
  returnType: (t) => t[1]!,
  invoke,
};
