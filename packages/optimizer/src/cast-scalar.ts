/**
 * CAST of one scalar value at planning time, for constant folding. Only conversions whose result is
 * certain are folded; `undefined` means "leave the CAST to execution" (which also reports errors).
 * Numeric rounding follows PostgreSQL NUMERIC: half away from zero.
 */
import { dateToString, decimalToString, parseDate, parseTime, timeToString, type DataType, type ScalarValue } from '@quiver/common';

const INT_RANGE = {
  Int8: [-128n, 127n],
  Int16: [-32768n, 32767n],
  Int32: [-2147483648n, 2147483647n],
  Int64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

type IntKind = keyof typeof INT_RANGE;

function isIntKind(kind: string): kind is IntKind {
  return kind in INT_RANGE;
}

/** An integer of `to` (one of the Int kinds) from a bigint, or undefined when out of range. */
export function intScalar(v: bigint, to: DataType): ScalarValue | undefined {
  const [lo, hi] = INT_RANGE[to.kind as IntKind];
  if (v < lo || v > hi) return undefined;
  return { type: to, value: to.kind === 'Int64' ? v : Number(v) };
}

/** Whether an unscaled decimal fits `precision` digits. */
export function fitsPrecision(unscaled: bigint, precision: number): boolean {
  const limit = 10n ** BigInt(precision);
  return unscaled < limit && unscaled > -limit;
}

/** `unscaled` moved from scale `from` to scale `to`, rounding half away from zero. */
function rescale(unscaled: bigint, from: number, to: number): bigint {
  if (to >= from) return unscaled * 10n ** BigInt(to - from);
  const div = 10n ** BigInt(from - to);
  const q = unscaled / div;
  const rem = unscaled % div;
  const twice = (rem < 0n ? -rem : rem) * 2n;
  if (twice >= div) return unscaled < 0n ? q - 1n : q + 1n;
  return q;
}

function decimalScalar(unscaled: bigint, to: DataType & { kind: 'Decimal128' }): ScalarValue | undefined {
  return fitsPrecision(unscaled, to.precision) ? { type: to, value: unscaled } : undefined;
}

const TIMESTAMP_PER_DAY = { second: 86_400n, millisecond: 86_400_000n, microsecond: 86_400_000_000n, nanosecond: 86_400_000_000_000n };

function fromText(text: string, to: DataType): ScalarValue | undefined {
  switch (to.kind) {
    case 'Int8':
    case 'Int16':
    case 'Int32':
    case 'Int64':
      return /^\s*[+-]?\d+\s*$/.test(text) ? intScalar(BigInt(text.trim()), to) : undefined;
    case 'Decimal128': {
      const m = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/.exec(text);
      if (!m || (m[2] ?? '') + (m[3] ?? '') === '') return undefined;
      const frac = m[3] ?? '';
      const digits = BigInt(`${m[2] || '0'}${frac}`);
      const unscaled = rescale(m[1] === '-' ? -digits : digits, frac.length, to.scale);
      return decimalScalar(unscaled, to);
    }
    case 'Float32':
    case 'Float64': {
      if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text)) return undefined;
      const n = Number(text);
      return { type: to, value: to.kind === 'Float32' ? Math.fround(n) : n };
    }
    case 'Date32': {
      const days = parseDate(text);
      return days === null ? undefined : { type: to, value: days };
    }
    case 'Time': {
      const micros = parseTime(text);
      return micros === null ? undefined : { type: to, value: micros };
    }
    case 'Boolean': {
      const t = text.trim().toLowerCase();
      if (['t', 'true', 'yes', 'on', '1'].includes(t)) return { type: to, value: true };
      if (['f', 'false', 'no', 'off', '0'].includes(t)) return { type: to, value: false };
      return undefined;
    }
    default:
      return undefined;
  }
}

function fromInteger(v: bigint, to: DataType): ScalarValue | undefined {
  if (isIntKind(to.kind)) return intScalar(v, to);
  switch (to.kind) {
    case 'Decimal128':
      return decimalScalar(v * 10n ** BigInt(to.scale), to);
    case 'Float64':
      return { type: to, value: Number(v) };
    case 'Float32':
      return { type: to, value: Math.fround(Number(v)) };
    case 'Utf8':
      return { type: to, value: v.toString() };
    case 'Boolean':
      return { type: to, value: v !== 0n };
    default:
      return undefined;
  }
}

function fromDecimal(v: bigint, scale: number, to: DataType): ScalarValue | undefined {
  if (isIntKind(to.kind)) return intScalar(rescale(v, scale, 0), to);
  switch (to.kind) {
    case 'Decimal128':
      return decimalScalar(rescale(v, scale, to.scale), to);
    case 'Float64':
      return { type: to, value: Number.parseFloat(decimalToString(v, scale)) };
    case 'Utf8':
      return { type: to, value: decimalToString(v, scale) };
    default:
      return undefined;
  }
}

/** `v` cast to `to`, or undefined when the cast is not folded (unsupported here, or it would fail). */
export function castScalar(v: ScalarValue, to: DataType): ScalarValue | undefined {
  const from = v.type;
  if (from.kind === to.kind && from.kind !== 'Decimal128' && from.kind !== 'Timestamp') return { type: to, value: v.value };
  if (v.value === null) return { type: to, value: null };
  const x = v.value;
  switch (from.kind) {
    case 'Utf8':
      return fromText(x as string, to);
    case 'Int8':
    case 'Int16':
    case 'Int32':
    case 'Int64':
      return fromInteger(BigInt(x as number | bigint), to);
    case 'Decimal128':
      return fromDecimal(x as bigint, from.scale, to);
    case 'Float32':
      return to.kind === 'Float64' ? { type: to, value: x } : undefined;
    case 'Date32':
      if (to.kind === 'Utf8') return { type: to, value: dateToString(x as number) };
      if (to.kind === 'Timestamp') return { type: to, value: BigInt(x as number) * TIMESTAMP_PER_DAY[to.unit] };
      return undefined;
    case 'Time':
      return to.kind === 'Utf8' ? { type: to, value: timeToString(x as bigint) } : undefined;
    case 'Boolean':
      if (to.kind === 'Utf8') return { type: to, value: x ? 'true' : 'false' };
      if (isIntKind(to.kind)) return intScalar(x ? 1n : 0n, to);
      return undefined;
    default:
      return undefined;
  }
}
