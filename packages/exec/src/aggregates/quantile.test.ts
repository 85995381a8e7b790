import { describe, expect, it } from 'vitest';
import { DataTypes as T, QuiverError, typesEqual } from '@quiver/common';
import { builtinAggregateFunctions } from './builtin.js';
import { runAggregate } from './agg-test-helpers.js';

const fn = (name: string) => builtinAggregateFunctions().find((f) => f.name === name)!;

describe('quantile result types', () => {
  it('DOUBLE, except FLOAT stays FLOAT and MEDIAN keeps DECIMAL', () => {
    const typeOf = (name: string, args: Parameters<ReturnType<typeof fn>['coerceArgs']>[0]) => fn(name).returnType(fn(name).coerceArgs(args));
    expect(typeOf('median', [T.int8])).toEqual(T.float64);
    expect(typeOf('median', [T.float32])).toEqual(T.float32);
    expect(typesEqual(typeOf('median', [T.decimal(10, 4)]), T.decimal(10, 4))).toBe(true);
    expect(typeOf('percentile_cont', [T.decimal(10, 4), T.float64])).toEqual(T.float64);
    expect(typeOf('approx_median', [T.decimal(10, 4)])).toEqual(T.float64);
    expect(typeOf('approx_percentile_cont_with_weight', [T.int32, T.int32, T.float64])).toEqual(T.float64);
    expect(() => fn('median').coerceArgs([T.utf8])).toThrow(QuiverError);
    expect(() => fn('percentile_cont').coerceArgs([T.int32])).toThrow(/percentile_cont\(\) takes 2 arguments/);
  });
});

describe('MEDIAN', () => {
  it('middle value or mean of the two middle values, per group; NULLs skipped; NULL without values', () => {
    const v = [5, 1, null, 4, 2, 3, 6, null];
    const g = [0, 0, 0, 0, 1, 1, 1, 2];
    expect(runAggregate('median', [T.int32], [v], g)).toEqual([4, 3, null]);
    expect(runAggregate('median', [T.int8], [[-85, -56]], [0, 0])).toEqual([-70.5]);
    expect(runAggregate('median', [T.float64], [[1, NaN, 2]], [0, 0, 0])).toEqual([2]);
    expect(runAggregate('median', [T.float64], [[NaN, NaN, 2]], [0, 0, 0])).toEqual([NaN]);
  });

  it('decimals stay exact, the mean of two truncating toward zero; DISTINCT drops duplicates', () => {
    const d = T.decimal(10, 4);
    expect(runAggregate('median', [d], [[1n, 2n, 3n, 4n, 5n, 6n]], [0, 0, 0, 0, 0, 0])).toEqual([3n]);
    expect(runAggregate('median', [d], [[-(2n ** 100n), 2n ** 100n + 1n]], [0, 0])).toEqual([0n]);
    expect(runAggregate('median', [d], [[1n, 1n, 1n, 1n, 2n, 2n, 3n, 3n]], [0, 0, 0, 0, 0, 0, 0, 0], { distinct: true })).toEqual([2n]);
  });

  it('FLOAT input gives the FLOAT mean', () => {
    const [m] = runAggregate('median', [T.float32], [[90.2, 90.4]], [0, 0]);
    expect(m).toBe(Math.fround((Math.fround(90.2) + Math.fround(90.4)) / 2));
  });
});

describe('PERCENTILE_CONT', () => {
  const p = (value: number, n: number) => Array.from({ length: n }, () => value);

  it('interpolates at p·(n−1) with the fraction truncated to millionths', () => {
    const v = [10, 20, 30, 40, 50];
    const g = [0, 0, 0, 0, 0];
    expect(runAggregate('percentile_cont', [T.int32, T.float64], [v, p(0.3, 5)], g)).toEqual([21.99999]);
    expect(runAggregate('percentile_cont', [T.int32, T.float64], [v, p(1 - 0.7, 5)], g)).toEqual([22]);
    expect(runAggregate('percentile_cont', [T.int32, T.float64], [v, p(0, 5)], g)).toEqual([10]);
    expect(runAggregate('percentile_cont', [T.int32, T.float64], [v, p(1, 5)], g)).toEqual([50]);
    expect(runAggregate('quantile_cont', [T.float64, T.float64], [[1, 2, 3, 4], p(0.25, 4)], [0, 0, 0, 0])).toEqual([1.75]);
  });

  it('decimals are interpolated as DOUBLE', () => {
    expect(runAggregate('percentile_cont', [T.decimal(2, 1), T.float64], [[1, 2, 3, 4], p(0.25, 4)], [0, 0, 0, 0])).toEqual([1.75]);
  });

  it('rejects a percentile outside [0, 1]', () => {
    expect(() => runAggregate('percentile_cont', [T.int32, T.float64], [[1], [1.5]], [0])).toThrow(/between 0.0 and 1.0/);
  });
});

describe('APPROX_* (computed over all values as t-digest centroids)', () => {
  it('APPROX_MEDIAN and APPROX_PERCENTILE_CONT', () => {
    const v = [1, 2, 3, 4, 5, 6];
    const g = [0, 0, 0, 0, 0, 0];
    expect(runAggregate('approx_median', [T.int32], [v], g)).toEqual([3.5]);
    expect(runAggregate('approx_percentile_cont', [T.int32, T.float64], [[1, 2, 3, null], [0.5, 0.5, 0.5, 0.5]], [0, 0, 0, 0])).toEqual([2]);
    expect(runAggregate('approx_percentile_cont', [T.float64, T.float64], [[NaN, NaN, NaN], [0.8, 0.8, 0.8]], [0, 0, 0])).toEqual([NaN]);
    expect(runAggregate('approx_median', [T.int32], [[null, null]], [0, 0])).toEqual([null]);
  });

  it('APPROX_PERCENTILE_CONT_WITH_WEIGHT skips rows with a NULL or non-positive weight', () => {
    const v = [1, 2, 3, 4, null, null];
    const w = [1, 1, 1, null, 1, null];
    const g = [0, 0, 0, 0, 0, 0];
    expect(runAggregate('approx_percentile_cont_with_weight', [T.int32, T.int32, T.float64], [v, w, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]], g)).toEqual([2]);
    expect(runAggregate('approx_percentile_cont_with_weight', [T.float64, T.int32, T.float64], [[NaN], [0], [0]], [0])).toEqual([null]);
    // Weight 3 on the value 10 pulls the median toward it: rank 2 of 4 falls a third into 10's weight.
    expect(runAggregate('approx_percentile_cont_with_weight', [T.int32, T.int32, T.float64], [[1, 10], [1, 3], [0.5, 0.5]], [0, 0])).toEqual([8.5]);
  });
});
