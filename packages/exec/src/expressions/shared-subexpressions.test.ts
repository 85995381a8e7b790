import { describe, expect, it, vi } from 'vitest';
import { DataTypes, Field, Schema } from '@quiver/common';
import { binary, col, coerceExpr, lit, type Expr } from '@quiver/planner';
import type * as arrow from 'apache-arrow';
import { makeBatch } from '../selection/record-batch.js';
import { data, values } from '../kernels/test-data.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { createPhysicalExpr } from './create.js';
import { ColumnExpr } from './column.js';
import { shareCommonSubexpressions, SharedExpr } from './shared-subexpressions.js';

const price = DataTypes.decimal(15, 2);
const schema = new Schema(['p', 'd', 't'].map((n) => new Field(n, price, true, 'l')));
const bind = (e: Expr) => createPhysicalExpr(coerceExpr(e, schema), schema);
const batch = makeBatch(schema.toArrow(), [data(price, [1000n, 250n, null]), data(price, [5n, 10n, 0n]), data(price, [8n, 0n, 2n])], 3);
const noNulls = makeBatch(schema.toArrow(), [data(price, [1000n, 250n, 99999999999n]), data(price, [5n, 10n, 3n]), data(price, [8n, 0n, 2n])], 3);

/** Counts evaluations of the columns it wraps. */
class CountingColumn extends ColumnExpr {
  calls = 0;
  override evaluate(b: arrow.RecordBatch): arrow.Data {
    this.calls++;
    return super.evaluate(b);
  }
}

describe('shareCommonSubexpressions', () => {
  const discounted = binary(col('p'), '*', binary(lit(1), '-', col('d')));
  const charged = binary(discounted, '*', binary(lit(1), '+', col('t')));

  it('evaluates a repeated subtree once per batch, with the same results', () => {
    const exprs = [bind(discounted), bind(charged)];
    const shared = shareCommonSubexpressions(exprs);
    expect(shared[0]).toBeInstanceOf(SharedExpr);
    for (let i = 0; i < 2; i++) expect(values(shared[i]!.evaluate(batch), shared[i]!.type)).toEqual(values(exprs[i]!.evaluate(batch), exprs[i]!.type));
    expect(shared[0]!.evaluate(batch)).toBe(shared[0]!.evaluate(batch));
  });

  it('recomputes for the next batch and leaves expressions without repeats alone', () => {
    const p = new CountingColumn('p', 0, price);
    const sum = createPhysicalExpr(coerceExpr(binary(col('p'), '+', col('d')), schema), schema) as PhysicalExpr & { left: PhysicalExpr };
    const [a, b] = shareCommonSubexpressions([sum, sum]).map((e) => e as SharedExpr);
    (a!.expr as { left: PhysicalExpr }).left = p;
    // NULL-free, so the shared DECIMAL sum's fused fast path reads `p` once (with NULLs it falls back and reads it again).
    a!.evaluate(noNulls);
    b!.evaluate(noNulls);
    expect(p.calls).toBe(1);
    a!.evaluate(makeBatch(schema.toArrow(), noNulls.data.children as arrow.Data[], 3));
    expect(p.calls).toBe(2);
    const single = [bind(discounted)];
    expect(shareCommonSubexpressions(single)[0]).toBe(single[0]);
  });

  it('hands a shared DECIMAL subtree to fused trees as exact scaled values, falling back for NULLs', () => {
    const exprs = [bind(discounted), bind(charged)];
    const shared = shareCommonSubexpressions(exprs);
    const inner = vi.spyOn((shared[0] as SharedExpr).expr, 'evaluate');
    for (let i = 0; i < 2; i++) expect(values(shared[i]!.evaluate(noNulls), shared[i]!.type)).toEqual(values(exprs[i]!.evaluate(noNulls), exprs[i]!.type));
    expect(inner).not.toHaveBeenCalled();
    for (let i = 0; i < 2; i++) expect(values(shared[i]!.evaluate(batch), shared[i]!.type)).toEqual(values(exprs[i]!.evaluate(batch), exprs[i]!.type));
    expect(inner).toHaveBeenCalledTimes(1);
  });
});
