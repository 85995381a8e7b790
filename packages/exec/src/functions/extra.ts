/**
 * Scalar functions other engines (DataFusion, MySQL, SQLite) offer beyond PostgreSQL's core set:
 * ends_with, chr, find_in_set, substring_index, levenshtein, split_part; isnan, iszero, nanvl, signum,
 * trunc (with optional decimal places), gcd, lcm, factorial. NULL in, NULL out.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, type DataType } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { allocValues, makeFixed } from '../kernels/builders.js';
import { allValid, clearBit } from '../kernels/validity.js';
import { INT64_MAX } from '../kernels/wide-int.js';
import { anyNull, integerReader, numberReader, stringReader } from './args.js';
import { defineFunction } from './signature.js';
import { booleanResult, charsOf, int32Result, stringResult, stringTestFunction } from './text.js';

const utf8Result = () => DataTypes.utf8;
const float64Result = () => DataTypes.float64;

const endsWith = stringTestFunction('ends_with', (s, suffix) => s.endsWith(suffix));

const chr = defineFunction({
  name: 'chr',
  overloads: [['integer']],
  returnType: utf8Result,
  invoke: (args, n) => {
    const code = integerReader(args[0]!);
    return stringResult(args, n, (i) => {
      const c = code(i);
      if (c <= 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) throw new QuiverError('EXECUTION', `chr: ${c} is not a valid character code`);
      return String.fromCodePoint(c);
    });
  },
});

/** find_in_set(s, 'a,b,c'): the 1-based position of `s` in the comma-separated list, 0 when absent. */
const findInSet = defineFunction({
  name: 'find_in_set',
  overloads: [['string', 'string']],
  returnType: () => DataTypes.int32,
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    const list = stringReader(args[1]!);
    return int32Result(args, n, (i) => list(i).split(',').indexOf(s(i)) + 1);
  },
});

/** substring_index(s, delim, k), alias substr_index: before the k-th delimiter (k > 0), or after the k-th from the end (k < 0). */
const substringIndex = (name: string) => defineFunction({
  name,
  overloads: [['string', 'string', 'integer']],
  returnType: utf8Result,
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    const delim = stringReader(args[1]!);
    const count = integerReader(args[2]!);
    return stringResult(args, n, (i) => {
      const text = s(i);
      const d = delim(i);
      const k = count(i);
      if (k === 0 || d === '') return '';
      const parts = text.split(d);
      return k > 0 ? parts.slice(0, k).join(d) : parts.slice(Math.max(parts.length + k, 0)).join(d);
    });
  },
});

function editDistance(a: string, b: string): number {
  const x = Array.from(charsOf(a));
  const y = Array.from(charsOf(b));
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length]!;
}

const levenshtein = defineFunction({
  name: 'levenshtein',
  overloads: [['string', 'string']],
  returnType: () => DataTypes.int32,
  invoke: (args, n) => {
    const a = stringReader(args[0]!);
    const b = stringReader(args[1]!);
    return int32Result(args, n, (i) => editDistance(a(i), b(i)));
  },
});

/** split_part(s, delim, k): the k-th field (1-based; negative counts from the end), '' when there is none. */
const splitPart = defineFunction({
  name: 'split_part',
  overloads: [['string', 'string', 'integer']],
  returnType: utf8Result,
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    const delim = stringReader(args[1]!);
    const field = integerReader(args[2]!);
    return stringResult(args, n, (i) => {
      const k = field(i);
      if (k === 0) throw new QuiverError('EXECUTION', 'split_part: field position must not be zero');
      const d = delim(i);
      const parts = d === '' ? [s(i)] : s(i).split(d);
      return parts[k > 0 ? k - 1 : parts.length + k] ?? '';
    });
  },
});

/**
 * A DOUBLE or BIGINT result of `numRows` rows: `fn(x(i), y(i))`, or NULL where `isNull(i)`. The
 * readers and `fn` come separately so that a row costs the same calls as a loop written inline.
 */
function binaryRows<X, Y, R extends number | bigint>(
  type: DataType,
  numRows: number,
  isNull: (i: number) => boolean,
  x: (i: number) => X,
  y: (i: number) => Y,
  fn: (x: X, y: Y) => R,
): arrow.Data {
  const out = allocValues(type, numRows);
  const slots = out as unknown as { [i: number]: R };
  let valid: Uint8Array | null = null;
  for (let i = 0; i < numRows; i++) {
    if (isNull(i)) {
      valid ??= allValid(numRows);
      clearBit(valid, i);
    } else slots[i] = fn(x(i), y(i));
  }
  return makeFixed(type, numRows, out, valid);
}

