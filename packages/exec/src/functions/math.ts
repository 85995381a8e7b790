/**
 * Built-in numeric functions: abs, sign, round, floor, ceil/ceiling (exact on decimals, rounding half
 * away from zero; floats round half to even like PostgreSQL's float round), sqrt, cbrt, ln, log10/log,
 * exp, power/pow, mod, log with a base, log2, trigonometric and hyperbolic functions (NaN outside their domain),
 * atan2, degrees/radians, pi. The square root of a negative is an EXECUTION error; logarithms and powers
 * follow IEEE floats as DataFusion does (ln(0) = -Infinity, ln(-1) = NaN, pow(-2, 0.5) = NaN), except
 * that zero raised to a negative power is an EXECUTION error.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, isInteger, QuiverError, typeToString, type DataType } from '@quiver/common';
import { binaryTyping, type ColumnarValue, type ScalarFunction } from '@quiver/planner';
import { arithmetic } from '../kernels/arithmetic.js';
import { allocValues, makeFixed } from '../kernels/builders.js';
import { toArray } from '../kernels/scalar.js';
import { andBitmaps, getBit, validityOf } from '../kernels/validity.js';
import { checkDecimalPrecision, decimalAsBigInt, divRoundHalfAway, POW10_BIG, setDecimalFromBigInt, INT64_MIN } from '../kernels/wide-int.js';
import { integerReader } from './args.js';
import { argType, coerceToOverloads, defineFunction } from './signature.js';

/** Applies `fn` to every non-NULL value of a numeric array, producing `to` values. */
function mapNumeric(
  data: arrow.Data,
  from: DataType,
  to: DataType,
  fn: { num?: (x: number, i: number) => number; big?: (x: bigint, i: number) => bigint },
): arrow.Data {
  const n = data.length;
  const valid = validityOf(data);
  const out = allocValues(to, n);
  const live = (i: number) => valid === null || getBit(valid, i);
  if (from.kind === 'Decimal128' || from.kind === 'Int64') {
    const read = from.kind === 'Decimal128' ? (i: number) => decimalAsBigInt(data.values as Uint32Array, i) : (i: number) => (data.values as BigInt64Array)[i]!;
    for (let i = 0; i < n; i++) {
      if (!live(i)) continue;
      const v = fn.big!(read(i), i);
      if (to.kind === 'Decimal128') setDecimalFromBigInt(out as Uint32Array, i, v);
      else (out as BigInt64Array)[i] = v;
    }
  } else {
    const src = data.values as Float64Array;
    const o = out as Float64Array;
    for (let i = 0; i < n; i++) if (live(i)) o[i] = fn.num!(src[i]!, i);
  }
  return makeFixed(to, n, out, valid);
}

const INT_MIN: Record<string, number> = { Int8: -128, Int16: -32768, Int32: -2147483648 };

const absFn = defineFunction({
  name: 'abs',
  overloads: [['numeric']],
  returnType: (t) => t[0]!,
  invoke: (args, n, type) =>
    mapNumeric(toArray(args[0]!, n), type, type, {
      num: (x) => {
        if (x === INT_MIN[type.kind]) throw new QuiverError('EXECUTION', `${typeToString(type)} out of range: abs(${x})`);
        return Math.abs(x);
      },
      big: (x) => {
        if (type.kind === 'Int64' && x === INT64_MIN) throw new QuiverError('EXECUTION', `BIGINT out of range: abs(${x})`);
        return x < 0n ? -x : x;
      },
    }),
});

const signFn = defineFunction({
  name: 'sign',
  overloads: [['numeric']],
  returnType: (t) => t[0]!,
  invoke: (args, n, type) => {
    const one = type.kind === 'Decimal128' ? POW10_BIG[type.scale]! : 1n;
    return mapNumeric(toArray(args[0]!, n), type, type, {
      num: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
      big: (x) => (x > 0n ? one : x < 0n ? -one : 0n),
    });
  },
});

/** Round half to even (C rint), as PostgreSQL rounds floats. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** DECIMAL(p,s) rounded to an integer keeps its integer digits plus a possible carry. */
function integralDecimal(t: DataType): DataType {
  if (t.kind !== 'Decimal128') return t;
  return DataTypes.decimal(Math.min(38, t.precision - t.scale + 1), 0);
}

