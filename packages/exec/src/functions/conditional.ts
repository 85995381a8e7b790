/**
 * Built-in conditional functions over arguments coerced to their common type: coalesce, nullif,
 * greatest and least (which ignore NULLs, as in PostgreSQL, and are NULL only when all arguments are).
 */
import type * as arrow from 'apache-arrow';
import { toArrowType, type DataType } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { coalesce, nullif } from '../kernels/conditional.js';
import { compare } from '../kernels/compare.js';
import { concatData } from '../selection/concat.js';
import { takeData } from '../selection/take.js';
import { toArray } from '../kernels/scalar.js';
import { getBit, validityOf } from '../kernels/validity.js';
import { commonArgType, noMatch } from './signature.js';

function variadic(name: string, invoke: ScalarFunction['invoke'], arity?: number): ScalarFunction {
  return {
    name,
    volatility: 'immutable',
    coerceArgs: (argTypes) => {
      if (arity !== undefined && argTypes.length !== arity) noMatch(name, argTypes);
      const t = commonArgType(name, argTypes);
      return argTypes.map(() => t);
    },
    returnType: (argTypes) => commonArgType(name, argTypes),
    invoke,
  };
}

/** Per row, `b` where it is non-NULL and (`a` is NULL or `b` beats `a`), else `a`. */
function pick(a: arrow.Data, b: arrow.Data, type: DataType, op: '>' | '<'): arrow.Data {
  const n = a.length;
  const beats = compare(op, { kind: 'array', data: b }, { kind: 'array', data: a }, type, n);
  const bits = beats.values as Uint8Array;
  const av = a.type.typeId === 1 ? new Uint8Array((n + 7) >> 3) : validityOf(a);
  const bv = b.type.typeId === 1 ? new Uint8Array((n + 7) >> 3) : validityOf(b);
  const index = new Int32Array(n);
  let anyB = false;
  for (let i = 0; i < n; i++) {
    const bValid = bv === null || getBit(bv, i);
    const aValid = av === null || getBit(av, i);
    const useB = bValid && (!aValid || getBit(bits, beats.offset + i));
    index[i] = useB ? n + i : i;
    anyB ||= useB;
  }
  return anyB ? takeData(concatData(toArrowType(type), [a, b]), index) : a;
}

function extremum(name: string, op: '>' | '<'): ScalarFunction {
  return variadic(name, (args: readonly ColumnarValue[], n: number, type: DataType) => {
    let acc = toArray(args[0]!, n);
    for (let k = 1; k < args.length; k++) acc = pick(acc, toArray(args[k]!, n), type, op);
    return acc;
  });
}

export function conditionalFunctions(): ScalarFunction[] {
  return [
    variadic('coalesce', (args, n, type) => coalesce(args, type, n)),
    variadic('nullif', (args, n, type) => nullif(args[0]!, args[1]!, type, n), 2),
    extremum('greatest', '>'),
    extremum('least', '<'),
  ];
}
