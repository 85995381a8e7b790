/**
 * Evaluation of operators over literal operands at planning time, with the same semantics as
 * execution: three-valued logic, exact integer and decimal arithmetic, division by zero is NULL.
 * Whenever execution would raise an error (overflow, bad cast) or the result is not certain,
 * evaluation returns `undefined` and the expression is left for execution.
 */
import { DataTypes, type DataType, type IntervalValue, type ScalarValue } from '@quiver/common';
import { binaryTyping, isArithmetic, isComparison, type BinaryOp, type UnaryOp } from '@quiver/planner';
import { castScalar, fitsPrecision, intScalar } from './cast-scalar.js';

type Bool = boolean | null;

function boolOf(v: ScalarValue): Bool | undefined {
  if (v.value === null) return null;
  return typeof v.value === 'boolean' ? v.value : undefined;
}

function boolScalar(b: Bool): ScalarValue {
  return { type: DataTypes.boolean, value: b };
}

function and3(a: Bool, b: Bool): Bool {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}

function or3(a: Bool, b: Bool): Bool {
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

/** Code-point order, which is the byte order of the UTF-8 encodings. */
function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; ) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Order of two non-null values of the same type, or undefined when not decided here (NaN, intervals). */
function compareValues(a: ScalarValue, b: ScalarValue): number | undefined {
  const x = a.value;
  const y = b.value;
  if (typeof x === 'number' && typeof y === 'number') {
    if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'string' && typeof y === 'string') return compareText(x, y);
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  return undefined;
}

function evalComparison(op: BinaryOp, l: ScalarValue, r: ScalarValue): ScalarValue | undefined {
  if (op === 'IS DISTINCT FROM' || op === 'IS NOT DISTINCT FROM') {
    let same: boolean;
    if (l.value === null || r.value === null) same = l.value === null && r.value === null;
    else {
      const c = compareValues(l, r);
      if (c === undefined) return undefined;
      same = c === 0;
    }
    return boolScalar(op === 'IS DISTINCT FROM' ? !same : same);
  }
  if (l.value === null || r.value === null) return boolScalar(null);
  const c = compareValues(l, r);
  if (c === undefined) return undefined;
  switch (op) {
    case '=': return boolScalar(c === 0);
    case '<>': return boolScalar(c !== 0);
    case '<': return boolScalar(c < 0);
    case '<=': return boolScalar(c <= 0);
    case '>': return boolScalar(c > 0);
    case '>=': return boolScalar(c >= 0);
    default: return undefined;
  }
}

const MS_PER_DAY = 86_400_000;

/** `days` (a Date32) plus `months` calendar months, clamping to the month's last day as PostgreSQL does. */
function addMonths(days: number, months: number): number {
  const d = new Date(days * MS_PER_DAY);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)) / MS_PER_DAY);
}

function evalDateArithmetic(op: BinaryOp, l: ScalarValue, r: ScalarValue, result: DataType): ScalarValue | undefined {
  if (result.kind !== 'Date32' && !(result.kind === 'Int32' && l.type.kind === 'Date32')) return undefined;
  if (l.value === null || r.value === null) return { type: result, value: null };
  const sign = op === '-' ? -1 : 1;
  if (l.type.kind === 'Date32' && r.type.kind === 'Date32') return intScalar(BigInt((l.value as number) - (r.value as number)), result);
  const [date, other] = l.type.kind === 'Date32' ? [l, r] : [r, l];
  if (other.type.kind === 'Interval') {
    const iv = other.value as IntervalValue;
    if (iv.nanos !== 0n) return undefined;
    return { type: result, value: addMonths(date.value as number, sign * iv.months) + sign * iv.days };
  }
  if (typeof other.value === 'number') return { type: result, value: (date.value as number) + sign * other.value };
  return undefined;
}

function evalInteger(op: BinaryOp, x: bigint, y: bigint, result: DataType): ScalarValue | undefined {
  switch (op) {
    case '+': return intScalar(x + y, result);
    case '-': return intScalar(x - y, result);
    case '*': return intScalar(x * y, result);
    case '/': return y === 0n ? { type: result, value: null } : intScalar(x / y, result);
    case '%': return y === 0n ? { type: result, value: null } : intScalar(x % y, result);
    default: return undefined;
  }
}

function evalFloat(op: BinaryOp, x: number, y: number, result: DataType): ScalarValue | undefined {
  switch (op) {
    case '+': return { type: result, value: x + y };
    case '-': return { type: result, value: x - y };
    case '*': return { type: result, value: x * y };
    case '/': return { type: result, value: y === 0 ? null : x / y };
    case '%': return { type: result, value: y === 0 ? null : x % y };
    default: return undefined;
  }
}

