import { describe, expect, it } from 'vitest';
import { DataTypes as T, QuiverError } from '@quiver/common';
import { runAggregate } from './agg-test-helpers.js';

const close = (actual: unknown[], expected: (number | null)[]) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => {
    const e = expected[i]!;
    if (e === null || Number.isNaN(e)) expect(v).toEqual(e);
    else expect(v as number).toBeCloseTo(e, 12);
  });
};

describe('variance and standard deviation', () => {
  it('sample forms need two values, population forms one; NULLs are skipped', () => {
    const xs = [1, 3, null, 7, 5, 10];
    const groups = [0, 0, 0, 1, 2, 2];
    close(runAggregate('var', [T.int32], [xs], groups), [2, null, 12.5]);
    close(runAggregate('var_pop', [T.int32], [xs], groups), [1, 0, 6.25]);
    close(runAggregate('stddev', [T.int32], [xs], groups), [Math.SQRT2, null, Math.sqrt(12.5)]);
    close(runAggregate('stddev_pop', [T.int32], [xs], groups), [1, 0, 2.5]);
    close(runAggregate('var_samp', [T.null], [[null, null]], [0, 0]), [null]);
  });

  it('stays exact for values far from zero (Welford), and DISTINCT drops duplicates', () => {
    const big = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    close(runAggregate('variance', [T.float64], [big], [0, 0, 0, 0]), [30]);
    close(runAggregate('var_pop', [T.int32], [[1, 1, 1, 3]], [0, 0, 0, 0], { distinct: true }), [1]);
  });

  it('reject non-numeric arguments with a TYPE error naming the function', () => {
    expect(() => runAggregate('stddev', [T.utf8], [['a']], [0])).toThrow(/stddev\(VARCHAR\)/);
  });
});

describe('covariance, correlation and regression', () => {
  it('COVAR_SAMP / COVAR_POP over non-NULL pairs', () => {
    const f = [1, null, 2, 98, 3, null];
    const b = [4, 99, 5, null, 6, null];
    const g = [0, 0, 0, 0, 0, 0];
    close(runAggregate('covar_samp', [T.int32, T.int32], [f, b], g), [1]);
    close(runAggregate('covar_pop', [T.int32, T.int32], [f, b], g), [2 / 3]);
    close(runAggregate('covar', [T.float64, T.float64], [[1.1], [2.2]], [0]), [null]);
    close(runAggregate('covar_pop', [T.float64, T.float64], [[1.1], [2.2]], [0]), [0]);
  });

  it('CORR is NULL for one pair or a constant side, NaN when both means are NaN', () => {
    const g = [0, 0, 0, 1, 2, 2, 2];
    const x = [1, 2, 3, 5, 1, 1, NaN];
    const y = [2, 4, 7, 5, 3, 4, NaN];
    const r = runAggregate('corr', [T.float64, T.float64], [x, y], g);
    expect(r[0] as number).toBeCloseTo(0.9933992677987828, 12);
    expect(r.slice(1)).toEqual([null, NaN]);
    close(runAggregate('corr', [T.float64, T.float64], [[1, 1, 1], [1, 2, 3]], [0, 0, 0]), [null]);
  });

  it('REGR_* take (y, x) and follow the PostgreSQL NULL rules', () => {
    const y = [2, 4, 3, 9, 10, 100];
    const x = [1, 2, 1, 3, 1, null];
    const g = [0, 0, 1, 1, 2, 2];
    const run = (name: string) => runAggregate(name, [T.int32, T.int32], [y, x], g);
    close(run('regr_slope'), [2, 3, null]);
    close(run('regr_intercept'), [0, 0, null]);
    expect(run('regr_count')).toEqual([2n, 2n, 1n]);
    close(run('regr_r2'), [1, 1, null]);
    close(run('regr_avgx'), [1.5, 2, 1]);
    close(run('regr_avgy'), [3, 6, 10]);
    close(run('regr_sxx'), [0.5, 2, 0]);
    close(run('regr_syy'), [2, 18, 0]);
    close(run('regr_sxy'), [1, 6, 0]);
    // A constant y with varying x: R² is 1.
    close(runAggregate('regr_r2', [T.int32, T.int32], [[5, 5, 5], [1, 2, 3]], [0, 0, 0]), [1]);
    expect(runAggregate('regr_count', [T.null, T.int32], [[null], [1]], [0])).toEqual([0n]);
    expect(() => runAggregate('regr_avgy', [T.int32, T.utf8], [[1], ['foo']], [0])).toThrow(QuiverError);
  });
});

describe('bitwise and boolean aggregates', () => {
  it('BIT_AND/OR/XOR keep the integer type, NULL without values', () => {
    const c1 = [5, 33, 9];
    const c3 = [11, null, null];
    const g = [0, 1, 0];
    expect(runAggregate('bit_and', [T.int16], [c1], g)).toEqual([1, 33]);
    expect(runAggregate('bit_or', [T.int16], [c1], g)).toEqual([13, 33]);
    expect(runAggregate('bit_xor', [T.int16], [c1], g)).toEqual([12, 33]);
    expect(runAggregate('bit_xor', [T.int32], [c3], g)).toEqual([11, null]);
    expect(runAggregate('bit_or', [T.null], [[null]], [0])).toEqual([null]);
  });

  it('BIGINT uses both words, and DISTINCT applies', () => {
    const v = [2n ** 40n + 3n, 2n ** 41n + 1n, -1n];
    expect(runAggregate('bit_or', [T.int64], [v], [0, 0, 1])).toEqual([2n ** 40n + 2n ** 41n + 3n, -1n]);
    expect(runAggregate('bit_and', [T.int64], [v], [0, 0, 0])).toEqual([1n]);
    expect(runAggregate('bit_xor', [T.int64], [[5n, 5n, 3n]], [0, 0, 0], { distinct: true })).toEqual([6n]);
  });

  it('BOOL_AND/EVERY and BOOL_OR ignore NULLs', () => {
    const b = [true, false, null, true, null, null];
    const g = [0, 0, 1, 1, 2, 2];
    expect(runAggregate('bool_and', [T.boolean], [b], g)).toEqual([false, true, null]);
    expect(runAggregate('every', [T.boolean], [b], g)).toEqual([false, true, null]);
    expect(runAggregate('bool_or', [T.boolean], [b], g)).toEqual([true, true, null]);
    expect(() => runAggregate('bool_or', [T.int32], [[1]], [0])).toThrow(/bool_or\(INTEGER\)/);
  });
});

describe('COUNT with several arguments', () => {
  it('counts rows where every argument is non-NULL; DISTINCT takes one argument', () => {
    const a = [1, 1, null, 2, 1];
    const b = ['x', 'x', 'y', null, 'z'];
    expect(runAggregate('count', [T.int32, T.utf8], [a, b], [0, 0, 0, 0, 0])).toEqual([3n]);
    expect(() => runAggregate('count', [T.int32, T.utf8], [a, b], [0, 0, 0, 0, 0], { distinct: true })).toThrow(/COUNT\(DISTINCT …\) with more than one argument/);
  });
});
