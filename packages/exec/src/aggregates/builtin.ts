/**
 * The built-in aggregate functions, in the form the session's function registry registers them.
 */
import type { AggregateFunction } from '@quiver/planner';
import { CountFunction } from './count.js';
import { SumFunction } from './sum.js';
import { AvgFunction } from './avg.js';
import { MinMaxFunction } from './min-max.js';

export function builtinAggregateFunctions(): AggregateFunction[] {
  return [new CountFunction(), new SumFunction(), new AvgFunction(), new MinMaxFunction('min'), new MinMaxFunction('max')];
}
