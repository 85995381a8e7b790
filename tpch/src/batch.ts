/**
 * Raw column batches: the typed-array form every table generator writes into and that both the
 * Arrow and `.tbl` outputs read from (and that crosses worker boundaries by transfer). No per-row
 * objects: numbers go straight into typed arrays, text straight into byte buffers.
 */
import { COLUMNS, type ColumnKind, type TpchTable } from './schema.js';

/** A finished column. Words are little-endian uint32s: 2 per int64 value, 4 per decimal. */
export type RawColumn =
  | { readonly kind: 'int32' | 'date'; readonly values: Int32Array }
  | { readonly kind: 'int64' | 'decimal' | 'quantity'; readonly words: Uint32Array }
  | { readonly kind: 'utf8'; readonly offsets: Int32Array; readonly data: Uint8Array };

/** A finished batch of one table. */
export interface RawBatch {
  readonly table: TpchTable;
  readonly length: number;
  readonly columns: readonly RawColumn[];
}

const TWO_32 = 4294967296;

/** Stores a non-negative integer below 2^53 as an int64. */
export function putInt64(words: Uint32Array, row: number, value: number): void {
  words[2 * row] = value >>> 0;
  words[2 * row + 1] = (value / TWO_32) >>> 0;
}

/** Stores a number of cents (|value| < 2^53, negative only above −2^32) as a Decimal128. */
export function putDecimal(words: Uint32Array, row: number, cents: number): void {
  const at = 4 * row;
  words[at] = cents >>> 0;
  if (cents < 0) {
    words[at + 1] = 0xffffffff;
    words[at + 2] = 0xffffffff;
    words[at + 3] = 0xffffffff;
  } else {
    words[at + 1] = (cents / TWO_32) >>> 0;
  }
}

/** Appends text values into one byte buffer with Arrow-style offsets. */
export class Utf8Builder {
  readonly offsets: Int32Array;
  readonly data: Uint8Array;
  pos = 0;
  private row = 0;

  constructor(rows: number, maxBytesPerRow: number) {
    this.offsets = new Int32Array(rows + 1);
    this.data = new Uint8Array(rows * maxBytesPerRow);
  }

  /** Closes the current value. */
  end(): void {
    this.offsets[++this.row] = this.pos;
  }

  /** Appends `length` bytes of `source` starting at `start` (a native copy when long). */
  copy(source: Uint8Array, start: number, length: number): void {
    const data = this.data;
    let pos = this.pos;
    if (length > 32) {
      data.set(source.subarray(start, start + length), pos);
      pos += length;
    } else {
      for (let i = start, stop = start + length; i < stop; i++) data[pos++] = source[i]!;
    }
    this.pos = pos;
  }

  /** Appends all of `bytes`. */
  put(bytes: Uint8Array): void {
    this.copy(bytes, 0, bytes.length);
  }

  /** Appends one byte. */
  byte(value: number): void {
    this.data[this.pos++] = value;
  }

  /** Appends a non-negative integer in decimal, left-padded with zeros to `width` digits. */
  digits(value: number, width: number): void {
    let n = value;
    let len = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) len++;
    if (len < width) len = width;
    const data = this.data;
    const end = this.pos + len;
    for (let i = end - 1; i >= this.pos; i--) {
      data[i] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.pos = end;
  }

  finish(): RawColumn {
    return {
      kind: 'utf8',
      offsets: this.row + 1 === this.offsets.length ? this.offsets : this.offsets.slice(0, this.row + 1),
      data: this.data.slice(0, this.pos),
    };
  }
}

/** Column storage of one batch under construction, allocated for at most `capacity` rows. */
export class BatchBuilder {
  private readonly kinds: readonly ColumnKind[];
  private readonly storage: (Int32Array | Uint32Array | Utf8Builder)[];

  /** `textBytes[i]` is the maximum byte length of column i when it is text. */
  constructor(
    readonly table: TpchTable,
    readonly capacity: number,
    textBytes: readonly number[],
  ) {
    this.kinds = COLUMNS[table].map((c) => c.kind);
    this.storage = this.kinds.map((kind, i) => {
      switch (kind) {
        case 'int32':
        case 'date':
          return new Int32Array(capacity);
        case 'int64':
          return new Uint32Array(capacity * 2);
        case 'decimal':
        case 'quantity':
          return new Uint32Array(capacity * 4);
        case 'utf8':
          return new Utf8Builder(capacity, textBytes[i] ?? 0);
      }
    });
  }

  int32(column: number): Int32Array {
    return this.storage[column] as Int32Array;
  }

  /** uint32 words of an int64 or decimal column. */
  words(column: number): Uint32Array {
    return this.storage[column] as Uint32Array;
  }

  text(column: number): Utf8Builder {
    return this.storage[column] as Utf8Builder;
  }

  /** Freezes the first `length` rows into a batch. */
  finish(length: number): RawBatch {
    const fit = <T extends Int32Array | Uint32Array>(a: T, per: number): T =>
      a.length === length * per ? a : (a.slice(0, length * per) as T);
    const columns = this.kinds.map((kind, i): RawColumn => {
      const s = this.storage[i]!;
      if (s instanceof Utf8Builder) return s.finish();
      if (kind === 'int32' || kind === 'date') return { kind, values: fit(s as Int32Array, 1) };
      const per = kind === 'int64' ? 2 : 4;
      return { kind: kind as 'int64' | 'decimal' | 'quantity', words: fit(s as Uint32Array, per) };
    });
    return { table: this.table, length, columns };
  }
}

/**
 * A table generator: yields the rows of generator units [range.start, range.start + range.count)
 * in batches of at most `batchUnits` units, reading comments from `pool`.
 */
export type TableGenerator = (
  sf: number,
  range: { readonly start: number; readonly count: number },
  batchUnits: number,
  pool: Uint8Array,
) => Generator<RawBatch, void, undefined>;
