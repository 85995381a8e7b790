/**
 * GROUPING(x, …): which of its arguments the row's grouping set does not group by, as bits. It is
 * registered as an aggregate so SQL plans it where aggregates may appear; the SQL planner then
 * replaces every call by bits of the aggregate's grouping-id column, so it never accumulates.
 */
import { DataTypes, QuiverError, type DataType } from '@quiver/common';
import type { AggregateFunction, GroupsAccumulator } from '@quiver/planner';

export class GroupingFunction implements AggregateFunction {
  readonly name = 'grouping';
  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    if (argTypes.length === 0) throw new QuiverError('TYPE', 'grouping() takes at least one GROUP BY expression');
    return [...argTypes];
  }
  returnType(): DataType {
    return DataTypes.int32;
  }
  createAccumulator(): GroupsAccumulator {
    throw new QuiverError('PLAN', 'grouping() is only computed by SQL queries with GROUP BY (its arguments must be GROUP BY expressions)');
  }
}