function evalDecimal(op: BinaryOp, l: ScalarValue, r: ScalarValue, result: DataType & { kind: 'Decimal128' }): ScalarValue | undefined {
  const ls = (l.type as typeof result).scale;
  const rs = (r.type as typeof result).scale;
  const x = l.value as bigint;
  const y = r.value as bigint;
  const up = (v: bigint, s: number) => v * 10n ** BigInt(result.scale - s);
  let v: bigint | null;
  switch (op) {
    case '+': v = up(x, ls) + up(y, rs); break;
    case '-': v = up(x, ls) - up(y, rs); break;
    case '*': v = x * y; break;
    case '%': v = y === 0n ? null : up(x, ls) % up(y, rs); break;
    default: return undefined;
  }
  if (v !== null && !fitsPrecision(v, result.precision)) return undefined;
  return { type: result, value: v };
}

function evalArithmetic(op: BinaryOp, l: ScalarValue, r: ScalarValue, result: DataType): ScalarValue | undefined {
  if (l.type.kind === 'Date32' || r.type.kind === 'Date32') return evalDateArithmetic(op, l, r, result);
  if (l.value === null || r.value === null) return { type: result, value: null };
  switch (result.kind) {
    case 'Int32':
    case 'Int64':
      return evalInteger(op, BigInt(l.value as number | bigint), BigInt(r.value as number | bigint), result);
    case 'Float64':
      return evalFloat(op, l.value as number, r.value as number, result);
    case 'Decimal128':
      return evalDecimal(op, l, r, result);
    default:
      return undefined;
  }
}

/** `l op r` over two literals, or undefined when it is left to execution. */
export function evalBinary(op: BinaryOp, l: ScalarValue, r: ScalarValue): ScalarValue | undefined {
  if (op === 'AND' || op === 'OR') {
    const a = boolOf(l);
    const b = boolOf(r);
    if (a === undefined || b === undefined) return undefined;
    return boolScalar(op === 'AND' ? and3(a, b) : or3(a, b));
  }
  if (op === '||') {
    if (l.type.kind !== 'Utf8' && l.type.kind !== 'Null') return undefined;
    if (r.type.kind !== 'Utf8' && r.type.kind !== 'Null') return undefined;
    return { type: DataTypes.utf8, value: l.value === null || r.value === null ? null : (l.value as string) + (r.value as string) };
  }
  let typing;
  try {
    typing = binaryTyping(op, l.type, r.type);
  } catch {
    return undefined;
  }
  const lc = castScalar(l, typing.left);
  const rc = castScalar(r, typing.right);
  if (!lc || !rc) return undefined;
  if (isComparison(op)) return evalComparison(op, lc, rc);
  if (isArithmetic(op)) return evalArithmetic(op, lc, rc, typing.result);
  return undefined;
}

/** `op v` over a literal, or undefined when it is left to execution. */
export function evalUnary(op: UnaryOp, v: ScalarValue): ScalarValue | undefined {
  if (op === '-') {
    if (v.value === null) return v;
    if (v.type.kind === 'Int8' || v.type.kind === 'Int16' || v.type.kind === 'Int32' || v.type.kind === 'Int64') {
      return intScalar(-BigInt(v.value as number | bigint), v.type);
    }
    if (v.type.kind === 'Decimal128') return { type: v.type, value: -(v.value as bigint) };
    if (v.type.kind === 'Float32' || v.type.kind === 'Float64') return { type: v.type, value: -(v.value as number) };
    return undefined;
  }
  if (op === 'IS NULL') return boolScalar(v.value === null);
  if (op === 'IS NOT NULL') return boolScalar(v.value !== null);
  const b = boolOf(v);
  if (b === undefined) return undefined;
  switch (op) {
    case 'NOT': return boolScalar(b === null ? null : !b);
    case 'IS TRUE': return boolScalar(b === true);
    case 'IS FALSE': return boolScalar(b === false);
    case 'IS NOT TRUE': return boolScalar(b !== true);
    case 'IS NOT FALSE': return boolScalar(b !== false);
    default: return undefined;
  }
}

/** `x IN (list)` over literals: true on a match, else NULL when any operand is NULL, else false. */
export function evalInList(x: ScalarValue, list: readonly ScalarValue[], negated: boolean): ScalarValue | undefined {
  let acc: Bool = false;
  for (const item of list) {
    const eq = evalBinary('=', x, item);
    if (!eq) return undefined;
    acc = or3(acc, eq.value as Bool);
  }
  return boolScalar(negated ? (acc === null ? null : !acc) : acc);
}

/** `x BETWEEN low AND high` over literals. */
export function evalBetween(x: ScalarValue, low: ScalarValue, high: ScalarValue, negated: boolean): ScalarValue | undefined {
  const ge = evalBinary('>=', x, low);
  const le = evalBinary('<=', x, high);
  if (!ge || !le) return undefined;
  const b = and3(ge.value as Bool, le.value as Bool);
  return boolScalar(negated ? (b === null ? null : !b) : b);
}
