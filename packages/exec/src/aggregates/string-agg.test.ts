import { describe, expect, it } from 'vitest';
import { DataTypes as T } from '@quiver/common';
import { runAggregate } from './agg-test-helpers.js';

describe('STRING_AGG', () => {
  it('joins non-NULL values in input order per group; NULL without values', () => {
    const x = ['a', 'b', 'i', null, 'j', 'p', null];
    const g = [1, 1, 2, 2, 2, 3, 0];
    expect(runAggregate('string_agg', [T.utf8, T.utf8], [x, x.map(() => '|')], g)).toEqual([null, 'a|b', 'i|j', 'p']);
  });

  it('a NULL delimiter is empty; empty strings are values', () => {
    expect(runAggregate('string_agg', [T.utf8, T.null], [['a', 'b'], [null, null]], [0, 0])).toEqual(['ab']);
    expect(runAggregate('string_agg', [T.utf8, T.utf8], [['', null, ''], ['|', '|', '|']], [0, 0, 0])).toEqual(['|']);
    expect(runAggregate('string_agg', [T.utf8, T.utf8], [['', null, ''], ['|', '|', '|']], [0, 0, 0], { distinct: true })).toEqual(['']);
  });

  it('ORDER BY keys order each group, ties keeping input order', () => {
    const x = ['c', 'a', 'b', 'z', 'y'];
    const k = [3, 1, 2, 1, 1];
    const g = [0, 0, 0, 1, 1];
    const sep = x.map(() => ',');
    expect(runAggregate('string_agg', [T.utf8, T.utf8], [x, sep, k], g, { keyTypes: [T.int32], ordering: [{ asc: true, nullsFirst: false }] })).toEqual(['a,b,c', 'z,y']);
    expect(runAggregate('string_agg', [T.utf8, T.utf8], [x, sep, x], g, { keyTypes: [T.utf8], ordering: [{ asc: false, nullsFirst: true }] })).toEqual(['c,b,a', 'z,y']);
  });
});
