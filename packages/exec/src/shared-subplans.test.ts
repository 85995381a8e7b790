import { describe, expect, it } from 'vitest';
import { DataTypes, Field, QuiverError, Schema } from '@quiver/common';
import { binary, col, lit, LogicalPlanBuilder, type AggregateFunction, type LogicalPlan, type TableSource } from '@quiver/planner';
import { repeatedSubplans, sharedSubplanKey } from './shared-subplans.js';

const source: TableSource = { schema: new Schema([new Field('a', DataTypes.int32, true), new Field('b', DataTypes.int32, true)]) };
const count: AggregateFunction = {
  name: 'count',
  coerceArgs: (types) => [...types],
  returnType: () => DataTypes.int64,
  createAccumulator: () => {
    throw new QuiverError('INTERNAL', 'not executed');
  },
};

const filtered = () =>
  LogicalPlanBuilder.scan('t', source)
    .filter(binary(col('t.a'), '>', lit(1)))
    .build();
/** A count per value of `key` over the filtered table. */
const counted = (key: string) =>
  LogicalPlanBuilder.from(filtered())
    .aggregate([col(key)], [{ kind: 'aggregate', func: count, args: [col(key)], distinct: false, filter: null }])
    .build();
/** Counts per `a` of the rows of `inner` (an aggregate over an aggregate). */
const recounted = (inner: LogicalPlan) =>
  LogicalPlanBuilder.from(inner)
    .aggregate([col('t.a')], [{ kind: 'aggregate', func: count, args: [col('t.a')], distinct: false, filter: null }])
    .build();
const union = (...inputs: LogicalPlan[]) => LogicalPlanBuilder.from(inputs[0]!).union(...inputs.slice(1)).build();

describe('repeatedSubplans', () => {
  it('finds the aggregates that occur more than once, by what they print and read', () => {
    expect([...repeatedSubplans(union(counted('t.a'), counted('t.a'))).values()]).toEqual([2]);
    expect(repeatedSubplans(union(counted('t.a'), counted('t.b'))).size).toBe(0);
    expect(repeatedSubplans(union(filtered(), filtered())).size).toBe(0);
    expect(sharedSubplanKey(counted('t.a'))).toBe(sharedSubplanKey(counted('t.a')));
  });

  it('counts a repeated aggregate inside a repeated one once for all copies of the outer one', () => {
    // The inner count runs inside the outer (once, shared) and on its own: two readers, not three.
    const readers = repeatedSubplans(union(recounted(counted('t.a')), recounted(counted('t.a')), counted('t.a')));
    expect(readers.get(sharedSubplanKey(recounted(counted('t.a')))!)).toBe(2);
    expect(readers.get(sharedSubplanKey(counted('t.a'))!)).toBe(2);
    expect([...repeatedSubplans(union(recounted(counted('t.a')), recounted(counted('t.a')))).keys()]).toEqual([sharedSubplanKey(recounted(counted('t.a')))]);
  });
});
