/**
 * Checked integer arithmetic (+ - * / %) for Int8–Int64. Overflow of a non-NULL row is an EXECUTION
 * error; division truncates toward zero; division or modulo by zero yields NULL.
 *
 * Int8–Int32 compute in float64 (exact for these widths) and check the result range. Int64 reads
 * values as numbers while |v| < 2^53 and the result stays below 2^53, falling back to BigInt per row.
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, typeToString, type DataType } from '@quiver/common';
import type { ArithmeticOp, ColumnarValue } from '@quiver/planner';
import { allocValues, makeFixed } from './builders.js';
import { binaryValidity, strideOf, valuesOf } from './operands.js';
import { allValid, clearBit, getBit } from './validity.js';
import { INT64_MAX, INT64_MIN, SAFE_LIMIT, int64AsNumber, int64Words, setInt64FromNumber } from './wide-int.js';

const RANGE: Record<string, [number, number]> = {
  Int8: [-128, 127],
  Int16: [-32768, 32767],
  Int32: [-2147483648, 2147483647],
  Date32: [-2147483648, 2147483647],
};

function overflow(type: DataType, a: number | bigint, op: ArithmeticOp, b: number | bigint): never {
  throw new QuiverError('EXECUTION', `${typeToString(type)} out of range: ${a} ${op} ${b} overflows`);
}

/** Marks row `i` NULL in a lazily copied validity bitmap (division by zero). */
function nullAt(validity: Uint8Array | null, length: number, i: number): Uint8Array {
  const v = validity ?? allValid(length);
  clearBit(v, i);
  return v;
}

/** `l op r` for Int8/Int16/Int32 (or Date32 day counts) operands of the result type `type`. */
export function intArithmetic(op: ArithmeticOp, l: ColumnarValue, r: ColumnarValue, length: number, type: DataType): arrow.Data {
  const [min, max] = RANGE[type.kind]!;
  const a = valuesOf<ArrayLike<number>>(l, (s) => [s.value as number]);
  const b = valuesOf<ArrayLike<number>>(r, (s) => [s.value as number]);
  const sa = strideOf(l);
  const sb = strideOf(r);
  const out = allocValues(type, length) as Int32Array;
  const inValid = binaryValidity(l, r, length);
  // Division may null out rows, so it works on a private copy of the validity.
  let valid = op === '/' || op === '%' ? (inValid?.slice() ?? null) : inValid;
  const check = (i: number, x: number, y: number, v: number): void => {
    if (valid === null || getBit(valid, i)) overflow(type, x, op, y);
    out[i] = v;
  };
  switch (op) {
    case '+':
      for (let i = 0; i < length; i++) {
        const v = a[i * sa]! + b[i * sb]!;
        if (v > max || v < min) check(i, a[i * sa]!, b[i * sb]!, 0);
        else out[i] = v;
      }
      break;
    case '-':
      for (let i = 0; i < length; i++) {
        const v = a[i * sa]! - b[i * sb]!;
        if (v > max || v < min) check(i, a[i * sa]!, b[i * sb]!, 0);
        else out[i] = v;
      }
      break;
    case '*':
      for (let i = 0; i < length; i++) {
        const v = a[i * sa]! * b[i * sb]!;
        if (v > max || v < min) check(i, a[i * sa]!, b[i * sb]!, 0);
        else out[i] = v;
      }
      break;
    case '/':
      for (let i = 0; i < length; i++) {
        const y = b[i * sb]!;
        if (y === 0) {
          valid = nullAt(valid, length, i);
          continue;
        }
        const v = Math.trunc(a[i * sa]! / y);
        if (v > max) check(i, a[i * sa]!, y, 0);
        else out[i] = v;
      }
      break;
    case '%':
      for (let i = 0; i < length; i++) {
        const y = b[i * sb]!;
        if (y === 0) {
          valid = nullAt(valid, length, i);
          continue;
        }
        out[i] = a[i * sa]! % y;
      }
      break;
  }
  return makeFixed(type, length, out, valid);
}

const OPCODE = { '+': 0, '-': 1, '*': 2, '/': 3, '%': 4 } as const;

function bigintOp(op: ArithmeticOp, x: bigint, y: bigint): bigint {
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': return x / y;
    case '%': return x % y;
  }
}

/** `l op r` for Int64 operands (also Timestamp ± Int64 offsets when `type` is a Timestamp). */
export function int64Arithmetic(op: ArithmeticOp, l: ColumnarValue, r: ColumnarValue, length: number, type: DataType): arrow.Data {
  const a = valuesOf<BigInt64Array>(l, (s) => BigInt64Array.of(s.value as bigint));
  const b = valuesOf<BigInt64Array>(r, (s) => BigInt64Array.of(s.value as bigint));
  const aw = int64Words(a);
  const bw = int64Words(b);
  const sa = strideOf(l);
  const sb = strideOf(r);
  const out = allocValues(type, length) as BigInt64Array;
  const ow = int64Words(out);
  const divides = op === '/' || op === '%';
  // A numeric opcode: switching on the operator string inside the loop is several times slower.
  const opc = OPCODE[op];
  const inValid = binaryValidity(l, r, length);
  let valid = divides ? (inValid?.slice() ?? null) : inValid;
  for (let i = 0; i < length; i++) {
    const x = int64AsNumber(aw, i * sa);
    const y = int64AsNumber(bw, i * sb);
    if (divides && y === 0) {
      valid = nullAt(valid, length, i);
      continue;
    }
    const v = opc === 0 ? x + y : opc === 1 ? x - y : opc === 2 ? x * y : opc === 3 ? Math.trunc(x / y) : x % y;
    if (v < SAFE_LIMIT && v > -SAFE_LIMIT) {
      setInt64FromNumber(ow, i, v);
      continue;
    }
    if (valid !== null && !getBit(valid, i)) continue;
    const bx = a[i * sa]!;
    const by = b[i * sb]!;
    if (divides && by === 0n) {
      valid = nullAt(valid, length, i);
      continue;
    }
    const exact = bigintOp(op, bx, by);
    if (exact > INT64_MAX || exact < INT64_MIN) overflow(type, bx, op, by);
    out[i] = exact;
  }
  return makeFixed(type, length, out, valid);
}
