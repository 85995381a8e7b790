/**
 * Physical join types and the output schema of each. The LEFT input is always the build side (the
 * one buffered); the planner swaps inputs to choose it. `semi`/`anti` output the left rows that
 * have/lack a match; `rightSemi`/`rightAnti` do the same for the right (probe) rows, so a planner
 * that builds on the smaller side can still express a semi/anti join of the larger one.
 */
import { Schema } from '@quiver/common';

export type PhysicalJoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti' | 'rightSemi' | 'rightAnti';

export function joinOutputSchema(left: Schema, right: Schema, type: PhysicalJoinType): Schema {
  switch (type) {
    case 'semi':
    case 'anti':
      return left;
    case 'rightSemi':
    case 'rightAnti':
      return right;
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
