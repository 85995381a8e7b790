/**
 * Table and column statistics as data sources report them to the optimizer: every figure carries
 * its precision — exact (e.g. a Parquet footer's row count), estimated (a sketch or a sample), or
 * absent (unknown).
 */
import type { ScalarValue } from '@quiver/common';

export type Statistic<T> =
  | { readonly precision: 'exact' | 'estimated'; readonly value: T }
  | { readonly precision: 'absent' };

export const ABSENT: { readonly precision: 'absent' } = { precision: 'absent' };

export function exact<T>(value: T): Statistic<T> {
  return { precision: 'exact', value };
}

export function estimated<T>(value: T): Statistic<T> {
  return { precision: 'estimated', value };
}

/** The value of a statistic, or null when it is absent. */
export function statValue<T>(s: Statistic<T>): T | null {
  return s.precision === 'absent' ? null : s.value;
}

export interface ColumnStatistics {
  readonly nullCount: Statistic<number>;
  /** Smallest and largest non-null values, typed as the column. */
  readonly min: Statistic<ScalarValue>;
  readonly max: Statistic<ScalarValue>;
  /** Number of distinct non-null values (NDV). */
  readonly distinctCount: Statistic<number>;
  /** Average bytes per value. */
  readonly avgWidth: Statistic<number>;
}

export interface TableStatistics {
  readonly rowCount: Statistic<number>;
  /** One entry per column of the table's schema, in order. */
  readonly columns: readonly ColumnStatistics[];
}

export const UNKNOWN_COLUMN: ColumnStatistics = { nullCount: ABSENT, min: ABSENT, max: ABSENT, distinctCount: ABSENT, avgWidth: ABSENT };

/** Statistics that know nothing, for a table of `columns` columns. */
export function unknownStatistics(columns: number): TableStatistics {
  return { rowCount: ABSENT, columns: Array.from({ length: columns }, () => UNKNOWN_COLUMN) };
}
