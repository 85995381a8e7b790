/**
 * What the cost model knows about a relation: its estimated row count, and per output column the
 * distinct count, null fraction and value range (as real numbers, so ranges can be interpolated).
 */
import type { ScalarValue } from '@quiver/common';

export interface ColumnEstimate {
  /** Distinct non-null values; null when unknown. */
  readonly ndv: number | null;
  /** Fraction of rows that are NULL. */
  readonly nullFraction: number;
  /** Value range on the number line (dates as days, decimals as their real value); null when unknown or not numeric. */
  readonly min: number | null;
  readonly max: number | null;
}

export interface RelationEstimate {
  readonly rows: number;
  /** One entry per column of the plan's schema. */
  readonly columns: readonly ColumnEstimate[];
  /** Cumulative cost of producing the relation (rows touched by every operator below and at this node). */
  readonly cost: number;
}

export const UNKNOWN: ColumnEstimate = { ndv: null, nullFraction: 0, min: null, max: null };

/** A scalar on the number line used for ranges, or null (strings, intervals, NULL). */
export function scalarToNumber(v: ScalarValue): number | null {
  const raw = v.value;
  if (raw === null) return null;
  if (v.type.kind === 'Decimal128') return Number(raw as bigint) / 10 ** v.type.scale;
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  return null;
}

/** The column with its distinct count capped at `rows` (a relation cannot hold more distinct values than rows). */
export function capColumn(c: ColumnEstimate, rows: number): ColumnEstimate {
  return c.ndv !== null && c.ndv > rows ? { ...c, ndv: Math.max(rows, 1) } : c;
}

/**
 * Distinct values left when `rows` rows are sampled down by `selectivity`: each value survives
 * unless all its rows are dropped (values assumed evenly spread).
 */
export function scaleNdv(ndv: number, rows: number, selectivity: number): number {
  if (selectivity >= 1 || ndv <= 0) return ndv;
  const perValue = rows / ndv;
  return Math.max(Math.min(1, ndv), ndv * (1 - (1 - selectivity) ** perValue));
}
