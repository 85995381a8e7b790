/**
 * Float32/Float64 arithmetic (+ - * / %); division or modulo by zero yields NULL.
 */
import type * as arrow from 'apache-arrow';
import type { DataType } from '@quiver/common';
import type { ArithmeticOp, ColumnarValue } from '@quiver/planner';
import { allocValues, makeFixed } from './builders.js';
import { binaryValidity, strideOf, valuesOf } from './operands.js';
import { allValid, clearBit } from './validity.js';

export function floatArithmetic(op: ArithmeticOp, l: ColumnarValue, r: ColumnarValue, length: number, type: DataType): arrow.Data {
  const a = valuesOf<ArrayLike<number>>(l, (s) => [s.value as number]);
  const b = valuesOf<ArrayLike<number>>(r, (s) => [s.value as number]);
  const sa = strideOf(l);
  const sb = strideOf(r);
  const out = allocValues(type, length) as Float64Array;
  let valid = binaryValidity(l, r, length);
  switch (op) {
    case '+':
      for (let i = 0; i < length; i++) out[i] = a[i * sa]! + b[i * sb]!;
      break;
    case '-':
      for (let i = 0; i < length; i++) out[i] = a[i * sa]! - b[i * sb]!;
      break;
    case '*':
      for (let i = 0; i < length; i++) out[i] = a[i * sa]! * b[i * sb]!;
      break;
    case '/':
    case '%': {
      let copied = false;
      for (let i = 0; i < length; i++) {
        const y = b[i * sb]!;
        if (y === 0) {
          if (!copied) {
            valid = valid === null ? allValid(length) : valid.slice();
            copied = true;
          }
          clearBit(valid!, i);
          continue;
        }
        out[i] = op === '/' ? a[i * sa]! / y : a[i * sa]! % y;
      }
      break;
    }
  }
  return makeFixed(type, length, out, valid);
}
