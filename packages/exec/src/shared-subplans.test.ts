import { describe, expect, it } from 'vitest';
import { DataTypes, Field, QuiverError, Schema } from '@quiver/common';
import { binary, col, lit, LogicalPlanBuilder, type AggregateFunction, type LogicalPlan, type TableSource } from '@quiver/planner';
import { MAX_SHARED_ROWS, repeatedSubplans, sharedSubplanKey } from './shared-subplans.js';

const source: TableSource = { schema: new Schema([new Field('a', DataTypes.int32, true)]) };
const count: AggregateFunction = {
  name: 'count',
  coerceArgs: (types) => [...types],
  returnType: () => DataTypes.int64,
  createAccumulator: () => {
    throw new QuiverError('INTERNAL', 'not executed');
  },
};

const scan = () => LogicalPlanBuilder.scan('t', source);
/** A filtered scan (work worth sharing) and a count per value over it. */
const filtered = () => scan().filter(binary(col('t.a'), '>', lit(1))).build();
const counted = () =>
  LogicalPlanBuilder.from(filtered())
    .aggregate([col('t.a')], [{ kind: 'aggregate', func: count, args: [col('t.a')], distinct: false, filter: null }])
    .build();
const union = (...inputs: LogicalPlan[]) => LogicalPlanBuilder.from(inputs[0]!).union(...inputs.slice(1)).build();
const small = () => 10;
const large = () => MAX_SHARED_ROWS + 1;

describe('repeatedSubplans', () => {
  it('finds sub-plans that occur more than once and do more than scan', () => {
    expect([...repeatedSubplans(union(filtered(), filtered()), small).values()]).toEqual([2]);
    expect(repeatedSubplans(union(scan().build(), scan().build()), small).size).toBe(0);
    expect(sharedSubplanKey(filtered())).toBe(sharedSubplanKey(filtered()));
    expect(sharedSubplanKey(filtered())).not.toBe(sharedSubplanKey(counted()));
  });

  it('shares aggregates whatever their size, other sub-plans only when estimated small', () => {
    expect(repeatedSubplans(union(filtered(), filtered()), large).size).toBe(0);
    const aggregates = repeatedSubplans(union(counted(), counted()), large);
    expect([...aggregates.keys()]).toEqual([sharedSubplanKey(counted())]);
  });

  it('counts a repeated sub-plan inside a repeated one once for all copies of the outer one', () => {
    // The filter runs inside the counting (once, shared) and on its own: two readers, not three.
    const readers = repeatedSubplans(LogicalPlanBuilder.from(union(counted(), counted())).crossJoin(filtered()).build(), small);
    expect(readers.get(sharedSubplanKey(counted())!)).toBe(2);
    expect(readers.get(sharedSubplanKey(filtered())!)).toBe(2);
    // Without the standalone copy, only the counting is shared.
    expect([...repeatedSubplans(union(counted(), counted()), small).keys()]).toEqual([sharedSubplanKey(counted())]);
  });
});