/** Rounds an unscaled decimal of scale `s` to `places` decimals with `mode`, keeping scale `s`. */
function roundUnscaled(v: bigint, s: number, places: number, mode: 'round' | 'floor' | 'ceil'): bigint {
  const k = s - places;
  if (k <= 0) return v;
  const d = POW10_BIG[k]!;
  let q: bigint;
  if (mode === 'round') q = divRoundHalfAway(v, k);
  else {
    q = v / d;
    const r = v - q * d;
    if (mode === 'floor' && r < 0n) q -= 1n;
    if (mode === 'ceil' && r > 0n) q += 1n;
  }
  return q * d;
}

/** A reader of decimal places that rejects counts outside the INTEGER range. */
function placesReader(read: (i: number) => number): (i: number) => number {
  return (i) => {
    const p = read(i);
    if (p > 2147483647 || p < -2147483648) throw new QuiverError('EXECUTION', `round: decimal places ${p} are out of the INTEGER range`);
    return p;
  };
}

function roundingFn(name: string, mode: 'round' | 'floor' | 'ceil'): ScalarFunction {
  return defineFunction({
    name,
    overloads: mode === 'round' ? [['numeric'], ['numeric', 'integer']] : [['numeric']],
    returnType: (t) => (t.length === 1 ? integralDecimal(t[0]!) : t[0]!),
    invoke: (args, n, type, argTypes) => {
      const from = argTypes[0]!;
      const data = toArray(args[0]!, n);
      if (isInteger(from)) return data;
      const places = args.length > 1 ? placesReader(integerReader(args[1]!)) : () => 0;
      const placesNull = args.length > 1 && args[1]!.kind === 'scalar' && args[1].value.value === null;
      if (placesNull) return makeFixed(type, n, allocValues(type, n), new Uint8Array((n + 7) >> 3));
      if (from.kind === 'Decimal128') {
        const s = from.scale;
        const targetScale = type.kind === 'Decimal128' ? type.scale : s;
        return mapNumeric(data, from, type, {
          big: (x, i) => {
            const r = roundUnscaled(x, s, Math.max(-38, Math.min(places(i), s)), mode);
            const v = targetScale === s ? r : r / POW10_BIG[s - targetScale]!;
            if (type.kind === 'Decimal128') checkDecimalPrecision(v, type.precision, name);
            return v;
          },
        });
      }
      const f = mode === 'round' ? rint : mode === 'floor' ? Math.floor : Math.ceil;
      return mapNumeric(data, from, type, {
        num: (x, i) => {
          const p = places(i);
          if (p === 0) return f(x);
          const m = 10 ** p;
          return f(x * m) / m;
        },
      });
    },
  });
}

function floatFn(name: string, fn: (x: number) => number, check?: (x: number) => string | null): ScalarFunction {
  return defineFunction({
    name,
    overloads: [['float']],
    returnType: () => DataTypes.float64,
    invoke: (args, n) =>
      mapNumeric(toArray(args[0]!, n), DataTypes.float64, DataTypes.float64, {
        num: (x) => {
          const problem = check?.(x);
          if (problem) throw new QuiverError('EXECUTION', `${name}: ${problem}`);
          return fn(x);
        },
      }),
  });
}

/** A function of two doubles (NULL when either is NULL). */
function binaryFloatFn(name: string, fn: (y: number, x: number) => number): ScalarFunction {
  return defineFunction({
    name,
    overloads: [['float', 'float']],
    returnType: () => DataTypes.float64,
    invoke: (args, n) => {
      const a = toArray(args[0]!, n);
      const b = toArray(args[1]!, n);
      const valid = andBitmaps(validityOf(a), validityOf(b), n);
      const x = a.values as Float64Array;
      const y = b.values as Float64Array;
      const out = allocValues(DataTypes.float64, n) as Float64Array;
      for (let i = 0; i < n; i++) if (valid === null || getBit(valid, i)) out[i] = fn(x[i]!, y[i]!);
      return makeFixed(DataTypes.float64, n, out, valid);
    },
  });
}

