import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planError, planText } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

describe('aggregate queries', () => {
  it('projects over the aggregate, with HAVING and ORDER BY on output aliases', () => {
    expect(planText('select dept_id, sum(salary) as total from emp group by dept_id having total > 100 order by total desc')).toBe(
      [
        'Sort: total DESC NULLS FIRST',
        '  Projection: emp.dept_id, "sum(emp.salary)" AS total',
        '    Filter: "sum(emp.salary)" > 100',
        '      Aggregate: groupBy=[emp.dept_id], aggr=[sum(emp.salary)]',
        '        TableScan: emp',
      ].join('\n'),
    );
  });

  it('computes aggregates only named in HAVING or ORDER BY, once each', () => {
    expect(planText('select dept_id from emp group by dept_id having count(*) > 1 order by max(salary), count(*)')).toBe(
      [
        'Projection: emp.dept_id',
        '  Sort: "max(emp.salary)" ASC NULLS LAST, "count(*)" ASC NULLS LAST',
        '    Projection: emp.dept_id, "max(emp.salary)", "count(*)"',
        '      Filter: "count(*)" > 1',
        '        Aggregate: groupBy=[emp.dept_id], aggr=[count(*), max(emp.salary)]',
        '          TableScan: emp',
      ].join('\n'),
    );
  });

  it('groups by ordinals, output aliases and expressions, keeping the select names', () => {
    expect(planText('select extract(year from hired) as y, id % 10, count(distinct name) filter (where salary > 0) from emp group by y, 2')).toBe(
      [
        `Projection: "date_part('year', emp.hired)" AS y, "emp.id % 10", "count(DISTINCT emp.name) FILTER (WHERE emp.salary > 0)"`,
        `  Aggregate: groupBy=[date_part('year', emp.hired), emp.id % 10], aggr=[count(DISTINCT emp.name) FILTER (WHERE emp.salary > 0)]`,
        '    TableScan: emp',
      ].join('\n'),
    );
  });

  it('rewrites expressions over group columns and aggregates', () => {
    expect(planText('select dept_id + 1, sum(salary) / count(*) from emp group by dept_id').split('\n')[0]).toBe(
      'Projection: emp.dept_id + 1, "sum(emp.salary)" / "count(*)" AS "sum(emp.salary) / count(*)"',
    );
  });

  it('aggregates without GROUP BY into one group', () => {
    expect(planText('select count(*) from emp')).toBe('Projection: "count(*)"\n  Aggregate: groupBy=[], aggr=[count(*)]\n    TableScan: emp');
  });

  it('rejects a column that is neither grouped nor aggregated, at its position', () => {
    const err = planError('select dept_id,\n  name from emp group by dept_id');
    expect(err.code).toBe('PLAN');
    expect(err.message).toBe("column 'emp.name' must appear in the GROUP BY clause or be used in an aggregate function");
    expect(err.location).toEqual({ line: 2, column: 3 });
  });

  it('rejects nested aggregates and bad GROUP BY positions', () => {
    expect(planError('select sum(count(*)) from emp').message).toBe('aggregate function count is not allowed in the arguments of an aggregate function');
    expect(planError('select id from emp group by 2').message).toBe('GROUP BY position 2 is not in the SELECT list (1 to 1)');
    expect(planError('select sum(id) from emp group by 1').message).toBe('GROUP BY position 1 refers to an aggregate, sum(emp.id)');
  });
});

describe('ORDER BY and LIMIT', () => {
  it('sorts by an expression the SELECT list lacks through a hidden column', () => {
    expect(planText('select name from emp order by salary * 2 desc')).toBe(
      [
        'Projection: emp.name',
        '  Sort: "emp.salary * 2" DESC NULLS FIRST',
        '    Projection: emp.name, emp.salary * 2',
        '      TableScan: emp',
      ].join('\n'),
    );
  });

  it('sorts by ordinals and aliases with PostgreSQL null ordering defaults', () => {
    expect(planText('select name as n, id from emp order by 2 desc nulls last, n, id asc nulls first')).toBe(
      [
        'Sort: emp.id DESC NULLS LAST, n ASC NULLS LAST, emp.id ASC NULLS FIRST',
        '  Projection: emp.name AS n, emp.id',
        '    TableScan: emp',
      ].join('\n'),
    );
  });

  it('turns LIMIT into the sort fetch, keeping a Limit for OFFSET', () => {
    expect(planText('select id from emp order by id limit 5').split('\n')[0]).toBe('Sort: emp.id ASC NULLS LAST fetch=5');
    expect(planText('select id from emp order by id limit 5 offset 10').split('\n').slice(0, 2)).toEqual([
      'Limit: skip=10, fetch=5',
      '  Sort: emp.id ASC NULLS LAST fetch=15',
    ]);
    expect(planText('select id from emp offset 3').split('\n')[0]).toBe('Limit: skip=3, fetch=None');
    expect(planText('select id from emp fetch first 2 rows only').split('\n')[0]).toBe('Limit: skip=0, fetch=2');
  });

  it('rejects bad ORDER BY positions and non-literal limits', () => {
    const err = planError('select id from emp order by 3');
    expect(err.message).toBe('ORDER BY position 3 is not in the SELECT list (1 to 1)');
    expect(err.location).toEqual({ line: 1, column: 29 });
    expect(planError('select id from emp limit id').message).toBe('LIMIT must be a non-negative integer literal');
  });
});

describe('SELECT list', () => {
  it('expands * and t.* and applies DISTINCT before the sort', () => {
    expect(planText('select distinct d.*, e.id from emp e, dept d order by 1')).toBe(
      [
        'Sort: d.id ASC NULLS LAST',
        '  Distinct',
        '    Projection: d.id, d.name, d.budget, e.id',
        '      CrossJoin',
        '        SubqueryAlias: e',
        '          TableScan: emp',
        '        SubqueryAlias: d',
        '          TableScan: dept',
      ].join('\n'),
    );
  });

  it('requires ORDER BY of SELECT DISTINCT to use the SELECT list', () => {
    expect(planError('select distinct name from emp order by id').message).toBe('for SELECT DISTINCT, ORDER BY expressions must appear in the SELECT list');
  });

  it('selects without FROM from one empty row', () => {
    expect(planText('select 1 as one')).toBe('Projection: 1 AS one\n  EmptyRelation: rows=1');
  });

  it('reports unsupported clauses as NOT_IMPLEMENTED with a position', () => {
    const err = planError('select lag(id) ignore nulls over () from emp');
    expect(err.code).toBe('NOT_IMPLEMENTED');
    expect(err.message).toBe('lag(…) IGNORE/RESPECT NULLS is not supported');
    expect(err.location).toEqual({ line: 1, column: 8 });
    expect(planError("select * ilike '%a%' from emp").message).toBe('* ILIKE is not supported');
  });
});
