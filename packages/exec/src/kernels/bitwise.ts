/**
 * Bitwise operators on integers of one type (Int8–Int64): & | ^ (XOR) and the shifts << >>
 * (arithmetic right shift; the shift count taken modulo the bit width, as Rust's wrapping shifts and
 * DataFusion do). Int8–Int32 work on the typed arrays with JS 32-bit operators, Int64 on BigInt64Array.
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, typeToString, type DataType } from '@quiver/common';
import type { BitwiseOp, ColumnarValue } from '@quiver/planner';
import { allocValues, makeAllNull, makeFixed } from './builders.js';
import { binaryValidity, isNullScalar, strideOf, valuesOf } from './operands.js';

const WIDTH: Record<string, number> = { Int8: 8, Int16: 16, Int32: 32 };

function narrowOp(op: BitwiseOp, width: number): (a: number, b: number) => number {
  const mask = width - 1;
  const wrap = width === 32 ? (x: number) => x | 0 : width === 16 ? (x: number) => (x << 16) >> 16 : (x: number) => (x << 24) >> 24;
  switch (op) {
    case '&': return (a, b) => a & b;
    case '|': return (a, b) => a | b;
    case '^': return (a, b) => a ^ b;
    case '<<': return (a, b) => wrap(a << (b & mask));
    case '>>': return (a, b) => a >> (b & mask);
  }
}

function wideOp(op: BitwiseOp): (a: bigint, b: bigint) => bigint {
  switch (op) {
    case '&': return (a, b) => a & b;
    case '|': return (a, b) => a | b;
    case '^': return (a, b) => a ^ b;
    case '<<': return (a, b) => BigInt.asIntN(64, a << (b & 63n));
    case '>>': return (a, b) => a >> (b & 63n);
  }
}

/** `l op r` for integer operands of the result type `type`. */
export function bitwise(op: BitwiseOp, l: ColumnarValue, r: ColumnarValue, length: number, type: DataType): arrow.Data {
  if (isNullScalar(l) || isNullScalar(r)) return makeAllNull(type, length);
  const sa = strideOf(l);
  const sb = strideOf(r);
  const out = allocValues(type, length);
  if (type.kind === 'Int64') {
    const a = valuesOf<ArrayLike<bigint>>(l, (s) => [BigInt(s.value as bigint)]);
    const b = valuesOf<ArrayLike<bigint>>(r, (s) => [BigInt(s.value as bigint)]);
    const f = wideOp(op);
    const o = out as BigInt64Array;
    for (let i = 0; i < length; i++) o[i] = f(a[i * sa]!, b[i * sb]!);
  } else {
    const width = WIDTH[type.kind];
    if (width === undefined) throw new QuiverError('INTERNAL', `no bitwise kernel for ${typeToString(type)}`);
    const a = valuesOf<ArrayLike<number>>(l, (s) => [s.value as number]);
    const b = valuesOf<ArrayLike<number>>(r, (s) => [s.value as number]);
    const f = narrowOp(op, width);
    const o = out as Int8Array | Int16Array | Int32Array;
    for (let i = 0; i < length; i++) o[i] = f(a[i * sa]!, b[i * sb]!);
  }
  return makeFixed(type, length, out, binaryValidity(l, r, length));
}