const piFn = defineFunction({
  name: 'pi',
  overloads: [[]],
  returnType: () => DataTypes.float64,
  invoke: (_args, n) => makeFixed(DataTypes.float64, n, (allocValues(DataTypes.float64, n) as Float64Array).fill(Math.PI), null),
});

const log10Of = floatFn('log', Math.log10);

/** log(x): base-10 logarithm; log(b, x): logarithm of x to base b. */
const logFn = defineFunction({
  name: 'log',
  overloads: [['float'], ['float', 'float']],
  returnType: () => DataTypes.float64,
  invoke: (args, n) => {
    if (args.length === 1) return log10Of.invoke(args, n, DataTypes.float64);
    const base = toArray(args[0]!, n);
    const x = toArray(args[1]!, n);
    const valid = andBitmaps(validityOf(base), validityOf(x), n);
    const b = base.values as Float64Array;
    const v = x.values as Float64Array;
    const out = allocValues(DataTypes.float64, n) as Float64Array;
    for (let i = 0; i < n; i++) if (valid === null || getBit(valid, i)) out[i] = Math.log(v[i]!) / Math.log(b[i]!);
    return makeFixed(DataTypes.float64, n, out, valid);
  },
});


const powerFn = (name: string) =>
  defineFunction({
    name,
    overloads: [['float', 'float']],
    returnType: () => DataTypes.float64,
    invoke: (args, n) => {
      const a = toArray(args[0]!, n);
      const b = toArray(args[1]!, n);
      const bv = b.values as Float64Array;
      const bValid = validityOf(b);
      const out = mapNumeric(a, DataTypes.float64, DataTypes.float64, {
        num: (x, i) => {
          const y = bv[i]!;
          if (x === 0 && y < 0) throw new QuiverError('EXECUTION', `${name}: zero raised to a negative power is undefined`);
          return x ** y;
        },
      });
      if (bValid === null) return out;
      return makeFixed(DataTypes.float64, n, out.values as Float64Array, andBitmaps(validityOf(out), bValid, n));
    },
  });

/** mod(a, b): the `%` operator (NULL on a zero divisor). */
const modFn: ScalarFunction = {
  name: 'mod',
  volatility: 'immutable',
  coerceArgs: (argTypes) => {
    const [a, b] = coerceToOverloads('mod', [['numeric', 'numeric']], argTypes);
    const t = binaryTyping('%', a!, b!);
    return [t.left, t.right];
  },
  returnType: (t) => binaryTyping('%', t[0]!, t[1]!).result,
  invoke: (args: readonly ColumnarValue[], n: number, type: DataType) =>
    arithmetic('%', args[0]!, argType(args[0]!), args[1]!, argType(args[1]!), type, n),
};

export function mathFunctions(): ScalarFunction[] {
  return [
    absFn,
    signFn,
    roundingFn('round', 'round'),
    roundingFn('floor', 'floor'),
    roundingFn('ceil', 'ceil'),
    roundingFn('ceiling', 'ceil'),
    floatFn('sqrt', Math.sqrt, (x) => (x < 0 ? 'cannot take square root of a negative number' : null)),
    floatFn('cbrt', Math.cbrt),
    floatFn('ln', Math.log),
    floatFn('log10', Math.log10),
    logFn,
    floatFn('exp', Math.exp),
    floatFn('log2', Math.log2),
    ...(
      [
        ['sin', Math.sin],
        ['cos', Math.cos],
        ['tan', Math.tan],
        ['cot', (x: number) => 1 / Math.tan(x)],
        ['asin', Math.asin],
        ['acos', Math.acos],
        ['atan', Math.atan],
        ['sinh', Math.sinh],
        ['cosh', Math.cosh],
        ['tanh', Math.tanh],
        ['asinh', Math.asinh],
        ['acosh', Math.acosh],
        ['atanh', Math.atanh],
        ['degrees', (x: number) => (x * 180) / Math.PI],
        ['radians', (x: number) => (x * Math.PI) / 180],
      ] as const
    ).map(([name, fn]) => floatFn(name, fn)),
    binaryFloatFn('atan2', Math.atan2),
    piFn,
    powerFn('power'),
    powerFn('pow'),
    modFn,
  ];
}
