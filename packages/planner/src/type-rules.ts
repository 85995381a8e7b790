/**
 * Type rules shared by planning and execution: the common type two operands are coerced to, and the
 * result type of every operator. Decimal results follow PostgreSQL/DuckDB (add: max scale, one more
 * integer digit; multiply: scales and precisions add, capped at 38); decimal division yields DOUBLE
 * as in DuckDB; integer division stays integer and truncates, as in PostgreSQL.
 */
import { DataTypes, isFloat, isInteger, isNumeric, QuiverError, typeToString, type DataType } from '@quiver/common';
import type { BinaryOp } from './expr.js';

const INT_RANK = { Int8: 1, Int16: 2, Int32: 3, Int64: 4 } as const;
const INT_DIGITS = { Int8: 3, Int16: 5, Int32: 10, Int64: 19 } as const;

/** The exact decimal type an integer type widens to. */
export function integerAsDecimal(t: DataType): DataType {
  return DataTypes.decimal(INT_DIGITS[t.kind as keyof typeof INT_DIGITS], 0);
}

function decimalParts(t: DataType): { p: number; s: number } {
  if (t.kind === 'Decimal128') return { p: t.precision, s: t.scale };
  if (isInteger(t)) return { p: INT_DIGITS[t.kind as keyof typeof INT_DIGITS], s: 0 };
  throw new QuiverError('INTERNAL', `not a decimal or integer type: ${typeToString(t)}`);
}

/** Smallest decimal that holds both (integers count as DECIMAL(n,0)). */
function widerDecimal(a: DataType, b: DataType): DataType {
  const x = decimalParts(a);
  const y = decimalParts(b);
  const s = Math.max(x.s, y.s);
  const intDigits = Math.max(x.p - x.s, y.p - y.s);
  return DataTypes.decimal(Math.min(38, intDigits + s), s);
}

/**
 * The type both sides of a comparison, UNION column, CASE branch or IN list are coerced to, or null
 * when there is none. Strings compare with dates/numbers by casting the string (as literals in SQL do).
 */
export function commonType(a: DataType, b: DataType): DataType | null {
  if (a.kind === 'List' || b.kind === 'List') return commonListType(a, b);
  if (a.kind === b.kind) {
    if (a.kind === 'Decimal128') return widerDecimal(a, b);
    if (a.kind === 'Timestamp' && b.kind === 'Timestamp') return a.unit === b.unit ? a : DataTypes.timestamp('microsecond', a.timezone);
    return a;
  }
  if (a.kind === 'Null') return b;
  if (b.kind === 'Null') return a;
  if (isInteger(a) && isInteger(b)) {
    return INT_RANK[a.kind as keyof typeof INT_RANK] >= INT_RANK[b.kind as keyof typeof INT_RANK] ? a : b;
  }
  if (isNumeric(a) && isNumeric(b)) {
    if (isFloat(a) || isFloat(b)) return DataTypes.float64;
    return widerDecimal(a, b); // decimal with integer
  }
  if (a.kind === 'Utf8' && b.kind !== 'Interval') return b;
  if (b.kind === 'Utf8' && a.kind !== 'Interval') return a;
  if (a.kind === 'Date32' && b.kind === 'Timestamp') return b;
  if (a.kind === 'Timestamp' && b.kind === 'Date32') return a;
  return null;
}

/** Lists meet item-wise (`[1]` and `[2.5]` are DOUBLE[]); a NULL meets a list as the list. */
function commonListType(a: DataType, b: DataType): DataType | null {
  if (a.kind === 'Null') return b;
  if (b.kind === 'Null') return a;
  if (a.kind !== 'List' || b.kind !== 'List') return null;
  const item = commonType(a.item, b.item);
  return item === null ? null : DataTypes.list(item);
}

export function isComparison(op: BinaryOp): boolean {
  return op === '=' || op === '<>' || op === '<' || op === '<=' || op === '>' || op === '>=' || op === 'IS DISTINCT FROM' || op === 'IS NOT DISTINCT FROM';
}

