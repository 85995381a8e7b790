/**
 * Casts among numeric types and Boolean: integer widening/narrowing with range checks, float → integer
 * rounding half to even (as PostgreSQL's float-to-int), decimal → integer and decimal rescaling
 * rounding half away from zero (as PostgreSQL's numeric), float → decimal through the shortest
 * decimal text of the float, decimal → float correctly rounded, numbers ↔ Boolean (non-zero is true).
 */
import type * as arrow from 'apache-arrow';
import { decimalToString, QuiverError, typeToString, type DataType } from '@quiver/common';
import { allocValues, makeFixed } from './builders.js';
import { CastFailures } from './cast-errors.js';
import { getBit, setBit, validityOf } from './validity.js';
import {
  POW10,
  POW10_BIG,
  SAFE_LIMIT,
  decimalAsBigInt,
  decimalAsNumber,
  divRoundHalfAway,
  int64AsNumber,
  int64Words,
  setDecimalFromBigInt,
  setDecimalFromNumber,
  setInt64FromNumber,
} from './wide-int.js';
import { parseDecimal } from './parse.js';

/** Reads row i of a numeric or Boolean array as an unscaled number (NaN when not exact) or exact bigint. */
interface NumericReader {
  readonly scale: number;
  readonly float: boolean;
  num(i: number): number;
  big(i: number): bigint;
}

function readerOf(data: arrow.Data, type: DataType): NumericReader {
  switch (type.kind) {
    case 'Boolean': {
      const bits = data.values as Uint8Array;
      const off = data.offset;
      return { scale: 0, float: false, num: (i) => (getBit(bits, off + i) ? 1 : 0), big: (i) => (getBit(bits, off + i) ? 1n : 0n) };
    }
    case 'Int8':
    case 'Int16':
    case 'Int32': {
      const v = data.values as Int32Array;
      return { scale: 0, float: false, num: (i) => v[i]!, big: (i) => BigInt(v[i]!) };
    }
    case 'Int64': {
      const v = data.values as BigInt64Array;
      const w = int64Words(v);
      return { scale: 0, float: false, num: (i) => int64AsNumber(w, i), big: (i) => v[i]! };
    }
    case 'Float32':
    case 'Float64': {
      const v = data.values as Float64Array;
      return { scale: 0, float: true, num: (i) => v[i]!, big: () => 0n };
    }
    case 'Decimal128': {
      const w = data.values as Uint32Array;
      return { scale: type.scale, float: false, num: (i) => decimalAsNumber(w, i), big: (i) => decimalAsBigInt(w, i) };
    }
    default:
      throw new QuiverError('INTERNAL', `not a numeric type: ${typeToString(type)}`);
  }
}

const INT_RANGE: Record<string, [number, number]> = {
  Int8: [-128, 127],
  Int16: [-32768, 32767],
  Int32: [-2147483648, 2147483647],
};
const INT64_LIMIT = 9223372036854775808; // 2^63 as a float

/** Round half to even, as C's rint (PostgreSQL float → integer). */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Exact `v / 10^k` rounded half away from zero, for |v| < 2^53 and k ≤ 22. */
function scaleDownNumber(v: number, k: number): number {
  const d = POW10[k]!;
  const q = Math.trunc(v / d);
  const r = v - q * d;
  if (2 * Math.abs(r) >= d) return v < 0 ? q - 1 : q + 1;
  return q;
}

/** Text of a source value for error messages. */
function shown(src: NumericReader, i: number): string {
  if (src.float) return String(src.num(i));
  return decimalToString(src.big(i), src.scale);
}

