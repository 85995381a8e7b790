import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planError, planOne, planText, testCatalog } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

describe('joins', () => {
  it('splits ON into equi-join keys and a residual filter', () => {
    expect(planText('select e.id from emp e join dept d on d.id = e.dept_id and d.budget > e.salary and e.id = 1')).toBe(
      [
        'Projection: e.id',
        '  Join: type=inner on=[e.dept_id = d.id] filter=(d.budget > e.salary) AND (e.id = 1)',
        '    SubqueryAlias: e',
        '      TableScan: emp',
        '    SubqueryAlias: d',
        '      TableScan: dept',
      ].join('\n'),
    );
  });

  it('plans LEFT, RIGHT, FULL and CROSS joins', () => {
    const text = planText('select 1 from emp left join dept on emp.dept_id = dept.id right join region on true full outer join nation on n_regionkey = r_regionkey cross join part');
    expect(text.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('Join') || l === 'CrossJoin')).toEqual([
      'CrossJoin',
      'Join: type=full on=[region.r_regionkey = nation.n_regionkey]',
      'Join: type=right on=[] filter=true',
      'Join: type=left on=[emp.dept_id = dept.id]',
    ]);
  });

  it('joins USING a column, which * and an unqualified reference then show once', () => {
    const plan = planOne('select *, id from emp join (select id, budget from dept) d using (id)');
    expect(plan.schema.fields.map((f) => f.qualifiedName)).toEqual(['emp.id', 'emp.name', 'emp.dept_id', 'emp.salary', 'emp.hired', 'd.budget', 'emp.id']);
    const merged = planOne('select * from dept join emp using (name)');
    expect(merged.schema.fields.map((f) => f.qualifiedName)).toEqual(['dept.name', 'dept.id', 'dept.budget', 'emp.id', 'emp.dept_id', 'emp.salary', 'emp.hired']);
    expect(planText('select * from emp join dept using (id)').split('\n')[1]).toBe('  Join: type=inner on=[emp.id = dept.id]');
  });

  it('joins NATURAL on the common column names', () => {
    expect(planText('select * from emp natural join dept').split('\n')).toEqual([
      'Projection: emp.id, emp.name, emp.dept_id, emp.salary, emp.hired, dept.budget',
      '  Join: type=inner on=[emp.id = dept.id, emp.name = dept.name]',
      '    TableScan: emp',
      '    TableScan: dept',
    ]);
  });

  it('rejects a relation name used twice, and FULL JOIN USING', () => {
    const err = planError('select 1 from dept, emp join\n  emp on true');
    expect(err.message).toBe("table name 'emp' is used more than once in FROM; give one an alias");
    expect(err.location).toEqual({ line: 2, column: 3 });
    expect(planText('select 1 from emp, emp e').split('\n')[1]).toBe('  CrossJoin');
    expect(planError('select 1 from emp full join dept using (id)').message).toBe('FULL JOIN … USING is not supported');
  });

  it('rejects a USING column one side lacks', () => {
    const err = planError('select 1 from emp join dept using (\n  salary)');
    expect(err.message).toBe("column 'salary' of USING is not in the right side of the join");
    expect(err.location).toEqual({ line: 2, column: 3 });
  });
});

describe('relations', () => {
  it('suggests the closest table and places the error at its name', () => {
    const err = planError('select *\nfrom lineitm');
    expect(err.code).toBe('PLAN');
    expect(err.message).toBe("table 'lineitm' not found (did you mean 'lineitem'?)");
    expect(err.location).toEqual({ line: 2, column: 6 });
  });

  it('aliases derived tables and renames their columns', () => {
    expect(planText('select t.a, b from (select id, name from emp) as t (a, b)')).toBe(
      [
        'Projection: t.a, t.b',
        '  SubqueryAlias: t',
        '    Projection: emp.id AS a, emp.name AS b',
        '      Projection: emp.id, emp.name',
        '        TableScan: emp',
      ].join('\n'),
    );
    expect(planError('select 1 from dept as d (a, b, c, x)').message).toBe("'d' has 3 columns but 4 column names were given");
  });

  it('rejects a reference to a derived-table column name that occurs twice', () => {
    const err = planError('select t.id from (select e.id, d.id from emp e, dept d) t');
    expect(err.message).toBe("column reference 't.id' is ambiguous: 't' has several columns named 'id'");
    expect(err.location).toEqual({ line: 1, column: 8 });
  });

  it('plans a view in place, aliased by its name', () => {
    const catalog = testCatalog();
    catalog.views.set('rich', planOne('select id, name from emp where salary > 1000', catalog));
    expect(planText('select name from rich', catalog)).toBe(
      [
        'Projection: rich.name',
        '  SubqueryAlias: rich',
        '    Projection: emp.id, emp.name',
        '      Filter: emp.salary > 1000',
        '        TableScan: emp',
      ].join('\n'),
    );
  });

  it('plans a LATERAL subquery over the items before it, reading their columns as outer columns', () => {
    const sql = 'select * from emp e left join lateral (select d.name from dept d where d.id = e.dept_id) s on s.name <> e.name';
    expect(JSON.stringify(planOne(sql), (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).toContain('{"kind":"outerColumn","qualifier":"e","name":"dept_id"');
    expect(planText(sql)).toBe(
      [
        'Projection: e.id, e.name, e.dept_id, e.salary, e.hired, s.name',
        '  LateralSubquery: left on s.name <> e.name',
        '    SubqueryAlias: e',
        '      TableScan: emp',
        '    SubqueryAlias: s',
        '      Projection: d.name',
        '        Filter: d.id = e.dept_id',
        '          SubqueryAlias: d',
        '            TableScan: dept',
      ].join('\n'),
    );
    expect(planText('select * from emp, lateral (select 1 as one) t').split('\n')[1]).toBe('  LateralSubquery: inner');
  });

  it('rejects a LATERAL subquery on the right of a RIGHT or FULL join', () => {
    expect(planError('select * from emp right join lateral (select emp.id) t on true').message).toMatch(/Right join with a LATERAL item/);
  });
});
