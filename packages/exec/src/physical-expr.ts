/**
 * The physical expression contract: an expression bound to column indices, evaluated a whole
 * record batch at a time into one Arrow array.
 */
import type * as arrow from 'apache-arrow';
import type { DataType } from '@quiver/common';

export interface PhysicalExpr {
  /** Type of the values `evaluate` returns. */
  readonly type: DataType;
  /**
   * Values for every row of `batch`, as one contiguous Arrow array of `batch.numRows` values
   * (offset 0 is not guaranteed: kernels must honour `data.offset`).
   */
  evaluate(batch: arrow.RecordBatch): arrow.Data;
  /** Display text for EXPLAIN, with columns shown as `name@index`. */
  toString(): string;
}
