/**
 * Common subexpressions among the expressions one operator evaluates per batch (TPC-H Q1 sums both
 * `price * (1 - discount)` and `price * (1 - discount) * (1 + tax)`): each repeated arithmetic or
 * cast subtree is replaced by one `SharedExpr` that computes it once per batch. A shared DECIMAL
 * + - * subtree also keeps its exact scaled values, so fused decimal trees above it (`decimal-tree.ts`)
 * read those instead of converting its Decimal128 words back.
 */
import type * as arrow from 'apache-arrow';
import { typeToString, type DataType } from '@quiver/common';
import type { PhysicalExpr } from '../physical-expr.js';
import { BinaryExpr } from './binary.js';
import { CastExpr } from './cast.js';
import { decimalFromScaled, evaluateScaled, type DecimalNode, type Scaled, type SharedScaled } from './decimal-tree.js';

/** An expression evaluated once per batch however often it is asked (batches are evaluated one at a time). */
export class SharedExpr implements SharedScaled {
  private lastBatch: arrow.RecordBatch | null = null;
  private lastValue: arrow.Data | null = null;
  private lastScaledBatch: arrow.RecordBatch | null = null;
  private lastScaled: Scaled | null = null;
  /** Whether the shared expression is a fusable DECIMAL + - * node (see `DecimalNode`). */
  readonly fusable: boolean;

  constructor(readonly expr: PhysicalExpr) {
    this.fusable = (expr as Partial<DecimalNode>).fusable === true;
  }

  get type(): DataType {
    return this.expr.type;
  }

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    if (batch !== this.lastBatch) {
      this.lastValue = (this.fusable ? decimalFromScaled(this.type, this.scaledValues(batch)) : null) ?? this.expr.evaluate(batch);
      this.lastBatch = batch;
    }
    return this.lastValue!;
  }

  scaledValues(batch: arrow.RecordBatch): Scaled | null {
    if (!this.fusable) return null;
    if (batch !== this.lastScaledBatch) {
      this.lastScaled = evaluateScaled(this.expr as DecimalNode, batch);
      this.lastScaledBatch = batch;
    }
    return this.lastScaled;
  }

  /** The shared expression's text (operators display their original expressions, not these). */
  toString(): string {
    return this.expr.toString();
  }
}

const keyOf = (e: PhysicalExpr) => `${typeToString(e.type)} ${e.toString()}`;

/** `exprs` with every arithmetic or cast subtree that occurs more than once among them computed once per batch. */
export function shareCommonSubexpressions(exprs: readonly PhysicalExpr[]): PhysicalExpr[] {
  const counts = new Map<string, number>();
  const count = (e: PhysicalExpr): void => {
    if (e instanceof BinaryExpr) {
      count(e.left);
      count(e.right);
    } else if (e instanceof CastExpr) count(e.expr);
    else return;
    const key = keyOf(e);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  exprs.forEach(count);
  if (![...counts.values()].some((c) => c > 1)) return [...exprs];

  const shared = new Map<string, SharedExpr>();
  const rebuild = (e: PhysicalExpr): PhysicalExpr => {
    let node: PhysicalExpr;
    if (e instanceof BinaryExpr) {
      const left = rebuild(e.left);
      const right = rebuild(e.right);
      node = left === e.left && right === e.right ? e : new BinaryExpr(e.op, left, right);
    } else if (e instanceof CastExpr) {
      const inner = rebuild(e.expr);
      node = inner === e.expr ? e : new CastExpr(inner, e.type, e.tryCast);
    } else return e;
    const key = keyOf(e);
    if ((counts.get(key) ?? 0) < 2) return node;
    let s = shared.get(key);
    if (s === undefined) shared.set(key, (s = new SharedExpr(node)));
    return s;
  };
  return exprs.map(rebuild);
}
