/**
 * User-supplied statistics: a table provider that reports statistics given by the caller, merged
 * over what the table computes itself (a row count, or any figure of any column, by name). Everything
 * else — schema, scans, filter push-down — is the wrapped provider's.
 */
import { didYouMean, QuiverError } from '@quiver/common';
import { unknownStatistics, type ColumnStatistics, type Statistic, type TableStatistics } from '@quiver/planner';
import type { TableProvider } from './table-provider.js';
import { lazyColumnStatistics } from '../stats/column-stats.js';

export interface SuppliedStatistics {
  readonly rowCount?: Statistic<number>;
  /** Per column name, the figures to report instead of the table's own. */
  readonly columns?: Readonly<Record<string, Partial<ColumnStatistics>>>;
}

export function withStatistics<T extends TableProvider>(provider: T, supplied: SuppliedStatistics): T {
  const names = provider.schema.fields.map((f) => f.name);
  for (const name of Object.keys(supplied.columns ?? {})) {
    if (!names.includes(name)) throw new QuiverError('PLAN', `statistics given for column '${name}', which the table does not have${didYouMean(name, names)}`);
  }
  let merged: TableStatistics | null = null;
  const statistics = (): TableStatistics => {
    if (merged) return merged;
    const own = provider.statistics?.() ?? unknownStatistics(names.length);
    merged = {
      rowCount: supplied.rowCount ?? own.rowCount,
      columns: lazyColumnStatistics(names.length, (i) => ({ ...own.columns[i]!, ...supplied.columns?.[names[i]!] })),
    };
    return merged;
  };
  return new Proxy(provider, { get: (target, key, receiver) => (key === 'statistics' ? statistics : Reflect.get(target, key, receiver)) });
}
