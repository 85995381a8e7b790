/**
 * Exact Decimal128 arithmetic (+ - * %). Operands are rescaled to the result scale chosen by
 * `binaryTyping` (add/sub/mod: the larger scale; multiply: the sum of scales). Rows whose operands and
 * intermediate results stay below 2^53 are computed in float64, which is exact there; other rows use
 * BigInt. Results beyond the result precision are an EXECUTION error; modulo by zero yields NULL.
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, typeToString, type DataType } from '@quiver/common';
import type { ArithmeticOp, ColumnarValue } from '@quiver/planner';
import { allocValues, makeFixed } from './builders.js';
import { binaryValidity, strideOf, valuesOf } from './operands.js';
import { allValid, clearBit, getBit } from './validity.js';
import {
  POW10,
  POW10_BIG,
  SAFE_LIMIT,
  checkDecimalPrecision,
  decimalAsBigInt,
  decimalAsNumber,
  setDecimalFromBigInt,
  setDecimalFromNumber,
} from './wide-int.js';

/** One Decimal128 value as a 4-word buffer. */
export function decimalWords(unscaled: bigint): Uint32Array {
  const w = new Uint32Array(4);
  setDecimalFromBigInt(w, 0, unscaled);
  return w;
}

function scaleOf(t: DataType): number {
  if (t.kind !== 'Decimal128') throw new QuiverError('INTERNAL', `expected a DECIMAL, got ${typeToString(t)}`);
  return t.scale;
}

/** `l op r` over decimals of types `lt`, `rt` giving `type`. Division is not decimal (it yields DOUBLE). */
export function decimalArithmetic(
  op: ArithmeticOp,
  l: ColumnarValue,
  lt: DataType,
  r: ColumnarValue,
  rt: DataType,
  length: number,
  type: DataType,
): arrow.Data {
  if (op === '/') throw new QuiverError('INTERNAL', 'decimal division is planned as DOUBLE division');
  if (type.kind !== 'Decimal128') throw new QuiverError('INTERNAL', `decimal arithmetic must yield a DECIMAL, not ${typeToString(type)}`);
  const precision = type.precision;
  const ka = op === '*' ? 0 : type.scale - scaleOf(lt);
  const kb = op === '*' ? 0 : type.scale - scaleOf(rt);
  if (ka < 0 || kb < 0) throw new QuiverError('INTERNAL', `result scale ${type.scale} is below an operand's scale`);
  const a = valuesOf<Uint32Array>(l, (s) => decimalWords(s.value as bigint));
  const b = valuesOf<Uint32Array>(r, (s) => decimalWords(s.value as bigint));
  const sa = strideOf(l);
  const sb = strideOf(r);
  const out = allocValues(type, length) as Uint32Array;
  const inValid = binaryValidity(l, r, length);
  const valid = op === '%' ? (inValid?.slice() ?? null) : inValid;
  const limit = precision >= 16 ? SAFE_LIMIT : POW10[precision]!;

  // Fast path in three small monomorphic loops: operands to exact scaled float64 (NaN when not
  // exact), the operation, and the results back to words; NaN or out-of-range rows go exact.
  const x = scaledNumbers(a, sa, length, ka, scratch(0, length));
  const y = scaledNumbers(b, sb, length, kb, scratch(1, length));
  const res = scratch(2, length);
  switch (op) {
    case '+': for (let i = 0; i < length; i++) res[i] = x[i]! + y[i]!; break;
    case '-': for (let i = 0; i < length; i++) res[i] = x[i]! - y[i]!; break;
    case '*': for (let i = 0; i < length; i++) res[i] = x[i]! * y[i]!; break;
    default: for (let i = 0; i < length; i++) res[i] = y[i] === 0 ? NaN : x[i]! % y[i]!; break;
  }
  const slow: SlowPath = { op, a, sa, b, sb, ka, kb, out, precision, type, length, valid };
  for (let i = 0; i < length; i++) {
    const v = res[i]!;
    if (v < limit && v > -limit) {
      // `out` starts zeroed: a value in [0, 2^32) only needs its low word.
      if (v >= 0 && v < 4294967296) out[4 * i] = v;
      else setDecimalFromNumber(out, i, v);
    } else exactRow(slow, i);
  }
  return makeFixed(type, length, out, slow.valid);
}

const scratchBuffers: Float64Array[] = [];

/** Reusable float64 scratch buffer `k` of at least `n` values (kernels run synchronously, one at a time). */
function scratch(k: number, n: number): Float64Array {
  let buf = scratchBuffers[k];
  if (buf === undefined || buf.length < n) scratchBuffers[k] = buf = new Float64Array(Math.max(n, 8192));
  return buf;
}

/** Values (stride 0: one value repeated) times 10^k as exact float64, NaN where that is not exact. */
function scaledNumbers(words: Uint32Array, stride: number, n: number, k: number, out: Float64Array): Float64Array {
  const f = k <= 22 ? POW10[k]! : NaN;
  if (stride === 0) {
    const v = decimalAsNumber(words, 0) * f;
    out.fill(v < SAFE_LIMIT && v > -SAFE_LIMIT ? v : NaN, 0, n);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = decimalAsNumber(words, i) * f;
    out[i] = v < SAFE_LIMIT && v > -SAFE_LIMIT ? v : NaN;
  }
  return out;
}

/** What the BigInt path of one row needs; kept out of the fast loop so that loop stays small. */
interface SlowPath {
  readonly op: ArithmeticOp;
  readonly a: Uint32Array;
  readonly sa: number;
  readonly b: Uint32Array;
  readonly sb: number;
  readonly ka: number;
  readonly kb: number;
  readonly out: Uint32Array;
  readonly precision: number;
  readonly type: DataType;
  readonly length: number;
  /** Output validity; modulo by zero nulls rows in it (it is a private copy for `%`). */
  valid: Uint8Array | null;
}

/** Row `i` computed exactly with BigInt (skipped for NULL rows). */
function exactRow(s: SlowPath, i: number): void {
  if (s.valid !== null && !getBit(s.valid, i)) return;
  const bx = decimalAsBigInt(s.a, i * s.sa) * POW10_BIG[s.ka]!;
  const by = decimalAsBigInt(s.b, i * s.sb) * POW10_BIG[s.kb]!;
  let exact: bigint;
  switch (s.op) {
    case '+': exact = bx + by; break;
    case '-': exact = bx - by; break;
    case '*': exact = bx * by; break;
    default:
      if (by === 0n) {
        s.valid = s.valid ?? allValid(s.length);
        clearBit(s.valid, i);
        return;
      }
      exact = bx % by;
  }
  checkDecimalPrecision(exact, s.precision, `${typeToString(s.type)} result of ${s.op}`);
  setDecimalFromBigInt(s.out, i, exact);
}
