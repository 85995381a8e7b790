/**
 * How a cast reports a value it cannot convert: CAST throws an EXECUTION error naming the value and
 * the target type; TRY_CAST turns the row into NULL instead.
 */
import { QuiverError } from '@quiver/common';
import { allValid, clearBit } from './validity.js';

export class CastFailures {
  private nulls: Uint8Array | null;

  /** `validity` is the input's (offset 0, or null for all valid); it is copied before any change. */
  constructor(
    private readonly tryCast: boolean,
    private readonly length: number,
    private readonly validity: Uint8Array | null,
  ) {
    this.nulls = null;
  }

  /** Row `i` cannot be converted: throw, or mark it NULL under TRY_CAST. */
  fail(i: number, message: string): void {
    if (!this.tryCast) throw new QuiverError('EXECUTION', message);
    if (this.nulls === null) this.nulls = this.validity === null ? allValid(this.length) : this.validity.slice();
    clearBit(this.nulls, i);
  }

  /** The output validity: the input's, less the rows that failed. */
  get result(): Uint8Array | null {
    return this.nulls ?? this.validity;
  }
}
