/**
 * Vectorized kernels over apache-arrow `Data`: validity bitmaps, output builders, arithmetic,
 * comparisons, boolean logic, casts, LIKE, IN lists and conditional selection.
 */
export * from './validity.js';
export * from './builders.js';
export * from './wide-int.js';
export * from './calendar.js';
export * from './scalar.js';
export { arithmetic } from './arithmetic.js';
export { decimalWords } from './arithmetic-decimal.js';
export { compare } from './compare.js';
export { and, or, not, isNull, isBoolean } from './boolean.js';
export { castArray } from './cast.js';
export { parseBoolean, parseDecimal, parseFloatText, parseInteger, parseInterval, parseTimestamp } from './parse.js';
export { formatDate, formatFloat, formatTimestamp } from './format.js';
export { compileLike, like, type LikeMatcher } from './like.js';
export { compileInList, inList, hashBytes, type InListSet } from './in-list.js';
export { coalesce, mergePartials, nullif, type PartialResult } from './conditional.js';
export { concatStrings } from './concat-strings.js';
