/**
 * Built-in scalar functions (lower-case names), for the session's function registry.
 */
import type { ScalarFunction } from '@quiver/planner';
import { arrayFunctions } from './array.js';
import { arrayTransformFunctions } from './array-transform.js';
import { conditionalFunctions } from './conditional.js';
import { dateTimeFunctions } from './datetime.js';
import { extraFunctions } from './extra.js';
import { mathFunctions } from './math.js';
import { stringFunctions } from './string.js';

export function builtinScalarFunctions(): ScalarFunction[] {
  return [...stringFunctions(), ...mathFunctions(), ...conditionalFunctions(), ...dateTimeFunctions(), ...extraFunctions(), ...arrayFunctions(), ...arrayTransformFunctions()];
}

export { defineFunction, coerceParam, coerceToOverloads, commonArgType, type FunctionSpec, type Param } from './signature.js';
export { substring } from './string.js';
