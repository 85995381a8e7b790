/**
 * Random text values shared by several tables, written straight into a `Utf8Builder`: comments cut
 * from the text pool, dbgen's alphanumeric addresses (with its int32 overflow) and phone numbers.
 */
import type { Utf8Builder } from './batch.js';
import { RowStream } from './random.js';

/** Most rows a table draws comments for ahead of use. */
export const PREFETCH_ROWS = 64;
const AHEAD = PREFETCH_ROWS * 7;

/**
 * A comment column: a random slice of the text pool with length in [0.4·avg, 1.6·avg].
 *
 * The pool is far larger than the CPU caches, so every comment is a cache and TLB miss. Comments are
 * therefore drawn a few rows ahead and their pool bytes touched in a tight loop, which lets the CPU
 * overlap those misses; `put` then copies bytes that are already in cache.
 */
export class CommentStream extends RowStream {
  readonly maxLength: number;
  private readonly minLength: number;
  private readonly offsets = new Int32Array(AHEAD);
  private readonly lengths = new Int32Array(AHEAD);
  private head = 0;
  private tail = 0;
  /** Keeps the touched bytes observable so the early reads are not optimised away. */
  private touched = 0;

  /** `valuesPerRow` > 1 when one generator row (a part, an order) holds several table rows. */
  constructor(
    seed: number,
    averageLength: number,
    private readonly pool: Uint8Array,
    private readonly valuesPerRow = 1,
  ) {
    super(seed, 2 * valuesPerRow);
    this.minLength = Math.trunc(averageLength * 0.4);
    this.maxLength = Math.trunc(averageLength * 1.6);
  }

  /** Draws the comments of the next `rows` full rows (at most `PREFETCH_ROWS`). */
  prefetchRows(rows: number): void {
    for (let i = 0; i < rows; i++) this.prefetchRow(this.valuesPerRow);
  }

  /** Draws the comments of the next row, which has `values` of them, and ends that row. */
  prefetchRow(values: number): void {
    if (this.head === this.tail) this.head = this.tail = 0;
    const pool = this.pool;
    let touched = this.touched;
    for (let i = 0; i < values; i++) {
      const offset = this.next(0, pool.length - this.maxLength);
      const length = this.next(this.minLength, this.maxLength);
      this.offsets[this.tail] = offset;
      this.lengths[this.tail++] = length;
      touched ^= pool[offset]! ^ pool[offset + length - 1]!;
    }
    this.touched = touched;
    this.rowFinished();
  }

  /** Appends the next prefetched comment to `out` (the caller closes the value). */
  put(out: Utf8Builder): void {
    const offset = this.offsets[this.head]!;
    const length = this.lengths[this.head++]!;
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
