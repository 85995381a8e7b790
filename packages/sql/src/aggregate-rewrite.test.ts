import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planError, planText } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

const UNGROUPED = "column 'emp.name' must appear in the GROUP BY clause or be used in an aggregate function";

describe('ungrouped columns where no row can reach them', () => {
  it('drops CASE branches whose WHEN compares differing constants, keeping the CASE type', () => {
    expect(planText('select case 64 when dept_id then null when 77 then salary end from emp group by dept_id').split('\n')[0]).toBe(
      'Projection: CASE 64 WHEN emp.dept_id THEN CAST(NULL AS DECIMAL(15,2)) END AS "CASE 64 WHEN emp.dept_id THEN NULL WHEN 77 THEN emp.salary END"',
    );
  });

  it('reduces a CASE no branch of which can match to its ELSE, even over an ungrouped operand', () => {
    expect(planText('select case -salary when cast(null as integer) then -salary else null end as c from emp group by dept_id').split('\n')[0]).toBe(
      'Projection: CAST(NULL AS DECIMAL(15,2)) AS c',
    );
    expect(planText('select case when 1 = 1 then dept_id else id end from emp group by dept_id').split('\n')[0]).toContain('Projection: emp.dept_id AS');
  });

  it('reduces AND with a false constant and OR with a true one', () => {
    expect(planText('select dept_id from emp group by dept_id having not name is null and null is not null')).toContain('Filter: false');
    expect(planText('select dept_id from emp group by dept_id having name = \'a\' or 2 = 2')).toContain('Filter: true');
  });

  it('still rejects an ungrouped column any row can reach', () => {
    expect(planError('select case 1 when dept_id then name end from emp group by dept_id').message).toBe(UNGROUPED);
    expect(planError('select case 1 when 1 then name end from emp group by dept_id').message).toBe(UNGROUPED);
    expect(planError('select case when dept_id = 1 then 0 else name end from emp group by dept_id').message).toBe(UNGROUPED);
    expect(planError('select dept_id from emp group by dept_id having name is null and null is null').message).toBe(UNGROUPED);
    expect(planError('select dept_id from emp group by dept_id having name = \'a\' or null').message).toBe(UNGROUPED);
    const err = planError('select case 2 when 3 then 0 else\n  name end from emp group by dept_id');
    expect(err.location).toEqual({ line: 2, column: 3 });
  });

  it('leaves grouped queries with constant CASE branches as written', () => {
    expect(planText('select case 1 when 2 then dept_id end from emp group by dept_id').split('\n')[0]).toBe(
      'Projection: CASE 1 WHEN 2 THEN emp.dept_id END',
    );
  });
});