export function isBitwise(op: BinaryOp): boolean {
  return op === '&' || op === '|' || op === '^' || op === '<<' || op === '>>';
}

export function isArithmetic(op: BinaryOp): boolean {
  return op === '+' || op === '-' || op === '*' || op === '/' || op === '%';
}

export interface BinaryTyping {
  /** Types the left and right operands are cast to. */
  readonly left: DataType;
  readonly right: DataType;
  readonly result: DataType;
}

function fail(op: BinaryOp, l: DataType, r: DataType): never {
  throw new QuiverError('TYPE', `cannot apply operator '${op}' to ${typeToString(l)} and ${typeToString(r)}`);
}

/** How a binary operator types its operands: what each side is cast to, and the result type. */
export function binaryTyping(op: BinaryOp, l: DataType, r: DataType): BinaryTyping {
  if (op === 'AND' || op === 'OR') {
    for (const t of [l, r]) if (t.kind !== 'Boolean' && t.kind !== 'Null') fail(op, l, r);
    return { left: DataTypes.boolean, right: DataTypes.boolean, result: DataTypes.boolean };
  }
  if (op === '||') {
    return { left: DataTypes.utf8, right: DataTypes.utf8, result: DataTypes.utf8 };
  }
  if (isComparison(op)) {
    const t = commonType(l, r);
    if (t === null) fail(op, l, r);
    return { left: t, right: t, result: DataTypes.boolean };
  }
  if (isBitwise(op)) {
    // Integers of one type (the wider one); a NULL takes the other side's type.
    const t = commonType(l, r);
    if (t === null || !(isInteger(t) || t.kind === 'Null')) fail(op, l, r);
    const it = t.kind === 'Null' ? DataTypes.int32 : t;
    return { left: it, right: it, result: it };
  }
  return arithmeticTyping(op, l, r);
}

function arithmeticTyping(op: BinaryOp, l: DataType, r: DataType): BinaryTyping {
  if (l.kind === 'Time' || r.kind === 'Time') return timeArithmeticTyping(op, l, r);
  // Date and interval arithmetic.
  if (l.kind === 'Date32' || l.kind === 'Timestamp') {
    if (r.kind === 'Interval' && (op === '+' || op === '-')) {
      return { left: l, right: r, result: l };
    }
    if (op === '+' && isInteger(r) && l.kind === 'Date32') return { left: l, right: DataTypes.int32, result: l };
    if (op === '-' && isInteger(r) && l.kind === 'Date32') return { left: l, right: DataTypes.int32, result: l };
    if (op === '-' && l.kind === 'Date32' && r.kind === 'Date32') return { left: l, right: r, result: DataTypes.int32 };
    if (op === '-' && (r.kind === 'Date32' || r.kind === 'Timestamp')) return { left: l, right: r, result: DataTypes.interval };
    if ((r.kind === 'Utf8' || r.kind === 'Null') && (op === '+' || op === '-')) return { left: l, right: DataTypes.interval, result: l };
    fail(op, l, r);
  }
  if (r.kind === 'Date32' && op === '+' && (l.kind === 'Interval' || isInteger(l))) {
    return { left: l.kind === 'Interval' ? l : DataTypes.int32, right: r, result: r };
  }
  if (r.kind === 'Timestamp' && op === '+' && l.kind === 'Interval') return { left: l, right: r, result: r };
  if (l.kind === 'Interval' && r.kind === 'Interval' && (op === '+' || op === '-')) {
    return { left: l, right: r, result: l };
  }
  if (l.kind === 'Null' || r.kind === 'Null') {
    const other = l.kind === 'Null' ? r : l;
    if (other.kind === 'Null') return { left: DataTypes.int32, right: DataTypes.int32, result: DataTypes.int32 };
    return arithmeticTyping(op, other, other);
  }
  // A string operand in arithmetic is read as a number (SQLite and PostgreSQL literals allow it).
  if (l.kind === 'Utf8') return arithmeticTyping(op, DataTypes.float64, r.kind === 'Utf8' ? DataTypes.float64 : r);
  if (r.kind === 'Utf8') return arithmeticTyping(op, l, DataTypes.float64);
  if (!isNumeric(l) || !isNumeric(r)) fail(op, l, r);

  if (isFloat(l) || isFloat(r)) {
    return { left: DataTypes.float64, right: DataTypes.float64, result: DataTypes.float64 };
  }
  if (isInteger(l) && isInteger(r)) {
    const t = commonType(l, r)!;
    // Int8/Int16 arithmetic is done in Int32 like PostgreSQL's int2 promotion would overflow less.
    const wide = INT_RANK[t.kind as keyof typeof INT_RANK] < 3 ? DataTypes.int32 : t;
    return { left: wide, right: wide, result: wide };
  }
  // At least one decimal: integers become DECIMAL(n,0).
  const x = decimalParts(l);
  const y = decimalParts(r);
  const ld = DataTypes.decimal(x.p, x.s);
  const rd = DataTypes.decimal(y.p, y.s);
  switch (op) {
    case '+':
    case '-': {
      const s = Math.max(x.s, y.s);
      const p = Math.min(38, Math.max(x.p - x.s, y.p - y.s) + s + 1);
      return { left: ld, right: rd, result: DataTypes.decimal(p, s) };
    }
    case '*': {
      const s = x.s + y.s;
      if (s > 38) fail(op, l, r);
      return { left: ld, right: rd, result: DataTypes.decimal(Math.min(38, x.p + y.p), s) };
    }
    case '/':
      return { left: DataTypes.float64, right: DataTypes.float64, result: DataTypes.float64 };
    case '%': {
      const s = Math.max(x.s, y.s);
      const p = Math.min(38, Math.max(x.p - x.s, y.p - y.s) + s);
      return { left: ld, right: rd, result: DataTypes.decimal(p, s) };
    }
    default:
      return fail(op, l, r);
  }
}

