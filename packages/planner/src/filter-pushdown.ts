/**
 * Filter push-down answers: how far a table honours a predicate pushed into its scan. The optimizer
 * asks before moving a filter into `tableScan.filters` and keeps a `Filter` above the scan unless
 * the table answers `exact`.
 */
import { QuiverError } from '@quiver/common';
import type { Expr } from './expr.js';
import type { TableSource } from './table-source.js';

/**
 * - `exact`: the scan returns only rows where the predicate holds; no Filter is kept above it.
 * - `inexact`: the scan may use the predicate to skip data (row groups, files, ranges) but can
 *   return rows where it does not hold; the Filter above stays. This is the default.
 * - `unsupported`: the predicate is not passed to the scan at all.
 */
export type FilterPushdown = 'exact' | 'inexact' | 'unsupported';

/** The optional table capability behind the answers; `TableProvider`s implement it to claim filters. */
export interface FilterPushdownSupport {
  /** One answer per predicate (each over the table's columns, qualified by the scan's table name). */
  supportsFiltersPushdown(filters: readonly Expr[]): readonly FilterPushdown[];
}

/** The source's answer for each of `filters`; `inexact` for all when it does not say. */
export function filterPushdownOf(source: TableSource, filters: readonly Expr[]): readonly FilterPushdown[] {
  const ask = (source as Partial<FilterPushdownSupport>).supportsFiltersPushdown;
  if (typeof ask !== 'function') return filters.map(() => 'inexact');
  const answers = ask.call(source, filters);
  if (answers.length !== filters.length) {
    throw new QuiverError('INTERNAL', `supportsFiltersPushdown returned ${answers.length} answers for ${filters.length} filters`);
  }
  return answers;
}
