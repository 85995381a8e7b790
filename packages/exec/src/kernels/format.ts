/**
 * Formatting values as SQL text, as CAST to VARCHAR writes them (PostgreSQL output syntax): floats in
 * shortest round-trip form with exponents outside 1e-4..1e15, dates as YYYY-MM-DD, timestamps as
 * YYYY-MM-DD HH:MM:SS[.ffffff] with trailing zeros trimmed.
 */
import type { TimeUnit } from '@quiver/common';
import { civilFromDays, floorDiv, NANOS_PER_UNIT } from './calendar.js';

/** PostgreSQL float8 output: 'NaN', 'Infinity', '1e+15', '0.0001', '1.5e-05'. */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sci = x.toExponential(); // shortest round-trip digits
  const e = sci.indexOf('e');
  const exp = Number(sci.slice(e + 1));
  if (exp < -4 || exp >= 15) return `${sci.slice(0, e)}e${exp < 0 ? '-' : '+'}${pad(Math.abs(exp), 2)}`;
  return String(x);
}

const civil = new Int32Array(3);

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** ISO date text of a day number, e.g. 0 → '1970-01-01' (years before 1 shown with a minus sign). */
export function formatDate(days: number): string {
  civilFromDays(days, civil);
  return `${pad(civil[0]!, 4)}-${pad(civil[1]!, 2)}-${pad(civil[2]!, 2)}`;
}

/** Timestamp text, e.g. '1995-03-15 10:30:00.5'. */
export function formatTimestamp(value: bigint, unit: TimeUnit): string {
  const nanos = value * NANOS_PER_UNIT[unit];
  const days = floorDiv(nanos, 86_400_000_000_000n);
  let rest = nanos - days * 86_400_000_000_000n;
  const h = rest / 3_600_000_000_000n;
  rest -= h * 3_600_000_000_000n;
  const m = rest / 60_000_000_000n;
  rest -= m * 60_000_000_000n;
  const s = rest / 1_000_000_000n;
  const frac = rest - s * 1_000_000_000n;
  const time = `${pad(Number(h), 2)}:${pad(Number(m), 2)}:${pad(Number(s), 2)}`;
  const fracText = frac === 0n ? '' : `.${frac.toString().padStart(9, '0').replace(/0+$/, '')}`;
  return `${formatDate(Number(days))} ${time}${fracText}`;
}
