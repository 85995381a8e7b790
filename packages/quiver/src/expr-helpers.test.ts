import { describe, expect, it } from 'vitest';
import { exprToString } from '@quiver/planner';
import { FunctionRegistry } from '@quiver/udf';
import { builtinAggregateFunctions, builtinScalarFunctions } from '@quiver/exec';
import { col, count, countDistinct, fn, lit, sum, when } from './expr-helpers.js';

const registry = new FunctionRegistry();
for (const f of builtinScalarFunctions()) registry.registerScalar(f);
for (const f of builtinAggregateFunctions()) registry.registerAggregate(f);


describe('expression helpers', () => {
  const show = (e: ReturnType<typeof col>) => exprToString(e.toExpr(registry));

  it('build planner expressions with operators, literals and aliases', () => {
    expect(show(col('a').gt(lit(3)).and(col('t.b').isNull().not()))).toBe('(a > 3) AND NOT t.b IS NULL');
    expect(show(col('price').mul(lit(1).sub(col('disc'))).alias('net'))).toBe('price * (1 - disc) AS net');
    expect(show(col('s').eq('x'))).toBe("s = 'x'");
    expect(show(col('n').inList([1, 2n], true))).toBe('n NOT IN (1, 2)');
    expect(show(col('d').lt(new Date(Date.UTC(1998, 8, 2))))).toBe("d < DATE '1998-09-02'");
    expect(show(when(col('a').gt(1), 'big').end())).toBe("CASE WHEN a > 1 THEN 'big' END");
  });

  it('resolve function names through the registry, aggregates first', () => {
    expect(show(sum('x').filter(col('y').gt(0)).alias('s'))).toBe('sum(x) FILTER (WHERE y > 0) AS s');
    expect(show(count())).toBe('count(*)');
    expect(show(countDistinct(col('k')))).toBe('count(DISTINCT k)');
    expect(show(fn('upper', col('name')))).toBe('upper(name)');
    expect(() => show(fn('uper', col('name')))).toThrow("function 'uper' not found (did you mean 'upper'?)");
    expect(() => show(col('a').filter(col('b')))).toThrow('filter() applies to aggregate calls');
  });
});
