import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planError, planText } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

const RANGE_DEFAULT = 'RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';

describe('window function calls', () => {
  it('computes windows after the aggregate and HAVING, and reads them in the projection and sort', () => {
    expect(planText('select dept_id, rank() over (order by sum(salary) desc) as r from emp group by dept_id having count(*) > 1 order by r')).toBe(
      [
        'Sort: r ASC NULLS LAST',
        `  Projection: emp.dept_id, "rank() OVER (ORDER BY ""sum(emp.salary)"" DESC NULLS FIRST ${RANGE_DEFAULT})" AS r`,
        `    WindowAggr: windowExpr=[rank() OVER (ORDER BY "sum(emp.salary)" DESC NULLS FIRST ${RANGE_DEFAULT})]`,
        '      Filter: "count(*)" > 1',
        '        Aggregate: groupBy=[emp.dept_id], aggr=[sum(emp.salary), count(*)]',
        '          TableScan: emp',
      ].join('\n'),
    );
  });

  it('resolves named windows, a window that refines another, and frames as written', () => {
    const text = planText('select sum(salary) over (w order by id rows between 2 preceding and current row), lag(id, 1, 0) over w from emp window w as (partition by dept_id)');
    expect(text).toContain('sum(emp.salary) OVER (PARTITION BY emp.dept_id ORDER BY emp.id ASC NULLS LAST ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)');
    expect(text).toContain('lag(emp.id, 1, 0) OVER (PARTITION BY emp.dept_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)');
  });

  it('rejects invalid frames and misplaced calls with a position', () => {
    expect(planError('select sum(id) over (order by id rows between unbounded following and current row) from emp').message).toBe('frame start cannot be UNBOUNDED FOLLOWING');
    expect(planError('select sum(id) over (order by id rows between 1 following and current row) from emp').message).toBe('frame starting from following row cannot have preceding rows');
    expect(planError('select sum(id) over (order by id, name range 1 preceding) from emp').message).toBe('RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column');
    expect(planError('select sum(id) over (order by id rows -1 preceding) from emp').message).toBe('a window frame offset must be a non-negative integer constant');
    expect(planError('select rank() over (w2 partition by id) from emp window w2 as (order by id)').message).toBe("cannot override PARTITION BY clause of window 'w2'");
    expect(planError('select row_number(id) over () from emp').message).toBe('row_number() takes 0 arguments, got 1');
    const err = planError('select id from emp where rank() over () = 1');
    expect(err.message).toBe('window function rank is not allowed in WHERE');
    expect(err.location).toEqual({ line: 1, column: 26 });
  });
});
