import { describe, expect, it } from 'vitest';
import { DataTypes, Field, Schema } from '@quiver/common';
import { binary, col, coerceExpr, lit, type Expr } from '@quiver/planner';
import { makeBatch } from '../selection/record-batch.js';
import { data, values } from '../kernels/test-data.js';
import { createPhysicalExpr } from './create.js';
import { BinaryExpr } from './binary.js';
import { evaluateDecimalTree } from './decimal-tree.js';

const price = DataTypes.decimal(15, 2);
const schema = new Schema(['p', 'd', 't'].map((n) => new Field(n, price, true, 'l')));
const bind = (e: Expr) => createPhysicalExpr(coerceExpr(e, schema), schema) as BinaryExpr;
const charge = binary(binary(col('p'), '*', binary(lit(1), '-', col('d'))), '*', binary(lit(1), '+', col('t')));

/** The tree evaluated operator by operator (what happens without fusion). */
function stepwise(e: BinaryExpr, batch: ReturnType<typeof makeBatch>) {
  const copy = new BinaryExpr(e.op, e.left, e.right);
  Object.defineProperty(copy, 'fuseTree', { value: false });
  return values(copy.evaluate(batch), e.type);
}

describe('evaluateDecimalTree', () => {
  it('gives the exact results of evaluating operator by operator, in one pass', () => {
    const batch = makeBatch(schema.toArrow(), [data(price, [1000n, 9999999999n, -150n, 0n]), data(price, [5n, 10n, 100n, 7n]), data(price, [8n, 0n, 2n, 99n])], 4);
    const e = bind(charge);
    const fused = evaluateDecimalTree(e, batch);
    expect(fused).not.toBeNull();
    expect(values(fused!, e.type)).toEqual(stepwise(e, batch));
    expect(values(e.evaluate(batch), e.type)).toEqual([1000n * 95n * 108n, 9999999999n * 90n * 100n, 0n, 0n]);
  });

  it('handles column - column, a constant on the right and subtraction of negatives', () => {
    const batch = makeBatch(schema.toArrow(), [data(price, [1000n, -7n, 0n]), data(price, [-5n, 10n, 3n]), data(price, [8n, -20n, 0n])], 3);
    const e = bind(binary(binary(binary(col('p'), '-', col('d')), '*', lit(3)), '-', col('t')));
    expect(evaluateDecimalTree(e, batch)).not.toBeNull();
    expect(values(e.evaluate(batch), e.type)).toEqual(stepwise(e, batch));
    expect(values(e.evaluate(batch), e.type)).toEqual([1005n * 3n - 8n, -17n * 3n + 20n, -9n]);
  });

  it('declines NULLs and values beyond 2^53, which the operators then compute exactly', () => {
    const withNull = makeBatch(schema.toArrow(), [data(price, [1000n, null]), data(price, [5n, 5n]), data(price, [8n, 8n])], 2);
    const e = bind(charge);
    expect(evaluateDecimalTree(e, withNull)).toBeNull();
    expect(values(e.evaluate(withNull), e.type)).toEqual([1000n * 95n * 108n, null]);
    const huge = 10n ** 14n;
    const big = makeBatch(schema.toArrow(), [data(price, [huge]), data(price, [1n]), data(price, [1n])], 1);
    expect(evaluateDecimalTree(e, big)).toBeNull();
    expect(values(e.evaluate(big), e.type)).toEqual([huge * 99n * 101n]);
  });
});
