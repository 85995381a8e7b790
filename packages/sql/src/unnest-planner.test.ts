import { beforeAll, describe, expect, it } from 'vitest';
import { DataTypes, Field, QuiverError, type DataType } from '@quiver/common';
import { planToString, type FunctionProvider, type ScalarFunction, type TableFunction } from '@quiver/planner';
import { initSql, parseSql } from './parser.js';
import { SqlPlanner } from './sql-planner.js';
import { stubFunctions, TestCatalog } from './testdata/catalog.js';

const ints = DataTypes.list(DataTypes.int32);
const itemOf = (t: DataType) => (t.kind === 'List' ? t.item : DataTypes.null);
const notRunnable = () => {
  throw new Error('planning never runs functions');
};

const listsOnly = (types: readonly DataType[]) => {
  if (types.some((t) => t.kind !== 'List' && t.kind !== 'Null')) throw new QuiverError('TYPE', 'unnest takes lists');
  return [...types];
};

/** Stubs typed like the session's unnest: the SELECT-list placeholder and the table function. */
const unnestScalar: ScalarFunction = { name: 'unnest', volatility: 'immutable', coerceArgs: listsOnly, returnType: (t) => itemOf(t[0]!), invoke: notRunnable };
const unnestTable: TableFunction = {
  name: 'unnest',
  call: (args) => {
    listsOnly(args.map((a) => a.type));
    return notRunnable();
  },
  lateral: {
    coerceArgs: listsOnly,
    outputFields: (t) => t.map((x, i) => new Field(t.length === 1 ? 'unnest' : `unnest_${i + 1}`, itemOf(x), true)),
    invoke: notRunnable,
  },
};
const functions: FunctionProvider = {
  ...stubFunctions,
  scalarFunction: (name) => (name === 'unnest' ? unnestScalar : stubFunctions.scalarFunction(name)),
  tableFunction: (name) => (name === 'unnest' ? unnestTable : undefined),
};
const catalog = new TestCatalog({ tags: { id: DataTypes.int32, a: ints, b: ints, nested: DataTypes.list(ints) } });

function plan(sql: string): string[] {
  return planToString(new SqlPlanner(catalog, functions).planStatement(parseSql(sql)[0]!)).split('\n');
}

function planError(sql: string): string {
  return planFailure(sql).message;
}

function planFailure(sql: string): QuiverError {
  try {
    plan(sql);
  } catch (err) {
    if (err instanceof QuiverError) return err;
    throw err;
  }
  throw new Error(`expected planning to fail: ${sql}`);
}

beforeAll(async () => {
  await initSql();
});

describe('unnest in a SELECT list', () => {
  it('becomes one LATERAL unnest node over the rows the SELECT list reads, read back under the call’s name', () => {
    expect(plan('select id, unnest(a) from tags where id > 1')).toEqual([
      'Projection: tags.id, "__unnest_placeholder(tags.a)" AS "unnest(tags.a)"',
      '  LateralTableFunction: unnest(tags.a) AS unnest(__unnest_placeholder(tags.a))',
      '    Filter: tags.id > 1',
      '      TableScan: tags',
    ]);
  });

  it('zips several calls in one node (a repeated call computed once), inside expressions and ORDER BY too', () => {
    expect(plan('select unnest(a) + 1 as x, unnest(b), unnest(a) from tags order by unnest(b)')).toEqual([
      'Sort: "unnest(tags.b)" ASC NULLS LAST',
      '  Projection: "__unnest_placeholder(tags.a)" + 1 AS x, "__unnest_placeholder(tags.b)" AS "unnest(tags.b)", "__unnest_placeholder(tags.a)" AS "unnest(tags.a)"',
      '    LateralTableFunction: unnest(tags.a, tags.b) AS unnest(__unnest_placeholder(tags.a), __unnest_placeholder(tags.b))',
      '      TableScan: tags',
    ]);
  });

  it('runs after grouping, over the aggregate’s output', () => {
    expect(plan('select unnest(a), count(*) from tags group by a')).toEqual([
      'Projection: "__unnest_placeholder(tags.a)" AS "unnest(tags.a)", "count(*)"',
      '  LateralTableFunction: unnest(tags.a) AS unnest(__unnest_placeholder(tags.a))',
      '    Aggregate: groupBy=[tags.a], aggr=[count(*)]',
      '      TableScan: tags',
    ]);
  });

  it('is rejected in other clauses, nested, or in ORDER BY when the SELECT list lacks it', () => {
    const rule = 'use it in the SELECT list or as a table function in FROM';
    expect(planError('select id from tags where unnest(a) > 1')).toBe(`unnest(…) is not allowed in WHERE; ${rule}`);
    expect(planError('select count(*) from tags group by unnest(a)')).toBe(`unnest(…) is not allowed in GROUP BY; ${rule}`);
    expect(planError('select count(*) from tags group by a having unnest(a) > 1')).toBe(`unnest(…) is not allowed in HAVING; ${rule}`);
    expect(planError('select sum(unnest(a)) from tags')).toBe(`unnest(…) is not allowed in aggregate arguments; ${rule}`);
    expect(planError('select unnest(unnest(nested)) from tags')).toBe(`unnest(…) is not allowed in the argument of another unnest; ${rule}`);
    expect(planError('select id from tags order by unnest(a)')).toBe(`unnest(…) is not allowed in ORDER BY unless the SELECT list has it; ${rule}`);
  });
});

describe('unnest in FROM', () => {
  it('with column arguments is LATERAL; with computed ones it runs over one empty row', () => {
    expect(plan('select t.id, u.x from tags t, unnest(t.a, t.b) as u(x)')).toEqual([
      'Projection: t.id, u.x',
      '  LateralTableFunction: unnest(t.a, t.b) AS u(x, unnest_2)',
      '    SubqueryAlias: t',
      '      TableScan: tags',
    ]);
    expect(plan('select * from unnest(cast(null as int[]))')).toEqual([
      'Projection: unnest.unnest',
      '  LateralTableFunction: unnest(CAST(NULL AS INTEGER[])) AS unnest(unnest)',
      '    EmptyRelation: rows=1',
    ]);
  });

  it('reports arguments that are not lists where they are', () => {
    expect(planFailure('select * from tags, unnest(tags.id)')).toMatchObject({ code: 'TYPE', location: { line: 1, column: 28 } });
    expect(planFailure('select * from unnest(1)')).toMatchObject({ code: 'TYPE', location: { line: 1, column: 22 } });
  });

  it('rejects WITH ORDINALITY', () => {
    expect(planError('select * from tags, unnest(tags.a) with ordinality')).toBe('unnest(…) WITH OFFSET/ORDINALITY is not supported');
  });
});
