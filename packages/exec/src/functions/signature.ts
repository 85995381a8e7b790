/**
 * Declaring built-in functions: parameter kinds and the implicit coercions each accepts, arity
 * checks, and the TYPE error naming the function and argument types when no overload fits.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, fromArrowType, isInteger, isNumeric, QuiverError, typeToString, type DataType } from '@quiver/common';
import { commonType, type ColumnarValue, type ScalarFunction, type Volatility } from '@quiver/planner';

/**
 * What a parameter accepts: `string` (VARCHAR), `integer` (any integer, passed as BIGINT), `float`
 * (any number, passed as DOUBLE), `numeric` (any number, passed as is), `temporal` (DATE,
 * TIMESTAMP or TIME, passed as is), `any` (passed as is).
 */
export type Param = 'string' | 'integer' | 'float' | 'numeric' | 'temporal' | 'any';

/** The type an argument of type `t` is passed as for `param`, or null when it does not fit. */
export function coerceParam(param: Param, t: DataType): DataType | null {
  const isNull = t.kind === 'Null';
  switch (param) {
    case 'string': return t.kind === 'Utf8' || isNull ? DataTypes.utf8 : null;
    case 'integer': return isInteger(t) || isNull ? DataTypes.int64 : null;
    case 'float': return isNumeric(t) || isNull ? DataTypes.float64 : null;
    case 'numeric': return isNumeric(t) ? t : isNull ? DataTypes.float64 : null;
    case 'temporal': return t.kind === 'Date32' || t.kind === 'Timestamp' || t.kind === 'Time' ? t : isNull ? DataTypes.date32 : null;
    case 'any': return t;
  }
}

export function noMatch(name: string, argTypes: readonly DataType[]): never {
  throw new QuiverError('TYPE', `function ${name}(${argTypes.map(typeToString).join(', ')}) does not exist: no overload accepts these argument types`);
}

/** Coerces `argTypes` to the first overload (a list of params) of matching arity that accepts them all. */
export function coerceToOverloads(name: string, overloads: readonly (readonly Param[])[], argTypes: readonly DataType[]): DataType[] {
  for (const params of overloads) {
    if (params.length !== argTypes.length) continue;
    const out: DataType[] = [];
    for (let i = 0; i < params.length; i++) {
      const t = coerceParam(params[i]!, argTypes[i]!);
      if (t === null) break;
      out.push(t);
    }
    if (out.length === params.length) return out;
  }
  return noMatch(name, argTypes);
}

/** The common type of all arguments (for COALESCE, GREATEST, ...), or a TYPE error. */
export function commonArgType(name: string, argTypes: readonly DataType[]): DataType {
  if (argTypes.length === 0) noMatch(name, argTypes);
  let t: DataType = DataTypes.null;
  for (const a of argTypes) {
    const c = commonType(t, a);
    if (c === null) noMatch(name, argTypes);
    t = c;
  }
  return t;
}

export interface FunctionSpec {
  readonly name: string;
  readonly volatility?: Volatility;
  /** Accepted parameter lists, tried in order. */
  readonly overloads: readonly (readonly Param[])[];
  readonly returnType: (argTypes: readonly DataType[]) => DataType;
  readonly invoke: (args: readonly ColumnarValue[], numRows: number, returnType: DataType, argTypes: readonly DataType[]) => arrow.Data;
}

/** A `ScalarFunction` from a spec: overload-based coercion, and argument types passed to `invoke`. */
export function defineFunction(spec: FunctionSpec): ScalarFunction {
  return {
    name: spec.name,
    volatility: spec.volatility ?? 'immutable',
    coerceArgs: (argTypes) => coerceToOverloads(spec.name, spec.overloads, argTypes),
    returnType: spec.returnType,
    invoke: (args, numRows, returnType) => spec.invoke(args, numRows, returnType, args.map(argType)),
  };
}

/** The Quiver type of an argument. */
export function argType(v: ColumnarValue): DataType {
  return v.kind === 'scalar' ? v.value.type : fromArrowType(v.data.type);
}
