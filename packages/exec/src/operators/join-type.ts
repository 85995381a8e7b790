/**
 * Physical join types and the output schema of each. The LEFT input is always the build side (the
 * one buffered); the planner swaps inputs to choose it. `semi`/`anti` output the left rows that
 * have/lack a match; `rightSemi`/`rightAnti` do the same for the right (probe) rows, so a planner
 * that builds on the smaller side can still express a semi/anti join of the larger one.
 * `leftMark`/`rightMark` output every left (right) row once with a non-null Boolean `mark` column
 * appended: whether it has a match (the decorrelated form of an EXISTS that is not a WHERE conjunct).
 */
import { DataTypes, Field, Schema } from '@quiver/common';
import type { PhysicalExpr } from '../physical-expr.js';
import { columnsReadBy } from '../expressions/referenced-columns.js';

export type PhysicalJoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti' | 'rightSemi' | 'rightAnti' | 'leftMark' | 'rightMark';

const MARK = new Field('mark', DataTypes.boolean, false);

export function joinOutputSchema(left: Schema, right: Schema, type: PhysicalJoinType): Schema {
  switch (type) {
    case 'semi':
    case 'anti':
      return left;
    case 'rightSemi':
    case 'rightAnti':
      return right;
    case 'leftMark':
      return new Schema([...left.fields, MARK]);
    case 'rightMark':
      return new Schema([...right.fields, MARK]);
    case 'inner':
      return left.concat(right);
    case 'left':
      return left.concat(nullable(right));
    case 'right':
      return nullable(left).concat(right);
    case 'full':
      return nullable(left).concat(nullable(right));
  }
}

function nullable(s: Schema): Schema {
  return new Schema(s.fields.map((f) => f.withNullable(true)));
}

/**
 * The columns of each input a join reads when its consumer reads `needed` of its output (null:
 * all): those output columns, the keys and the residual filter's columns (over left then right).
 * A side is null when all its columns are needed or the expressions cannot be analysed.
 */
export function joinInputNeeds(
  needed: ReadonlySet<number> | null,
  leftWidth: number,
  rightWidth: number,
  type: PhysicalJoinType,
  filter: PhysicalExpr | null,
  on: readonly (readonly [PhysicalExpr, PhysicalExpr])[],
): { left: Set<number> | null; right: Set<number> | null } {
  if (needed === null) return { left: null, right: null };
  const left = columnsReadBy(on.map(([l]) => l));
  const right = columnsReadBy(on.map(([, r]) => r));
  const filtered = filter === null ? new Set<number>() : columnsReadBy([filter]);
  if (left === null || right === null || filtered === null) return { left: null, right: null };
  for (const c of filtered) {
    if (c < leftWidth) left.add(c);
    else right.add(c - leftWidth);
  }
  const rightOnly = type === 'rightSemi' || type === 'rightAnti' || type === 'rightMark';
  const leftOnly = type === 'semi' || type === 'anti' || type === 'leftMark';
  const width = type === 'rightMark' ? rightWidth : type === 'leftMark' ? leftWidth : Infinity;
  for (const c of needed) {
    if (c >= width) continue; // the mark column
    if (rightOnly) right.add(c);
    else if (leftOnly || c < leftWidth) left.add(c);
    else right.add(c - leftWidth);
  }
  return { left, right };
}
