import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planError, planText } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

/** The `Aggregate:` line of a query's plan. */
function aggregateLine(sql: string): string {
  return planText(sql).split('\n').find((l) => l.includes('Aggregate:'))!.trim();
}

describe('GROUP BY grouping sets', () => {
  it('ROLLUP is the prefixes, CUBE every subset (full set first, empty last), GROUPING SETS as written', () => {
    expect(aggregateLine('select count(*) from emp group by rollup (dept_id, id)')).toBe('Aggregate: groupBy=[GROUPING SETS ((emp.dept_id, emp.id), (emp.dept_id), ())], aggr=[count(*)]');
    expect(aggregateLine('select count(*) from emp group by cube (dept_id, id)')).toBe('Aggregate: groupBy=[GROUPING SETS ((emp.dept_id, emp.id), (emp.dept_id), (emp.id), ())], aggr=[count(*)]');
    expect(aggregateLine('select count(*) from emp group by grouping sets ((id), (), (dept_id, id))')).toBe('Aggregate: groupBy=[GROUPING SETS ((emp.id), (), (emp.dept_id, emp.id))], aggr=[count(*)]');
  });

  it('items multiply; composite parts stay together; MySQL WITH ROLLUP applies to the list', () => {
    expect(aggregateLine('select count(*) from emp group by name, rollup (dept_id, id)')).toBe('Aggregate: groupBy=[GROUPING SETS ((emp.name, emp.dept_id, emp.id), (emp.name, emp.dept_id), (emp.name))], aggr=[count(*)]');
    expect(aggregateLine('select count(*) from emp group by rollup ((dept_id, id), name)')).toBe('Aggregate: groupBy=[GROUPING SETS ((emp.dept_id, emp.id, emp.name), (emp.dept_id, emp.id), ())], aggr=[count(*)]');
    expect(aggregateLine('select count(*) from emp group by dept_id, id with rollup')).toBe('Aggregate: groupBy=[GROUPING SETS ((emp.dept_id, emp.id), (emp.dept_id), ())], aggr=[count(*)]');
  });

  it('grouping() reads bits of the grouping id, and is 0 without grouping sets', () => {
    expect(planText('select grouping(id, dept_id) from emp group by cube (dept_id, id)').split('\n')[0]).toBe(
      'Projection: CAST((((__grouping_id >> 0) & 1) << 1) | ((__grouping_id >> 1) & 1) AS INTEGER) AS "grouping(emp.id, emp.dept_id)"',
    );
    expect(planText('select grouping(dept_id) from emp group by dept_id').split('\n')[0]).toBe('Projection: 0 AS "grouping(emp.dept_id)"');
  });

  it('refuses too many sets and grouping() of other expressions', () => {
    const cube13 = Array.from({ length: 13 }, (_, i) => `id + ${i}`).join(', ');
    expect(planError(`select count(*) from emp group by cube (${cube13})`).message).toBe('GROUP BY makes 8192 grouping sets, more than the 4096 Quiver runs');
    expect(planError('select grouping(name) from emp group by rollup (id)').message).toBe('the arguments of grouping() must be GROUP BY expressions, and emp.name is not one');
  });
});
