/**
 * Random text values shared by several tables, written straight into a `Utf8Builder`: comments cut
 * from the text pool, dbgen's alphanumeric addresses (with its int32 overflow) and phone numbers.
 */
import type { Utf8Builder } from './batch.js';
import { RowStream } from './random.js';

/** A comment column: a random slice of the text pool with length in [0.4·avg, 1.6·avg]. */
export class CommentStream extends RowStream {
  readonly maxLength: number;
  private readonly minLength: number;

  /** `valuesPerRow` > 1 when one generator row (a part, an order) holds several table rows. */
  constructor(
    seed: number,
    averageLength: number,
    private readonly pool: Uint8Array,
    valuesPerRow = 1,
  ) {
    super(seed, 2 * valuesPerRow);
    this.minLength = Math.trunc(averageLength * 0.4);
    this.maxLength = Math.trunc(averageLength * 1.6);
  }

  /** Appends one comment to `out` (the caller closes the value). */
  write(out: Utf8Builder): void {
    const offset = this.next(0, this.pool.length - this.maxLength);
    const length = this.next(this.minLength, this.maxLength);
    out.copy(this.pool, offset, length);
  }
}

const ALPHANUMERIC = new TextEncoder().encode(
  '0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,',
);

/** dbgen's `a_rnd` address strings: five 6-bit characters per overflowed draw. */
export class AddressStream extends RowStream {
  static readonly AVERAGE_LENGTH = 25;
  static readonly MAX_LENGTH = Math.trunc(AddressStream.AVERAGE_LENGTH * 1.6);
  private static readonly MIN_LENGTH = Math.trunc(AddressStream.AVERAGE_LENGTH * 0.4);

  constructor(seed: number) {
    super(seed, 9);
  }

  write(out: Utf8Builder): void {
    const length = this.next(AddressStream.MIN_LENGTH, AddressStream.MAX_LENGTH);
    let bits = 0;
    for (let i = 0; i < length; i++) {
      if (i % 5 === 0) bits = this.nextOverflowedWord();
      out.byte(ALPHANUMERIC[bits & 63]!);
      bits >>= 6;
    }
  }
}

/** Phone numbers `CC-ddd-ddd-dddd`, the country code derived from the nation key. */
export class PhoneStream extends RowStream {
  static readonly LENGTH = 15;

  constructor(seed: number) {
    super(seed, 3);
  }

  write(out: Utf8Builder, nationKey: number): void {
    out.digits(10 + (nationKey % 90), 2);
    out.byte(0x2d);
    out.digits(this.next(100, 999), 3);
    out.byte(0x2d);
    out.digits(this.next(100, 999), 3);
    out.byte(0x2d);
    out.digits(this.next(1000, 9999), 4);
  }
}