/** A function of doubles to a double: NULL when any argument is NULL, unless `needsSecond` says the second one is not needed. */
function floatFunction(name: string, arity: 1 | 2, fn: (x: number, y: number) => number, needsSecond?: (x: number) => boolean): ScalarFunction {
  return defineFunction({
    name,
    overloads: [arity === 1 ? ['float'] : ['float', 'float']],
    returnType: float64Result,
    invoke: (args, n) => {
      const xNull = anyNull(args.slice(0, 1));
      const yNull = anyNull(args.slice(1));
      const isNull = (i: number) => xNull(i) || (yNull(i) && (needsSecond === undefined || needsSecond(x(i))));
      const x = numberReader(args[0]!);
      const y = arity === 2 ? numberReader(args[1]!) : () => 0;
      return binaryRows(DataTypes.float64, n, isNull, x, y, fn);
    },
  });
}

/** A function of BIGINTs to a BIGINT (exact below 2^53). */
function bigintFunction(name: string, arity: 1 | 2, fn: (x: number, y: number) => bigint): ScalarFunction {
  return defineFunction({
    name,
    overloads: [arity === 1 ? ['integer'] : ['integer', 'integer']],
    returnType: () => DataTypes.int64,
    invoke: (args, n) => {
      const x = integerReader(args[0]!);
      const y = arity === 2 ? integerReader(args[1]!) : () => 0;
      return binaryRows(DataTypes.int64, n, anyNull(args), x, y, fn);
    },
  });
}

/** |a| and |b|'s greatest common divisor, as an unbounded bigint (2^63 for gcd(-2^63, 0)). */
function gcdOf(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function checkedBigint(name: string, v: bigint): bigint {
  if (v > INT64_MAX) throw new QuiverError('EXECUTION', `${name}: the result ${v} overflows BIGINT`);
  return v;
}

/**
 * gcd/lcm over exact BIGINTs (DECIMALs of scale 0 are taken as BIGINT too); a result beyond the
 * BIGINT range, such as gcd(-2^63, 0) = 2^63, is an EXECUTION error.
 */
function integerPairFunction(name: string, fn: (x: bigint, y: bigint) => bigint): ScalarFunction {
  const spec = defineFunction({
    name,
    overloads: [['integer', 'integer']],
    returnType: () => DataTypes.int64,
    invoke: (args, n) => {
      const checked = (a: bigint, b: bigint) => checkedBigint(name, fn(a, b));
      return binaryRows(DataTypes.int64, n, anyNull(args), bigintReader(args[0]!), bigintReader(args[1]!), checked);
    },
  });
  const wholeDecimal = (t: DataType) => (t.kind === 'Decimal128' && t.scale === 0 ? DataTypes.int64 : t);
  return { ...spec, coerceArgs: (argTypes) => spec.coerceArgs(argTypes.map(wholeDecimal)) };
}

/** Row i of a BIGINT argument as an exact bigint. */
function bigintReader(v: ColumnarValue): (i: number) => bigint {
  if (v.kind === 'scalar') {
    const x = (v.value.value as bigint | null) ?? 0n;
    return () => x;
  }
  const values = v.data.values as BigInt64Array;
  return (i) => values[i]!;
}

/** trunc(x, places): x truncated toward zero to `places` decimals (negative: tens, hundreds, ...). */
function truncPlaces(x: number, places: number): number {
  if (places === 0) return Math.trunc(x);
  const m = 10 ** places;
  return Math.trunc(x * m) / m;
}

function factorial(x: number): bigint {
  if (x < 0) throw new QuiverError('EXECUTION', 'factorial of a negative number is undefined');
  if (x > 20) throw new QuiverError('EXECUTION', `factorial(${x}) overflows BIGINT`);
  let f = 1n;
  for (let k = 2n; k <= BigInt(x); k++) f *= k;
  return f;
}

const isFloatTest = (name: string, test: (x: number) => boolean) =>
  defineFunction({
    name,
    overloads: [['float']],
    returnType: () => DataTypes.boolean,
    invoke: (args, n) => {
      const x = numberReader(args[0]!);
      return booleanResult(args, n, (i) => test(x(i)));
    },
  });

const truncFn = defineFunction({
  name: 'trunc',
  overloads: [['float'], ['float', 'integer']],
  returnType: float64Result,
  invoke: (args, n) => {
    const places = args.length > 1 ? integerReader(args[1]!) : () => 0;
    return binaryRows(DataTypes.float64, n, anyNull(args), numberReader(args[0]!), places, truncPlaces);
  },
});

export function extraFunctions(): ScalarFunction[] {
  return [
    endsWith,
    chr,
    findInSet,
    substringIndex('substring_index'),
    substringIndex('substr_index'),
    levenshtein,
    splitPart,
    isFloatTest('isnan', Number.isNaN),
    isFloatTest('iszero', (x) => x === 0),
    floatFunction('nanvl', 2, (x, y) => (Number.isNaN(x) ? y : x), Number.isNaN),
    floatFunction('signum', 1, (x) => (Number.isNaN(x) ? x : Math.sign(x))),
    truncFn,
    integerPairFunction('gcd', gcdOf),
    integerPairFunction('lcm', (a, b) => (a === 0n || b === 0n ? 0n : ((a < 0n ? -a : a) / gcdOf(a, b)) * (b < 0n ? -b : b))),
    bigintFunction('factorial', 1, factorial),
  ];
}
