import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planError, planText } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

describe('ORDER BY ALL', () => {
  it('sorts by every output column left to right, with the direction and NULLS placement given', () => {
    expect(planText('select dept_id, name from emp order by all').split('\n')[0]).toBe('Sort: emp.dept_id ASC NULLS LAST, emp.name ASC NULLS LAST');
    expect(planText('select id as k, count(*) from emp group by id order by all desc nulls last').split('\n')[0]).toBe(
      'Sort: k DESC NULLS LAST, "count(*)" DESC NULLS LAST',
    );
  });

  it('sorts the output of a set operation', () => {
    expect(planText('select id from emp union select id from dept order by ALL').split('\n')[0]).toBe('Sort: id ASC NULLS LAST');
  });

  it('is the same as naming each column, and a quoted "all" is a column', () => {
    expect(planText('select name, id from emp order by all')).toBe(planText('select name, id from emp order by name, id'));
    expect(planError('select id from emp order by "all"').message).toMatch(/column 'all' not found/);
  });

  it('leaves ALL a reserved word anywhere else', () => {
    expect(planError('select id from emp order by all, id').message).toBe('syntax error: unexpected keyword ALL');
    expect(planError('select id from emp where id > 1 order by id, all').message).toBe('syntax error: unexpected keyword ALL');
  });
});
