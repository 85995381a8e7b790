import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planError, planText } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

describe('set operations', () => {
  it('plans UNION ALL as a union and UNION as a distinct union, sorted by output columns', () => {
    expect(planText('select id from emp union all select id from dept union select 3 order by id desc limit 2')).toBe(
      [
        'Sort: id DESC NULLS FIRST fetch=2',
        '  Distinct',
        '    Union',
        '      Union',
        '        Projection: emp.id',
        '          TableScan: emp',
        '        Projection: dept.id',
        '          TableScan: dept',
        '      Projection: 3',
        '        EmptyRelation: rows=1',
      ].join('\n'),
    );
  });

  it('plans INTERSECT and EXCEPT as distinct semi and anti joins matching NULLs', () => {
    expect(planText('select id, name from emp except select id, name from dept')).toBe(
      [
        'Distinct',
        '  Join: type=anti on=[emp.id = dept.id, emp.name = dept.name] nullEqualsNull',
        '    Projection: emp.id, emp.name',
        '      TableScan: emp',
        '    Projection: dept.id, dept.name',
        '      TableScan: dept',
      ].join('\n'),
    );
    expect(planText('(select id from emp) intersect (select id from dept)').split('\n')[1]).toBe('  Join: type=semi on=[emp.id = dept.id] nullEqualsNull');
  });

  it('plans INTERSECT ALL and EXCEPT ALL as joins on all columns and the copy number of each row', () => {
    expect(planText('select id, name from emp intersect all select id, name from dept')).toBe(
      [
        'Projection: emp.id, emp.name',
        '  Join: type=semi on=[emp.id = dept.id, emp.name = dept.name, __quiver_set_copy = __quiver_set_copy] nullEqualsNull',
        '    WindowAggr: windowExpr=[row_number() OVER (PARTITION BY emp.id, emp.name ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS __quiver_set_copy]',
        '      Projection: emp.id, emp.name',
        '        TableScan: emp',
        '    WindowAggr: windowExpr=[row_number() OVER (PARTITION BY dept.id, dept.name ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS __quiver_set_copy]',
        '      Projection: dept.id, dept.name',
        '        TableScan: dept',
      ].join('\n'),
    );
    expect(planText('select id from emp except all select id from dept').split('\n')[1]).toBe(
      '  Join: type=anti on=[emp.id = dept.id, __quiver_set_copy = __quiver_set_copy] nullEqualsNull',
    );
  });

  it('rejects inputs with different column counts or types', () => {
    const err = planError('select id from emp union select id,\n name from dept');
    expect(err.message).toBe('each UNION query must have the same number of columns: 1 vs 2');
    const mixed = planError('select id from emp union all\nselect hired from emp');
    expect(mixed.message).toBe('UNION column 1 has incompatible types INTEGER and DATE');
    expect(mixed.location).toEqual({ line: 2, column: 1 });
  });
});

describe('VALUES and WITH', () => {
  it('plans VALUES rows with common column types', () => {
    expect(planText("select column1, column2 from (values (1, 'a'), (2, null)) v")).toBe(
      ['Projection: v.column1, v.column2', '  SubqueryAlias: v', '    Values: 2 rows'].join('\n'),
    );
  });

  it('places a VALUES type clash at the VALUES list', () => {
    const err = planError("select * from (values (true), (date '2020-01-01')) v");
    expect(err.message).toBe('VALUES column 1 mixes BOOLEAN and DATE');
    expect(err.location).toEqual({ line: 1, column: 23 });
  });

  it('plans a CTE at each reference, with its column names', () => {
    expect(planText('with t (k) as (select id from dept), u as (select k from t) select * from t join u on t.k = u.k')).toBe(
      [
        'Projection: t.k, u.k',
        '  Join: type=inner on=[t.k = u.k]',
        '    SubqueryAlias: t',
        '      Projection: dept.id AS k',
        '        Projection: dept.id',
        '          TableScan: dept',
        '    SubqueryAlias: u',
        '      Projection: t.k',
        '        SubqueryAlias: t',
        '          Projection: dept.id AS k',
        '            Projection: dept.id',
        '              TableScan: dept',
      ].join('\n'),
    );
  });

  it('lets a CTE shadow a table and suggests CTE names', () => {
    expect(planText('with emp as (select 1 as x) select x from emp')).toContain('SubqueryAlias: emp');
    expect(planError('with totals as (select 1) select * from total').message).toBe("table 'total' not found (did you mean 'totals'?)");
    expect(planError('with recursive t as (select 1) select * from t').message).toBe('WITH RECURSIVE is not supported');
  });
});
