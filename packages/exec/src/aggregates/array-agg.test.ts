import { describe, expect, it } from 'vitest';
import { DataTypes as T } from '@quiver/common';
import { runAggregate } from './agg-test-helpers.js';

describe('ARRAY_AGG', () => {
  it('lists every value (NULLs too) in input order per group; NULL for a group without rows', () => {
    expect(runAggregate('array_agg', [T.int32], [[1, null, 3, 4]], [0, 0, 2, 0])).toEqual([[1, null, 4], null, [3]]);
  });

  it('ORDER BY keys order the list; DISTINCT keeps one NULL', () => {
    const s = ['b', 'a', null, 'b'];
    const asc = [{ asc: true, nullsFirst: false }];
    expect(runAggregate('array_agg', [T.utf8], [s, [2, 1, 3, 0]], [0, 0, 0, 0], { keyTypes: [T.int32], ordering: asc })).toEqual([['b', 'a', 'b', null]]);
    expect(runAggregate('array_agg', [T.utf8], [s, s], [0, 0, 0, 0], { distinct: true, keyTypes: [T.utf8], ordering: asc })).toEqual([['a', 'b', null]]);
  });

  it('returns a LIST of the argument type', async () => {
    const { builtinAggregateFunctions } = await import('./builtin.js');
    const f = builtinAggregateFunctions().find((x) => x.name === 'array_agg')!;
    expect(f.returnType([T.float64])).toEqual(T.list(T.float64));
  });
});
