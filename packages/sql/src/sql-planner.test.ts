import { DataTypes, Field, QuiverError, Schema } from '@quiver/common';
import { planToString } from '@quiver/planner';
import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planSql } from './sql-planner.js';
import { stubFunctions } from './testdata/catalog.js';
import { planError, planOne, testCatalog } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

describe('statements', () => {
  it('plans EXPLAIN [ANALYZE] [VERBOSE] over the query plan', () => {
    const plan = planOne('explain analyze verbose select 1');
    expect(plan.kind === 'explain' && plan.analyze && plan.verbose).toBe(true);
    expect(planToString(plan)).toBe('Explain analyze\n  Projection: 1\n    EmptyRelation: rows=1');
    const plain = planOne('explain select 1');
    expect(plain.kind === 'explain' && !plain.analyze && !plain.verbose).toBe(true);
  });

  it('plans CREATE VIEW with column names and DROP VIEW', () => {
    const plan = planOne('create or replace view v (a, b) as select id, name from emp');
    if (plan.kind !== 'ddl' || plan.ddl.op !== 'createView') throw new Error('expected createView');
    expect(plan.ddl.orReplace).toBe(true);
    expect(plan.ddl.name).toBe('v');
    expect(plan.ddl.plan.schema.fields.map((f) => f.name)).toEqual(['a', 'b']);
    expect(planOne('drop view if exists v')).toMatchObject({ kind: 'ddl', ddl: { op: 'dropView', name: 'v', ifExists: true } });
  });

  it('plans CREATE TABLE with typed columns, CREATE TABLE AS and DROP TABLE', () => {
    expect(planOne('create table if not exists T (a int not null, "B" varchar(10), c decimal(12,2))')).toMatchObject({
      kind: 'ddl',
      ddl: {
        op: 'createTable',
        name: 't',
        ifNotExists: true,
        orReplace: false,
        schema: new Schema([new Field('a', DataTypes.int32, false), new Field('B', DataTypes.utf8, true), new Field('c', DataTypes.decimal(12, 2), true)]),
      },
    });
    const ctas = planOne('create or replace table t2 as select id from emp');
    if (ctas.kind !== 'ddl' || ctas.ddl.op !== 'createTableAs') throw new Error('expected createTableAs');
    expect(ctas.ddl.orReplace).toBe(true);
    expect(planToString(ctas.ddl.plan)).toBe('Projection: emp.id\n  TableScan: emp');
    expect(planOne('drop table t2')).toMatchObject({ kind: 'ddl', ddl: { op: 'dropTable', name: 't2', ifExists: false } });
  });

  it('places an unsupported column type at its column', () => {
    const err = planError('create table t (a int,\n  b blob)');
    expect(err.code).toBe('NOT_IMPLEMENTED');
    expect(err.message).toBe('data type BLOB is not supported');
    expect(err.location).toEqual({ line: 2, column: 3 });
  });
});

describe('planSql', () => {
  it('plans every statement of a script', () => {
    const plans = planSql('select 1; select id from emp', testCatalog(), stubFunctions);
    expect(plans.map((p) => p.kind)).toEqual(['projection', 'projection']);
  });

  it('renders a caret frame under the failing token', () => {
    let caught: unknown;
    try {
      planSql('select l_orderkey\nfrom lineitm', testCatalog(), stubFunctions);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(QuiverError);
    expect((caught as QuiverError).message).toBe(
      "table 'lineitm' not found (did you mean 'lineitem'?) at line 2, column 6\n2 | from lineitm\n  |      ^",
    );
  });
});
