/**
 * Binary operators: arithmetic, bitwise operators, comparisons, AND/OR (skipping the right side when the left decides
 * every row) and string concatenation over operands whose types the planner has already coerced
 * (`binaryTyping`). Nested DECIMAL + - * are evaluated as one fused tree where exact (`decimal-tree.ts`).
 */
import type * as arrow from 'apache-arrow';
import type { DataType } from '@quiver/common';
import { binaryTyping, isArithmetic, isBitwise, isComparison, type ArithmeticOp, type BinaryOp, type BitwiseOp, type ComparisonOp } from '@quiver/planner';
import { arithmetic } from '../kernels/arithmetic.js';
import { bitwise } from '../kernels/bitwise.js';
import { allEqual, and, or } from '../kernels/boolean.js';
import { compare } from '../kernels/compare.js';
import { concatStrings } from '../kernels/concat-strings.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { evaluateColumnar } from './columnar.js';
import { evaluateDecimalTree } from './decimal-tree.js';

export class BinaryExpr implements PhysicalExpr {
  readonly type: DataType;

  constructor(
    readonly op: BinaryOp,
    readonly left: PhysicalExpr,
    readonly right: PhysicalExpr,
  ) {
    this.type = binaryTyping(op, left.type, right.type).result;
    this.fusable = (op === '+' || op === '-' || op === '*') && this.type.kind === 'Decimal128' && left.type.kind === 'Decimal128' && right.type.kind === 'Decimal128';
    this.fuseTree = this.fusable && ((left as BinaryExpr).fusable === true || (right as BinaryExpr).fusable === true);
  }

  /** Whether this is DECIMAL + - * over DECIMAL operands (a node `evaluateDecimalTree` can fuse). */
  readonly fusable: boolean;
  /** Whether this is the root of a fusable tree of more than one operator. */
  private readonly fuseTree: boolean;

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    if (this.fuseTree) {
      const fused = evaluateDecimalTree(this, batch);
      if (fused !== null) return fused;
    }
    const n = batch.numRows;
    const op = this.op;
    const l = evaluateColumnar(this.left, batch);
    // Short-circuit: when the left side alone decides every row, the right side is not evaluated.
    if (op === 'AND' && l.kind === 'array' && allEqual(l.data, false)) return l.data;
    if (op === 'OR' && l.kind === 'array' && allEqual(l.data, true)) return l.data;
    const r = evaluateColumnar(this.right, batch);
    if (op === 'AND') return and(l, r, n);
    if (op === 'OR') return or(l, r, n);
    if (op === '||') return concatStrings(l, r, n);
    if (isComparison(op)) return compare(op as ComparisonOp, l, r, this.left.type.kind === 'Null' ? this.right.type : this.left.type, n);
    if (isArithmetic(op)) return arithmetic(op as ArithmeticOp, l, this.left.type, r, this.right.type, this.type, n);
    if (isBitwise(op)) return bitwise(op as BitwiseOp, l, r, n, this.type);
    throw new Error(`unreachable binary operator ${op}`);
  }

  toString(): string {
    return `${wrap(this.left)} ${this.op} ${wrap(this.right)}`;
  }
}

function wrap(e: PhysicalExpr): string {
  return e instanceof BinaryExpr ? `(${e})` : String(e);
}
