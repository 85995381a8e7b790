/**
 * Each package stands alone: SQL to a logical plan with `@quiver/sql` (no executor), a plan built
 * with the fluent builder and optimized by `@quiver/optimizer` (no SQL), and a physical plan built
 * by hand and run by `@quiver/exec` (no planner in between). The layering itself is checked on the
 * packages' declared dependencies.
 */
import { readFileSync } from 'node:fs';
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes, Field, Schema, Scalars, makeConfig, type DataType } from '@quiver/common';
import { coercePlan, col, lit, binary, alias, LogicalPlanBuilder, planToString, type AggregateFunction, type FunctionProvider, type TableResolver } from '@quiver/planner';
import { initSql, SqlPlanner } from '@quiver/sql';
import { Optimizer } from '@quiver/optimizer';
import { BinaryExpr, builtinAggregateFunctions, collectBatches, ColumnExpr, FilterExec, HashAggregateExec, LiteralExpr, MemoryPool, MemoryScanExec, physicalPlanToString } from '@quiver/exec';

const people = new Schema([new Field('name', DataTypes.utf8, false), new Field('age', DataTypes.int32, true)]);

describe('packages used on their own', () => {
  it('@quiver/sql: SQL text to a logical plan through a TableResolver and a FunctionProvider', async () => {
    await initSql();
    const tables: TableResolver = { table: (n) => (n === 'people' ? { schema: people } : undefined), tableNames: () => ['people'] };
    const count: AggregateFunction = { name: 'count', coerceArgs: (t) => [...t], returnType: () => DataTypes.int64, createAccumulator: () => { throw new Error('not executed'); } };
    const functions: FunctionProvider = { aggregateFunction: (n) => (n === 'count' ? count : undefined), scalarFunction: () => undefined, functionNames: () => ['count'] };
    const [plan] = new SqlPlanner(tables, functions).planSql('SELECT name, count(*) FROM people WHERE age >= 18 GROUP BY name');
    expect(planToString(plan!)).toBe(
      ['Projection: people.name, "count(*)"', '  Aggregate: groupBy=[people.name], aggr=[count(*)]', '    Filter: people.age >= 18', '      TableScan: people'].join('\n'),
    );
    expect(() => new SqlPlanner(tables, functions).planSql('SELECT nme FROM people')).toThrow("column 'nme' not found (did you mean 'name'?)");
  });

  it('@quiver/planner + @quiver/optimizer: a hand-built plan optimized without SQL', () => {
    const plan = LogicalPlanBuilder.scan('people', { schema: people })
      .project([col('name'), alias(binary(col('age'), '+', lit(1)), 'next_age')])
      .filter(binary(col('next_age'), '>', binary(lit(10), '*', lit(2))))
      .limit(0, 10)
      .build();
    const optimized = new Optimizer().optimize(coercePlan(plan), makeConfig());
    expect(planToString(optimized)).toBe(
      [
        'Projection: name, age + 1 AS next_age',
        '  Limit: skip=0, fetch=10',
        '    Filter: (age + 1) > 20',
        '      TableScan: people filters=[(age + 1) > 20]',
      ].join('\n'),
    );
  });

  it('@quiver/exec: a physical plan built by hand runs over Arrow batches', async () => {
    const batch = new arrow.Table({
      name: arrow.vectorFromArray(['ann', 'bob', 'cy', 'ann'], new arrow.Utf8()),
      age: arrow.vectorFromArray([30, 12, 45, 31], new arrow.Int32()),
    }).batches[0]!;
    const scan = new MemoryScanExec(people, [[batch]]);
    const adults = new FilterExec(scan, new BinaryExpr('>=', new ColumnExpr('age', 1, DataTypes.int32), new LiteralExpr(Scalars.int32(18))));
    const sum = builtinAggregateFunctions().find((f) => f.name === 'sum')!;
    const argTypes: DataType[] = [DataTypes.int32];
    const plan = new HashAggregateExec(
      adults,
      [{ expr: new ColumnExpr('name', 0, DataTypes.utf8), name: 'name' }],
      [{ func: sum, args: [new ColumnExpr('age', 1, DataTypes.int32)], distinct: false, filter: null, returnType: sum.returnType(argTypes), name: 'total_age' }],
    );
    const out = new arrow.Table(await collectBatches(plan, { config: makeConfig(), memory: new MemoryPool(makeConfig().memoryLimit) }));
    expect(out.toArray().map((r) => r.toJSON())).toEqual([
      { name: 'ann', total_age: 61n },
      { name: 'cy', total_age: 45n },
    ]);
    expect(physicalPlanToString(plan, false)).toContain('FilterExec: age@1 >= 18');
  });

  it('dependencies run one way: sql and optimizer never depend on exec, exec never on sql or the facade', () => {
    const deps = (pkg: string) => Object.keys((JSON.parse(readFileSync(new URL(`../packages/${pkg}/package.json`, import.meta.url), 'utf8')) as { dependencies?: object }).dependencies ?? {});
    expect(deps('planner').filter((d) => d.startsWith('@quiver/'))).toEqual(['@quiver/common']);
    for (const pkg of ['sql', 'optimizer', 'udf']) expect(deps(pkg).filter((d) => d.startsWith('@quiver/')).sort()).toEqual(['@quiver/common', '@quiver/planner']);
    expect(deps('exec')).not.toContain('@quiver/sql');
    expect(deps('exec')).not.toContain('quiver');
  });
});
