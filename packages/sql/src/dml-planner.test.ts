import { planToString } from '@quiver/planner';
import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planError, planOne } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

function ddlOf(sql: string) {
  const plan = planOne(sql);
  if (plan.kind !== 'ddl') throw new Error(`expected a ddl plan for ${sql}`);
  return plan.ddl;
}

describe('INSERT', () => {
  it('plans the rows in the table column order and types, NULL for unnamed columns', () => {
    const ddl = ddlOf("insert into emp (name, id) values ('ann', 7)");
    if (ddl.op !== 'insert') throw new Error('expected insert');
    expect(ddl.name).toBe('emp');
    expect(ddl.plan.schema.fields.map((f) => f.name)).toEqual(['id', 'name', 'dept_id', 'salary', 'hired']);
    expect(planToString(ddl.plan).split('\n')[0]).toBe(
      'Projection: __insert_1 AS id, __insert_0 AS name, CAST(NULL AS INTEGER) AS dept_id, CAST(NULL AS DECIMAL(15,2)) AS salary, CAST(NULL AS DATE) AS hired',
    );
  });

  it('reports unknown columns, wrong column counts and views as targets', () => {
    expect(planError('insert into emp (nme) values (1)').message).toBe("table 'emp' has no column 'nme' (did you mean 'name'?)");
    expect(planError('insert into emp (id, name) values (1)').message).toBe('INSERT INTO emp has 2 target columns but the query gives 1');
    expect(planError('insert into emps values (1)').message).toContain("table 'emps' not found (did you mean 'emp'?)");
  });
});

describe('UPDATE and DELETE', () => {
  it('UPDATE computes every row, the new value where the predicate holds, and whether it was updated', () => {
    const ddl = ddlOf('update emp set dept_id = dept_id + 1 where id > 3');
    if (ddl.op !== 'update') throw new Error('expected update');
    expect(ddl.plan.schema.fields.map((f) => f.name)).toEqual(['id', 'name', 'dept_id', 'salary', 'hired', '__updated']);
    expect(planToString(ddl.plan)).toBe(
      'Projection: emp.id, emp.name, CASE WHEN emp.id > 3 THEN CAST(emp.dept_id + 1 AS INTEGER) ELSE emp.dept_id END AS dept_id, emp.salary, emp.hired, (emp.id > 3) IS TRUE AS __updated\n  TableScan: emp',
    );
    expect(planError('update emp set nope = 1').message).toBe("table 'emp' has no column 'nope'");
  });

  it('DELETE keeps the rows whose predicate is not true', () => {
    const ddl = ddlOf('delete from emp where id = 1');
    if (ddl.op !== 'delete') throw new Error('expected delete');
    expect(planToString(ddl.plan)).toBe('Filter: (emp.id = 1) IS NOT TRUE\n  TableScan: emp');
  });
});

describe('indexes and SQLite-compatible function forms', () => {
  it('accepts CREATE [UNIQUE] INDEX on a known table and DROP INDEX', () => {
    expect(ddlOf('create unique index i1 on emp (id, name desc)')).toEqual({ op: 'createIndex', name: 'i1', table: 'emp' });
    expect(ddlOf('drop index i1')).toEqual({ op: 'dropIndex', name: 'i1' });
    expect(planError('create index i2 on nope (a)').message).toContain("table 'nope' not found");
  });

  it('COALESCE stops at a constant argument and NULLIF keeps the first argument', () => {
    expect(planToString(planOne('select coalesce(7, id), nullif(id, 2) from emp')).split('\n')[0]).toBe('Projection: 7, CASE WHEN emp.id = 2 THEN NULL ELSE emp.id END');
  });
});
