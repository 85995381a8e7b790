/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01) without Date objects:
 * civil date ↔ day number, month addition with end-of-month clamping, and time-unit scales.
 */
import type { TimeUnit } from '@quiver/common';

/** Day number of the civil date (y, m 1–12, d 1–31). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of day number `days`, written to `out` as [year, month 1–12, day 1–31]. */
export function civilFromDays(days: number, out: Int32Array): void {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  out[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out[1] = m;
  out[2] = d;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

const scratch = new Int32Array(3);

/** `days` plus `months` calendar months, clamping the day to the target month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(days: number, months: number): number {
  if (months === 0) return days;
  civilFromDays(days, scratch);
  const total = scratch[0]! * 12 + (scratch[1]! - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(scratch[2]!, daysInMonth(y, m)));
}

export const NANOS_PER_DAY = 86_400_000_000_000n;

/** Units of `unit` per day, and nanoseconds per unit. */
export const UNITS_PER_DAY: Record<TimeUnit, bigint> = {
  second: 86_400n,
  millisecond: 86_400_000n,
  microsecond: 86_400_000_000n,
  nanosecond: NANOS_PER_DAY,
};
export const NANOS_PER_UNIT: Record<TimeUnit, bigint> = {
  second: 1_000_000_000n,
  millisecond: 1_000_000n,
  microsecond: 1_000n,
  nanosecond: 1n,
};

/** Floor division for bigints (rounds toward negative infinity). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
