/**
 * Built-in scalar and table functions (lower-case names), for the session's function registry.
 */
import type { ScalarFunction, TableFunction } from '@quiver/planner';
import { SeriesTableFunction } from '../sources/series-table.js';
import { arrayFunctions } from './array.js';
import { arrayTransformFunctions } from './array-transform.js';
import { conditionalFunctions } from './conditional.js';
import { dateTimeFunctions } from './datetime.js';
import { extraFunctions } from './extra.js';
import { mathFunctions } from './math.js';
import { stringFunctions } from './string.js';
import { unnestInSelect, unnestTableFunction } from './unnest.js';

export function builtinScalarFunctions(): ScalarFunction[] {
  return [...stringFunctions(), ...mathFunctions(), ...conditionalFunctions(), ...dateTimeFunctions(), ...extraFunctions(), ...arrayFunctions(), ...arrayTransformFunctions(), unnestInSelect];
}

/** Built-in table functions (called in FROM), for the session's function registry. */
export function builtinTableFunctions(): TableFunction[] {
  return [new SeriesTableFunction('generate_series'), new SeriesTableFunction('range'), unnestTableFunction];
}

export { defineFunction, coerceParam, coerceToOverloads, commonArgType, type FunctionSpec, type Param } from './signature.js';
export { substring } from './string.js';
