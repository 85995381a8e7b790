/**
 * Evaluating a child expression as a `ColumnarValue`: literals stay scalars, so binary kernels take
 * their array–scalar path without materializing a constant column.
 */
import type * as arrow from 'apache-arrow';
import type { ColumnarValue } from '@quiver/planner';
import type { PhysicalExpr } from '../physical-expr.js';
import { LiteralExpr } from './literal.js';

export function evaluateColumnar(expr: PhysicalExpr, batch: arrow.RecordBatch): ColumnarValue {
  if (expr instanceof LiteralExpr) return { kind: 'scalar', value: expr.value };
  return { kind: 'array', data: expr.evaluate(batch) };
}
