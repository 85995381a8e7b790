/**
 * Character-level helpers for string functions: code-point aware lengths and slicing of JS strings
 * (PostgreSQL counts characters, not UTF-16 units), per-row result builders, and the row-by-row
 * string functions built from them (VARCHAR to VARCHAR, a test of two VARCHARs).
 */
import type * as arrow from 'apache-arrow';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { allocValues, makeBoolean, makeFixed, Utf8Builder } from '../kernels/builders.js';
import { allValid, clearBit } from '../kernels/validity.js';
import { DataTypes, type DataType } from '@quiver/common';
import { anyNull, stringReader } from './args.js';
import { defineFunction } from './signature.js';

const SURROGATE = /[\uD800-\uDFFF]/;

/** The characters (code points) of `s`; `s` itself when it has no surrogate pairs (then units = characters). */
export function charsOf(s: string): string | string[] {
  return SURROGATE.test(s) ? Array.from(s) : s;
}

export function charLength(s: string): number {
  return SURROGATE.test(s) ? Array.from(s).length : s.length;
}

/** Characters [from, to) of `s` (0-based, clamped). */
export function sliceChars(s: string, from: number, to: number): string {
  const c = charsOf(s);
  const a = Math.max(0, from);
  const b = Math.min(c.length, to);
  if (b <= a) return '';
  return typeof c === 'string' ? c.slice(a, b) : c.slice(a, b).join('');
}

/** A VARCHAR result of `numRows` rows: NULL where any argument is NULL or `fn` returns null. */
export function stringResult(args: readonly ColumnarValue[], numRows: number, fn: (i: number) => string | null): arrow.Data {
  const isNull = anyNull(args);
  const out = new Utf8Builder(numRows);
  for (let i = 0; i < numRows; i++) {
    const v = isNull(i) ? null : fn(i);
    if (v === null) out.appendNull();
    else out.appendString(v);
  }
  return out.finish();
}

/** An INTEGER result (or another type stored as 32-bit integers, such as DATE): NULL where any argument is NULL. */
export function int32Result(args: readonly ColumnarValue[], numRows: number, fn: (i: number) => number, type: DataType = DataTypes.int32): arrow.Data {
  const isNull = anyNull(args);
  const values = allocValues(type, numRows) as Int32Array;
  let valid: Uint8Array | null = null;
  for (let i = 0; i < numRows; i++) {
    if (isNull(i)) {
      valid ??= allValid(numRows);
      clearBit(valid, i);
    } else values[i] = fn(i);
  }
  return makeFixed(type, numRows, values, valid);
}

/** A BOOLEAN result: NULL where any argument is NULL. */
export function booleanResult(args: readonly ColumnarValue[], numRows: number, fn: (i: number) => boolean): arrow.Data {
  const isNull = anyNull(args);
  const bits = new Uint8Array((numRows + 7) >> 3);
  let valid: Uint8Array | null = null;
  for (let i = 0; i < numRows; i++) {
    if (isNull(i)) {
      valid ??= allValid(numRows);
      clearBit(valid, i);
    } else if (fn(i)) bits[i >> 3]! |= 1 << (i & 7);
  }
  return makeBoolean(numRows, bits, valid);
}

/** `name(s)`: VARCHAR to VARCHAR by `fn`, row by row (NULL in, NULL out). */
export function stringMapFunction(name: string, fn: (s: string) => string): ScalarFunction {
  return defineFunction({
    name,
    overloads: [['string']],
    returnType: () => DataTypes.utf8,
    invoke: (args, n) => {
      const s = stringReader(args[0]!);
      return stringResult(args, n, (i) => fn(s(i)));
    },
  });
}

/** `name(s, t)`: a BOOLEAN test of two VARCHARs, row by row (NULL in, NULL out). */
export function stringTestFunction(name: string, test: (s: string, t: string) => boolean): ScalarFunction {
  return defineFunction({
    name,
    overloads: [['string', 'string']],
    returnType: () => DataTypes.boolean,
    invoke: (args, n) => {
      const s = stringReader(args[0]!);
      const t = stringReader(args[1]!);
      return booleanResult(args, n, (i) => test(s(i), t(i)));
    },
  });
}
