/**
 * The built-in aggregate functions, in the form the session's function registry registers them.
 * Aliases are registered as functions of their own name with the same behaviour.
 */
import type { AggregateFunction } from '@quiver/planner';
import { CountFunction } from './count.js';
import { SumFunction } from './sum.js';
import { AvgFunction } from './avg.js';
import { MinMaxFunction } from './min-max.js';
import { VarianceFunction, type VarianceKind } from './variance.js';
import { CoMomentFunction, type CoMomentKind } from './covariance.js';
import { QuantileFunction, type QuantileKind } from './quantile.js';
import { BitFunction, BoolFunction } from './bitwise.js';
import { StringAggFunction } from './string-agg.js';
import { ArrayAggFunction } from './array-agg.js';
import { FirstLastFunction, NthValueFunction } from './first-last.js';
import { GroupingFunction } from './grouping.js';

const VARIANCE: Record<string, VarianceKind> = {
  var: 'var_samp', var_samp: 'var_samp', variance: 'var_samp', var_sample: 'var_samp',
  var_pop: 'var_pop', var_population: 'var_pop',
  stddev: 'stddev_samp', stddev_samp: 'stddev_samp', stddev_pop: 'stddev_pop',
};

const CO_MOMENTS: Record<string, CoMomentKind> = {
  covar: 'covar_samp', covar_samp: 'covar_samp', covar_pop: 'covar_pop', corr: 'corr',
  regr_slope: 'regr_slope', regr_intercept: 'regr_intercept', regr_count: 'regr_count', regr_r2: 'regr_r2',
  regr_avgx: 'regr_avgx', regr_avgy: 'regr_avgy', regr_sxx: 'regr_sxx', regr_syy: 'regr_syy', regr_sxy: 'regr_sxy',
};

const QUANTILES: Record<string, QuantileKind> = {
  median: 'median', percentile_cont: 'percentile_cont', quantile_cont: 'percentile_cont',
  approx_median: 'approx_median', approx_percentile_cont: 'approx_percentile_cont',
  approx_percentile_cont_with_weight: 'approx_percentile_cont_with_weight',
};

export function builtinAggregateFunctions(): AggregateFunction[] {
  return [
    new CountFunction(), new SumFunction(), new AvgFunction(), new MinMaxFunction('min'), new MinMaxFunction('max'),
    ...Object.entries(VARIANCE).map(([name, kind]) => new VarianceFunction(name, kind)),
    ...Object.entries(CO_MOMENTS).map(([name, kind]) => new CoMomentFunction(name, kind)),
    ...Object.entries(QUANTILES).map(([name, kind]) => new QuantileFunction(name, kind)),
    new BitFunction('and'), new BitFunction('or'), new BitFunction('xor'),
    new BoolFunction('bool_and', true), new BoolFunction('every', true), new BoolFunction('bool_or', false),
    new StringAggFunction(), new ArrayAggFunction(),
    new FirstLastFunction('first_value'), new FirstLastFunction('last_value'), new NthValueFunction(),
    new GroupingFunction(),
  ];
}
