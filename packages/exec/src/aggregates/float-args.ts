/**
 * Argument handling shared by the statistical aggregates (variance, covariance, regression): every
 * numeric argument is computed over as DOUBLE (a NULL literal too), anything else is a TYPE error
 * naming the function.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, isNumeric, QuiverError, typeToString, type DataType } from '@quiver/common';

/** `arity` DOUBLE arguments, or a TYPE error when the count is wrong or an argument is not numeric. */
export function floatArgs(fn: string, argTypes: readonly DataType[], arity: number): DataType[] {
  if (argTypes.length !== arity) {
    throw new QuiverError('TYPE', `${fn}() takes exactly ${arity} argument${arity === 1 ? '' : 's'}, got ${argTypes.length}`);
  }
  for (const t of argTypes) {
    if (t.kind !== 'Null' && !isNumeric(t)) throw new QuiverError('TYPE', `${fn}(${argTypes.map(typeToString).join(', ')}) is not supported: the arguments must be numeric`);
  }
  return argTypes.map(() => DataTypes.float64);
}

/** The Float64 values of a DOUBLE argument column (empty for a column of NULL type). */
export function float64Values(data: arrow.Data): Float64Array {
  return data.values instanceof Float64Array ? data.values : new Float64Array(0);
}