/** Casts a numeric or Boolean array to a numeric or Boolean type. */
export function castNumeric(data: arrow.Data, from: DataType, to: DataType, tryCast: boolean): arrow.Data {
  const n = data.length;
  const src = readerOf(data, from);
  const validity = validityOf(data);
  const failures = new CastFailures(tryCast, n, validity);
  const isValid = (i: number) => validity === null || getBit(validity, i);
  const out = allocValues(to, n);
  const outOfRange = (i: number) => failures.fail(i, `${typeToString(to)} out of range: cannot cast ${shown(src, i)}`);

  switch (to.kind) {
    case 'Boolean': {
      const bits = out as Uint8Array;
      for (let i = 0; i < n; i++) {
        const x = src.num(i);
        if (x === x ? x !== 0 : src.big(i) !== 0n) setBit(bits, i);
      }
      break;
    }
    case 'Int8':
    case 'Int16':
    case 'Int32': {
      const [min, max] = INT_RANGE[to.kind]!;
      const o = out as Int32Array;
      for (let i = 0; i < n; i++) {
        if (!isValid(i)) continue;
        let x = src.num(i);
        if (src.float) x = rint(x);
        else if (src.scale > 0) x = x === x ? scaleDownNumber(x, src.scale) : Number(divRoundHalfAway(src.big(i), src.scale));
        if (x >= min && x <= max) o[i] = x;
        else outOfRange(i);
      }
      break;
    }
    case 'Int64': {
      const o = out as BigInt64Array;
      const w = int64Words(o);
      for (let i = 0; i < n; i++) {
        if (!isValid(i)) continue;
        let x = src.num(i);
        if (src.float) {
          x = rint(x);
          if (x < SAFE_LIMIT && x > -SAFE_LIMIT) setInt64FromNumber(w, i, x);
          else if (x >= -INT64_LIMIT && x < INT64_LIMIT) o[i] = BigInt(x);
          else outOfRange(i);
          continue;
        }
        if (src.scale > 0 && x === x) x = scaleDownNumber(x, src.scale);
        if (x === x) {
          setInt64FromNumber(w, i, x);
          continue;
        }
        const b = divRoundHalfAway(src.big(i), src.scale);
        if (b >= -(2n ** 63n) && b < 2n ** 63n) o[i] = b;
        else outOfRange(i);
      }
      break;
    }
    case 'Float32':
    case 'Float64': {
      const o = out as Float64Array;
      const k = src.scale;
      const d = POW10[k] ?? NaN;
      for (let i = 0; i < n; i++) {
        if (!isValid(i)) continue;
        const x = src.num(i);
        if (src.float || (x === x && k === 0)) o[i] = x;
        else if (x === x && k <= 22) o[i] = x / d;
        else o[i] = Number(decimalToString(src.big(i), k));
      }
      break;
    }
    case 'Decimal128': {
      const o = out as Uint32Array;
      const { precision, scale } = to;
      const limit = POW10_BIG[precision]!;
      const numLimit = precision < 16 ? POW10[precision]! : SAFE_LIMIT;
      const overflow = (i: number) =>
        failures.fail(i, `numeric field overflow: ${shown(src, i)} does not fit ${typeToString(to)}`);
      for (let i = 0; i < n; i++) {
        if (!isValid(i)) continue;
        if (src.float) {
          const x = src.num(i);
          if (!Number.isFinite(x)) {
            failures.fail(i, `cannot cast ${x} to ${typeToString(to)}`);
            continue;
          }
          const v = parseDecimal(String(x), scale);
          if (v === null || v >= limit || v <= -limit) overflow(i);
          else setDecimalFromBigInt(o, i, v);
          continue;
        }
        const k = scale - src.scale;
        let x = src.num(i);
        if (x === x) {
          if (k >= 0 && k <= 22) x *= POW10[k]!;
          else if (k < 0 && -k <= 22) x = scaleDownNumber(x, -k);
          else x = NaN;
          if (x < numLimit && x > -numLimit) {
            setDecimalFromNumber(o, i, x);
            continue;
          }
        }
        const b = k >= 0 ? src.big(i) * POW10_BIG[k]! : divRoundHalfAway(src.big(i), -k);
        if (b >= limit || b <= -limit) overflow(i);
        else setDecimalFromBigInt(o, i, b);
      }
      break;
    }
    default:
      throw new QuiverError('INTERNAL', `castNumeric cannot produce ${typeToString(to)}`);
  }
  return makeFixed(to, n, out, failures.result);
}
