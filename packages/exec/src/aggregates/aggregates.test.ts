import { describe, expect, it } from 'vitest';
import { DataTypes as T, QuiverError, typesEqual, type DataType } from '@quiver/common';
import type { AggregateFunction } from '@quiver/planner';
import { column, valuesOf } from '../test-helpers.js';
import { builtinAggregateFunctions } from './builtin.js';

const fns = new Map(builtinAggregateFunctions().map((f) => [f.name, f]));
const fn = (name: string): AggregateFunction => fns.get(name)!;

/** Runs `name` over `values` split into two batches, grouped by `groups`. */
function aggregate(name: string, type: DataType, values: unknown[], groups: number[], distinct = false): unknown[] {
  const f = fn(name === 'count*' ? 'count' : name);
  const argTypes = name === 'count*' ? [] : f.coerceArgs([type]);
  const acc = f.createAccumulator(argTypes, f.returnType(argTypes), distinct);
  const numGroups = Math.max(0, ...groups) + 1;
  const mid = Math.floor(values.length / 2);
  for (const [lo, hi] of [[0, mid], [mid, values.length]] as const) {
    const args = argTypes.length ? [column(type, values.slice(lo, hi))] : [];
    acc.update(args, Int32Array.from(groups.slice(lo, hi)), numGroups);
  }
  return valuesOf(acc.evaluate(numGroups));
}

describe('aggregate types', () => {
  it('follow DuckDB result types', () => {
    expect(fn('count').returnType([T.utf8])).toEqual(T.int64);
    expect(fn('sum').returnType(fn('sum').coerceArgs([T.int32]))).toEqual(T.int64);
    expect(typesEqual(fn('sum').returnType([T.decimal(15, 2)]), T.decimal(38, 2))).toBe(true);
    expect(fn('sum').returnType(fn('sum').coerceArgs([T.float32]))).toEqual(T.float64);
    expect(fn('avg').returnType([T.decimal(15, 2)])).toEqual(T.float64);
    expect(fn('min').returnType([T.date32])).toEqual(T.date32);
  });

  it('reject non-numeric SUM/AVG with a TYPE error naming the function', () => {
    expect(() => fn('sum').coerceArgs([T.utf8])).toThrow(QuiverError);
    expect(() => fn('avg').coerceArgs([T.date32])).toThrow(/avg\(DATE\)/);
  });
});

