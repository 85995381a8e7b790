/**
 * Arithmetic dispatch: picks the kernel for `l op r` from the operand types (already coerced as
 * `binaryTyping` says) and the result type. A NULL scalar operand makes every row NULL.
 */
import type * as arrow from 'apache-arrow';
import { isFloat, QuiverError, typeToString, type DataType } from '@quiver/common';
import type { ArithmeticOp, ColumnarValue } from '@quiver/planner';
import { decimalArithmetic } from './arithmetic-decimal.js';
import { floatArithmetic } from './arithmetic-float.js';
import { int64Arithmetic, intArithmetic } from './arithmetic-int.js';
import { dateIntervalArithmetic, intervalArithmetic, timestampDifference, timestampIntervalArithmetic } from './arithmetic-temporal.js';
import { makeAllNull } from './builders.js';
import { dateTimeSum, timeDifference, timeIntervalArithmetic } from './time.js';
import { isNullScalar } from './operands.js';
import { toArray } from './scalar.js';

export function arithmetic(
  op: ArithmeticOp,
  l: ColumnarValue,
  lt: DataType,
  r: ColumnarValue,
  rt: DataType,
  type: DataType,
  length: number,
): arrow.Data {
  if (isNullScalar(l) || isNullScalar(r) || lt.kind === 'Null' || rt.kind === 'Null') return makeAllNull(type, length);
  if (l.kind === 'scalar' && r.kind === 'scalar') l = { kind: 'array', data: toArray(l, length) };
  const sign = op === '-' ? -1 : 1;
  const additive = op === '+' || op === '-';
  if (lt.kind === 'Date32') {
    if (rt.kind === 'Interval' && additive) return dateIntervalArithmetic(sign, l, r, length);
    if (rt.kind === 'Time' && op === '+') return dateTimeSum(l, r, length);
    if (rt.kind === 'Int32' && additive) return intArithmetic(op, l, r, length, lt);
    if (rt.kind === 'Date32' && op === '-' && type.kind === 'Int32') return intArithmetic(op, l, r, length, type);
    if ((rt.kind === 'Date32' || rt.kind === 'Timestamp') && op === '-') return timestampDifference(l, r, length, lt, rt);
  } else if (lt.kind === 'Timestamp') {
    if (rt.kind === 'Interval' && additive) return timestampIntervalArithmetic(sign, l, r, length, type);
    if ((rt.kind === 'Date32' || rt.kind === 'Timestamp') && op === '-') return timestampDifference(l, r, length, lt, rt);
  } else if (lt.kind === 'Time') {
    if (rt.kind === 'Interval' && additive) return timeIntervalArithmetic(sign, l, r, length);
    if (rt.kind === 'Time' && op === '-') return timeDifference(l, r, length);
    if (rt.kind === 'Date32' && op === '+') return dateTimeSum(r, l, length);
  } else if (rt.kind === 'Time' && lt.kind === 'Interval' && op === '+') {
    return timeIntervalArithmetic(1, r, l, length);
  } else if (rt.kind === 'Timestamp' && lt.kind === 'Interval' && op === '+') {
    return timestampIntervalArithmetic(1, r, l, length, type);
  } else if (rt.kind === 'Date32' && op === '+') {
    if (lt.kind === 'Interval') return dateIntervalArithmetic(1, r, l, length);
    if (lt.kind === 'Int32') return intArithmetic(op, l, r, length, rt);
  } else if (lt.kind === 'Interval' && rt.kind === 'Interval' && additive) {
    return intervalArithmetic(sign, l, r, length);
  } else if (type.kind === 'Decimal128') {
    return decimalArithmetic(op, l, lt, r, rt, length, type);
  } else if (isFloat(type)) {
    return floatArithmetic(op, l, r, length, type);
  } else if (type.kind === 'Int64') {
    return int64Arithmetic(op, l, r, length, type);
  } else if (type.kind === 'Int8' || type.kind === 'Int16' || type.kind === 'Int32') {
    return intArithmetic(op, l, r, length, type);
  }
  throw new QuiverError('INTERNAL', `no arithmetic kernel for ${typeToString(lt)} ${op} ${typeToString(rt)} -> ${typeToString(type)}`);
}
