import { alias, col, planToString } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { scan } from '../test-fixtures.js';
import { EliminateProjection } from './eliminate-projection.js';

describe('EliminateProjection', () => {
  it('removes a projection of all input columns in order', () => {
    const plan = scan('t').project([col('t.a'), col('t.b'), col('t.c')]).build();
    expect(planToString(new EliminateProjection().rewrite(plan))).toBe('TableScan: t');
  });

  it('keeps projections that reorder, drop, rename or compute', () => {
    for (const exprs of [
      [col('t.b'), col('t.a'), col('t.c')],
      [col('t.a'), col('t.b')],
      [col('t.a'), col('t.b'), alias(col('t.c'), 'd')],
    ]) {
      const plan = scan('t').project(exprs).build();
      expect(new EliminateProjection().rewrite(plan)).toBe(plan);
    }
  });

  it('keeps a projection that drops the qualifier of its input columns', () => {
    const plan = scan('t').project([col('t.a'), col('t.b'), col('t.c')]).project([col('a'), col('b'), col('c')]).build();
    const out = new EliminateProjection().rewrite(plan);
    expect(planToString(out)).toBe('Projection: a, b, c\n  TableScan: t');
    expect(out.schema.fields.map((f) => f.qualifiedName)).toEqual(['t.a', 't.b', 't.c']);
  });
});