describe('aggregates', () => {
  const groups = [0, 1, 0, 1, 0, 2];

  it('COUNT(*) counts rows, COUNT(x) non-NULL values, 0 for empty groups', () => {
    expect(aggregate('count*', T.int32, [1, null, 3, null, 5, null], groups)).toEqual([3n, 2n, 1n]);
    expect(aggregate('count', T.int32, [1, null, 3, null, 5, null], groups)).toEqual([3n, 0n, 0n]);
  });

  it('COUNT(DISTINCT x) ignores duplicates within and across batches, and NULLs', () => {
    expect(aggregate('count', T.utf8, ['a', 'a', 'b', null, 'a', 'z'], groups, true)).toEqual([2n, 1n, 1n]);
    expect(aggregate('count', T.int32, [7, 7, 7, 7, 7, 7], [0, 0, 0, 0, 0, 0], true)).toEqual([1n]);
  });

  it('SUM of integers is BIGINT, NULL for all-NULL groups', () => {
    expect(aggregate('sum', T.int32, [1, null, 3, null, 5, -4], groups)).toEqual([9n, null, -4n]);
    expect(aggregate('sum', T.int64, [2n ** 62n, 1n, -(2n ** 62n), 2n, 7n, 3n], groups)).toEqual([7n, 3n, 3n]);
  });

  it('SUM over BIGINT beyond 2^53 is exact, and overflow is an EXECUTION error', () => {
    const big = 2n ** 60n + 12345n;
    expect(aggregate('sum', T.int64, [big, big, big, big], [0, 0, 0, 0])).toEqual([4n * big]);
    const err = (() => {
      try {
        aggregate('sum', T.int64, [2n ** 62n, 2n ** 62n], [0, 0]);
      } catch (e) {
        return e as QuiverError;
      }
    })();
    expect(err?.code).toBe('EXECUTION');
    expect(err?.message).toMatch(/overflow/);
  });

  it('SUM of decimals is exact, including scaled sums beyond 2^53', () => {
    const t = T.decimal(15, 2);
    // 99999999999.99 (unscaled 9999999999999, ~2^43) many times: the total passes 2^53
    const v = 9999999999999n;
    const values = Array.from({ length: 4000 }, () => v);
    expect(aggregate('sum', t, values, values.map(() => 0))).toEqual([4000n * v]);
    expect(aggregate('sum', t, [125n, -5n, null, 1n, 2n ** 70n, null], groups)).toEqual([125n + 2n ** 70n, -4n, null]);
    // Without NULLs (the word-level loop): negatives and values beyond 2^52 mixed with small ones.
    expect(aggregate('sum', t, [125n, -5n, -(2n ** 70n), 1n, -(2n ** 52n), 3n], [0, 1, 0, 1, 1, 0])).toEqual([128n - 2n ** 70n, -4n - 2n ** 52n]);
  });

  it('SUM of floats is DOUBLE; SUM(DISTINCT x)', () => {
    expect(aggregate('sum', T.float64, [0.5, 1, 0.25, null, 0.5, NaN], groups)).toEqual([1.25, 1, NaN]);
    expect(aggregate('sum', T.int32, [5, 1, 5, 1, 6, 2], groups, true)).toEqual([11n, 1n, 2n]);
  });

  it('AVG is DOUBLE, from the exact sum for decimals', () => {
    expect(aggregate('avg', T.int32, [1, null, 2, null, 4, 9], groups)).toEqual([7 / 3, null, 9]);
    expect(aggregate('avg', T.decimal(15, 2), [150n, 1n, 250n, 3n, null, null], groups)).toEqual([2, 0.02, null]);
    const v = 2n ** 60n;
    expect(aggregate('avg', T.int64, [v, v + 2n], [0, 0])).toEqual([Number(v + 1n)]);
  });

  it('MIN/MAX keep the type: integers, floats with NaN largest, decimals, strings, dates, booleans', () => {
    expect(aggregate('min', T.int32, [5, null, -3, null, 9, 1], groups)).toEqual([-3, null, 1]);
    expect(aggregate('max', T.float64, [1, NaN, 3, 2, NaN, 4], groups)).toEqual([NaN, NaN, 4]);
    expect(aggregate('min', T.float64, [NaN, NaN, 3, 2, 1, 4], groups)).toEqual([1, 2, 4]);
    expect(aggregate('max', T.decimal(38, 0), [-(2n ** 100n), 5n, 2n ** 90n, -7n, 3n, null], groups)).toEqual([2n ** 90n, 5n, null]);
    expect(aggregate('min', T.decimal(38, 0), [-(2n ** 100n), 5n, 2n ** 90n, -7n, 3n, null], groups)).toEqual([-(2n ** 100n), -7n, null]);
    expect(aggregate('min', T.int64, [-(2n ** 40n), 5n, 2n ** 40n, -7n, -1n, 0n], groups)).toEqual([-(2n ** 40n), -7n, 0n]);
    expect(aggregate('max', T.utf8, ['apple', 'b', 'apples', null, 'ap', 'é'], groups)).toEqual(['apples', 'b', 'é']);
    expect(aggregate('min', T.utf8, ['apple', 'b', 'apples', null, 'ap', ''], groups)).toEqual(['ap', 'b', '']);
    expect(aggregate('max', T.date32, [10, 20, 30, null, -5, 0], groups)).toEqual([30, 20, 0]);
    expect(aggregate('min', T.boolean, [true, false, false, null, true, true], groups)).toEqual([false, false, true]);
    expect(aggregate('max', T.boolean, [true, false, false, null, true, true], groups)).toEqual([true, false, true]);
  });
});
