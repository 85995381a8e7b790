/**
 * A physical sort key (expression, direction, NULL placement) and its evaluation against a batch.
 */
import type * as arrow from 'apache-arrow';
import type { PhysicalExpr } from '../physical-expr.js';
import type { SortKeyColumn } from '../selection/sort-indices.js';

export interface PhysicalSortKey {
  readonly expr: PhysicalExpr;
  readonly asc: boolean;
  readonly nullsFirst: boolean;
}

export function evaluateSortKeys(keys: readonly PhysicalSortKey[], batch: arrow.RecordBatch): SortKeyColumn[] {
  return keys.map((k) => ({ data: k.expr.evaluate(batch), asc: k.asc, nullsFirst: k.nullsFirst }));
}

export function describeSortKeys(keys: readonly PhysicalSortKey[]): string {
  return keys.map((k) => `${k.expr} ${k.asc ? 'ASC' : 'DESC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`).join(', ');
}