/**
 * TIME − TIME → INTERVAL; TIME ± INTERVAL and INTERVAL + TIME → TIME (a string or NULL beside a time
 * is read as the interval, or for `NULL - time` as the time); DATE + TIME → TIMESTAMP; nothing else,
 * as in PostgreSQL.
 */
function timeArithmeticTyping(op: BinaryOp, l: DataType, r: DataType): BinaryTyping {
  const time = DataTypes.time;
  const interval = DataTypes.interval;
  const intervalLike = (t: DataType) => t.kind === 'Interval' || t.kind === 'Utf8' || t.kind === 'Null';
  if (l.kind === 'Time' && r.kind === 'Time' && op === '-') return { left: time, right: time, result: interval };
  if (l.kind === 'Time' && intervalLike(r) && (op === '+' || op === '-')) return { left: time, right: interval, result: time };
  if (r.kind === 'Time' && intervalLike(l) && op === '+') return { left: interval, right: time, result: time };
  if (r.kind === 'Time' && l.kind === 'Null' && op === '-') return { left: time, right: time, result: interval };
  if (op === '+' && (l.kind === 'Date32' || r.kind === 'Date32')) return { left: l, right: r, result: DataTypes.timestamp('microsecond') };
  return fail(op, l, r);
}

/** Whether a value of type `from` can be CAST to `to` (the cast may still fail on particular values). */
export function canCast(from: DataType, to: DataType): boolean {
  if (from.kind === 'List') return to.kind === 'Utf8' || (to.kind === 'List' && canCast(from.item, to.item));
  if (to.kind === 'List') return from.kind === 'Null';
  if (from.kind === 'Null' || from.kind === to.kind) return true;
  if (from.kind === 'Utf8' || to.kind === 'Utf8') return true;
  if (isNumeric(from) && isNumeric(to)) return true;
  if (from.kind === 'Boolean' && isNumeric(to)) return true;
  if (isNumeric(from) && to.kind === 'Boolean') return true;
  if ((from.kind === 'Date32' || from.kind === 'Timestamp') && (to.kind === 'Date32' || to.kind === 'Timestamp')) return true;
  return from.kind === 'Timestamp' && to.kind === 'Time';
}
