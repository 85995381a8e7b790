/**
 * Physical expressions: evaluators bound to input column indices, and the conversion from logical
 * expressions.
 */
export { ColumnExpr } from './column.js';
export { LiteralExpr } from './literal.js';
export { BinaryExpr } from './binary.js';
export { NotExpr, IsExpr, NegativeExpr, type IsOp } from './unary.js';
export { CastExpr } from './cast.js';
export { CaseExpr, type WhenThen } from './case.js';
export { InListExpr } from './in-list.js';
export { LikeExpr } from './like.js';
export { ScalarFunctionExpr } from './scalar-function.js';
export { evaluateColumnar } from './columnar.js';
export { createPhysicalExpr } from './create.js';
