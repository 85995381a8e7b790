import { describe, expect, it } from 'vitest';
import { LogicalPlanBuilder } from './builder.js';
import { binary, col, exprToString, lit, type Expr } from './expr.js';
import { planToString } from './display.js';
import { exprColumns, mapPlanExprs, transformExprUp, transformPlanUp, withNewInputs } from './tree.js';
import { orders } from './test-fixtures.js';

describe('tree rewrite API', () => {
  const e = binary(binary(col('a'), '+', lit(1)), '>', col('b'));

  it('rewrites expressions bottom-up and keeps identity when nothing changes', () => {
    const renamed = transformExprUp(e, (x) => (x.kind === 'column' ? col(`${x.name}2`) : x));
    expect(exprToString(renamed)).toBe('(a2 + 1) > b2');
    expect(transformExprUp(e, (x) => x)).toBe(e);
  });

  it('collects the referenced columns once each', () => {
    const twice: Expr = binary(e, 'AND', binary(col('a'), '=', lit(2)));
    expect(exprColumns(twice).map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('rebuilds plan nodes and re-derives their schemas', () => {
    const plan = LogicalPlanBuilder.scan('orders', orders).project([col('o_orderkey'), col('o_total')]).build();
    const pruned = mapPlanExprs(plan, (x) => x);
    expect(pruned).toBe(plan);
    const scan = LogicalPlanBuilder.scan('orders', orders, [0, 1]).build();
    const replaced = withNewInputs(plan, [scan]);
    expect(planToString(replaced)).toBe('Projection: o_orderkey, o_total\n  TableScan: orders projection=[o_orderkey, o_total]');
  });

  it('transforms plans bottom-up', () => {
    const plan = LogicalPlanBuilder.scan('orders', orders).filter(binary(col('o_orderkey'), '>', lit(3))).limit(0, 5).build();
    const seen: string[] = [];
    transformPlanUp(plan, (p) => {
      seen.push(p.kind);
      return p;
    });
    expect(seen).toEqual(['tableScan', 'filter', 'limit']);
  });
});
