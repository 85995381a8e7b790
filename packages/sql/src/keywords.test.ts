import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planError, planText } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

describe('reserved words the parser let through', () => {
  it('reports a dangling operator before FROM as a syntax error at FROM', () => {
    const err = planError('select id,\n  name +\nfrom emp');
    expect(err.code).toBe('SQL_PARSE');
    expect(err.message).toBe('syntax error: unexpected keyword FROM');
    expect(err.location).toEqual({ line: 3, column: 1 });
  });

  it('allows reserved words as names when quoted', () => {
    expect(planText('select "from" from (select 1 as "from") t')).toBe(
      ['Projection: t.from', '  SubqueryAlias: t', '    Projection: 1 AS from', '      EmptyRelation: rows=1'].join('\n'),
    );
  });
});
