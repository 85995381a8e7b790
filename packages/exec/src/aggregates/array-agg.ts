/**
 * ARRAY_AGG(x [ORDER BY …]): the group's values as a LIST, NULLs included, in input order or the
 * ORDER BY order; NULL for a group without rows. `ARRAY_AGG(x) IGNORE NULLS` is planned as a FILTER.
 * With DISTINCT, NULL is one of the distinct values. Rows are buffered columnarly (`BufferedRows`)
 * and the list column is gathered from them once, at the end.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, toArrowType, type DataType } from '@quiver/common';
import type { AggregateFunction, AggregateOrdering, GroupsAccumulator } from '@quiver/planner';
import { listFromRuns } from '../kernels/list.js';
import { DistinctAccumulator } from './distinct.js';
import { BufferingAccumulator } from './buffered-rows.js';

export class ArrayAggFunction implements AggregateFunction {
  readonly name = 'array_agg';
  readonly orderSensitive = true;
  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    if (argTypes.length !== 1) throw new QuiverError('TYPE', `array_agg() takes exactly one argument, got ${argTypes.length}`);
    return [argTypes[0]!];
  }
  returnType(argTypes: readonly DataType[]): DataType {
    return DataTypes.list(argTypes[0]!);
  }
  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, distinct: boolean, ordering: readonly AggregateOrdering[] = []): GroupsAccumulator {
    const inner = new ArrayAggAccumulator(argTypes.map(toArrowType), ordering);
    return distinct ? new DistinctAccumulator(argTypes, inner, { keepNulls: true }) : inner;
  }
}

export class ArrayAggAccumulator extends BufferingAccumulator {
  update(args: readonly arrow.Data[], groupIds: Int32Array): void {
    this.rows.append(args, groupIds, null);
  }

  evaluate(numGroups: number): arrow.Data {
    const { columns, runs } = this.rows.finish(numGroups, 1, this.ordering);
    return listFromRuns(columns[0]!, runs, true);
  }
}
