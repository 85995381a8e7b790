/**
 * Columnar storage of the distinct keys of a hash table, one store per key column. A store is bound
 * to the current batch's column, compares a row of it with a stored group's key (NULL equals NULL
 * here; joins exclude NULL keys before probing), appends new keys, and finally yields the stored keys
 * as one Arrow column. A list key stores its items in an item store of the item type (NULL items
 * equal), so nested lists work alike.
 */
import * as arrow from 'apache-arrow';
import { layoutOf, wordsOf, allocWords, asValues, type WordArray } from '../selection/layout.js';
import { makeColumn } from '../selection/make-column.js';
import { bitmapFromBytes } from '../kernels/validity.js';
import { ensureCapacity } from './grow.js';
import { isFloat } from './hash-columns.js';

/** A key column's words for inline comparison: value i spans words [width*i, width*i + width). */
export interface InlineWords {
  readonly input: ArrayLike<number>;
  readonly width: 1 | 2;
  readonly stored: () => ArrayLike<number>;
}

export interface KeyStore {
  /** Use `data` (a column of the current batch) for subsequent `equals`/`append` calls. */
  bind(data: arrow.Data): void;
  /** Whether row `row` of the bound column equals the key of group `group`. */
  equals(row: number, group: number): boolean;
  /** Stores row `row` of the bound column as the key of the next group. */
  append(row: number): void;
  /** The stored keys of groups 0..count-1 as a column. */
  finish(): arrow.Data;
  /**
   * For values of one or two words (32- and 64-bit integers, dates) when neither the bound column nor
   * any stored key is NULL: the bound input, its width in words and the stored keys, so a probe loop
   * can compare them inline; otherwise null. `stored` is replaced when `append` grows it.
   */
  inlineWords(): InlineWords | null;
  /** Whether `smallValue` can give integers (one- or two-word integer keys). */
  readonly integral: boolean;
  /** Row `row`'s key as an integer in [0, 2^31) when it is one (not NULL, not negative, not wider), else -1. */
  smallValue(row: number): number;
  memoryBytes(): number;
}

export function createKeyStore(type: arrow.DataType): KeyStore {
  const layout = layoutOf(type);
  switch (layout.kind) {
    case 'null': return new NullKeyStore(type);
    case 'bool': return new BoolKeyStore(type);
    case 'utf8': return new Utf8KeyStore(type);
    case 'fixed':
      return isFloat(type) ? new FloatKeyStore(type) : new WordKeyStore(type, layout.width, layout.wordBytes);
    case 'list':
      return new ListKeyStore(type);
  }
}

/** Validity handling shared by all stores: a byte per group, and the bound column's bitmap. */
abstract class BaseKeyStore implements KeyStore {
  protected count = 0;
  protected valid = new Uint8Array(64);
  protected bitmap: Uint8Array | null = null;
  protected offset = 0;

  constructor(protected readonly type: arrow.DataType) {}

  bind(data: arrow.Data): void {
    this.offset = data.offset;
    this.bitmap = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
    this.bindValues(data);
  }

  protected isValid(row: number): boolean {
    const bm = this.bitmap;
    if (bm === null) return true;
    const b = this.offset + row;
    return (bm[b >> 3]! & (1 << (b & 7))) !== 0;
  }

  equals(row: number, group: number): boolean {
    const rowValid = this.isValid(row);
    if (rowValid !== (this.valid[group] === 1)) return false;
    return !rowValid || this.valueEquals(row, group);
  }

  append(row: number): void {
    const g = this.count++;
    this.valid = ensureCapacity(this.valid, this.count);
    const ok = this.isValid(row);
    this.valid[g] = ok ? 1 : 0;
    this.appendValue(row, g, ok);
  }

  inlineWords(): InlineWords | null {
    return null;
  }

  get integral(): boolean {
    return false;
  }

  smallValue(_row: number): number {
    return -1;
  }

  protected validity(): Uint8Array | null {
    for (let g = 0; g < this.count; g++) if (this.valid[g] === 0) return bitmapFromBytes(this.valid, this.count);
    return null;
  }

  memoryBytes(): number {
    return this.valid.byteLength + this.valueBytes();
  }

  protected abstract bindValues(data: arrow.Data): void;
  protected abstract valueEquals(row: number, group: number): boolean;
  protected abstract appendValue(row: number, group: number, valid: boolean): void;
  protected abstract valueBytes(): number;
  abstract finish(): arrow.Data;
}

class NullKeyStore extends BaseKeyStore {
  protected bindValues(): void {}
  protected override isValid(): boolean {
    return false;
  }
  protected valueEquals(): boolean {
    return true;
  }
  protected appendValue(): void {}
  protected valueBytes(): number {
    return 0;
  }
  finish(): arrow.Data {
    return makeColumn(this.type, this.count, { validity: null });
  }
}

class BoolKeyStore extends BaseKeyStore {
  private values = new Uint8Array(64);
  private bits: Uint8Array = new Uint8Array(0);

  protected bindValues(data: arrow.Data): void {
    this.bits = data.values as Uint8Array;
  }
  private bit(row: number): number {
    const b = this.offset + row;
    return (this.bits[b >> 3]! >> (b & 7)) & 1;
  }
  protected valueEquals(row: number, group: number): boolean {
    return this.bit(row) === this.values[group];
  }
  protected appendValue(row: number, group: number, valid: boolean): void {
    this.values = ensureCapacity(this.values, group + 1);
    this.values[group] = valid ? this.bit(row) : 0;
  }
  protected valueBytes(): number {
    return this.values.byteLength;
  }
  finish(): arrow.Data {
    return makeColumn(this.type, this.count, { validity: this.validity(), values: bitmapFromBytes(this.values, this.count) });
  }
}

/** Integers, dates, timestamps, decimals and intervals, compared word by word. */
class WordKeyStore extends BaseKeyStore {
  private words: WordArray;
  private input: WordArray = new Int32Array(0);

  constructor(
    type: arrow.DataType,
    private readonly width: number,
    private readonly wordBytes: 1 | 2 | 4,
  ) {
    super(type);
    this.words = allocWords(64, width, wordBytes);
  }

  protected bindValues(data: arrow.Data): void {
    this.input = wordsOf(data, this.wordBytes);
  }
  protected valueEquals(row: number, group: number): boolean {
    const w = this.width;
    if (w === 1) return this.input[row] === this.words[group];
    const a = row * w;
    const b = group * w;
    for (let k = 0; k < w; k++) if (this.input[a + k] !== this.words[b + k]) return false;
    return true;
  }
  private nullGroups = 0;

  private readonly storedWords = () => this.words;

  override get integral(): boolean {
    return this.width <= 2 && this.type.typeId !== arrow.Type.Decimal && this.type.typeId !== arrow.Type.Interval;
  }

  override smallValue(row: number): number {
    if (!this.isValid(row)) return -1;
    if (this.width === 1) return Math.max(this.input[row]!, -1);
    const lo = this.input[2 * row]!;
    return this.input[2 * row + 1] === 0 && lo >= 0 ? lo : -1;
  }

  override inlineWords(): InlineWords | null {
    const w = this.width;
    if (!this.integral || this.bitmap !== null || this.nullGroups > 0) return null;
    return { input: this.input, width: w as 1 | 2, stored: this.storedWords };
  }

  protected appendValue(row: number, group: number, valid: boolean): void {
    const w = this.width;
    if (!valid) this.nullGroups++;
    this.words = ensureCapacity(this.words, (group + 1) * w);
    if (valid) for (let k = 0; k < w; k++) this.words[group * w + k] = this.input[row * w + k]!;
  }
  protected valueBytes(): number {
    return this.words.byteLength;
  }
  finish(): arrow.Data {
    const out = allocWords(this.count, this.width, this.wordBytes);
    out.set(this.words.subarray(0, this.count * this.width) as never);
    return makeColumn(this.type, this.count, { validity: this.validity(), values: asValues(this.type, out) });
  }
}

/** Float32/Float64, compared as numbers with 0 = -0 and NaN = NaN (as SQL grouping requires). */
class FloatKeyStore extends BaseKeyStore {
  private values = new Float64Array(64);
  private input: Float32Array | Float64Array = new Float64Array(0);

  protected bindValues(data: arrow.Data): void {
    this.input = data.values as Float32Array | Float64Array;
  }
  protected valueEquals(row: number, group: number): boolean {
    const a = this.input[row]!;
    const b = this.values[group]!;
    return a === b || (a !== a && b !== b);
  }
  protected appendValue(row: number, group: number, valid: boolean): void {
    this.values = ensureCapacity(this.values, group + 1);
    this.values[group] = valid ? this.input[row]! : 0;
  }
  protected valueBytes(): number {
    return this.values.byteLength;
  }
  finish(): arrow.Data {
    const Ctor = (this.type as unknown as { ArrayType: new (n: number) => Float32Array | Float64Array }).ArrayType;
    const out = new Ctor(this.count);
    for (let g = 0; g < this.count; g++) out[g] = this.values[g]!;
    return makeColumn(this.type, this.count, { validity: this.validity(), values: out });
  }
}

class Utf8KeyStore extends BaseKeyStore {
  private offsets = new Int32Array(65);
  private bytes = new Uint8Array(1024);
  private inOffsets: Int32Array = new Int32Array(1);
  private inBytes: Uint8Array = new Uint8Array(0);

  protected bindValues(data: arrow.Data): void {
    this.inOffsets = data.valueOffsets as Int32Array;
    this.inBytes = data.values as Uint8Array;
  }
  protected valueEquals(row: number, group: number): boolean {
    let s = this.inOffsets[row]!;
    const e = this.inOffsets[row + 1]!;
    let t = this.offsets[group]!;
    if (e - s !== this.offsets[group + 1]! - t) return false;
    const a = this.inBytes;
    const b = this.bytes;
    while (s < e) if (a[s++] !== b[t++]) return false;
    return true;
  }
  protected appendValue(row: number, group: number, valid: boolean): void {
    this.offsets = ensureCapacity(this.offsets, group + 2);
    let pos = this.offsets[group]!;
    if (valid) {
      let s = this.inOffsets[row]!;
      const e = this.inOffsets[row + 1]!;
      this.bytes = ensureCapacity(this.bytes, pos + (e - s));
      const out = this.bytes;
      const src = this.inBytes;
      while (s < e) out[pos++] = src[s++]!;
    }
    this.offsets[group + 1] = pos;
  }
  protected valueBytes(): number {
    return this.offsets.byteLength + this.bytes.byteLength;
  }
  finish(): arrow.Data {
    const n = this.count;
    const offsets = this.offsets.slice(0, n + 1);
    const bytes = this.bytes.slice(0, offsets[n]!);
    return makeColumn(this.type, n, { validity: this.validity(), values: bytes, offsets });
  }
}

/** Lists: offsets per group over an item store holding every stored list's items in order. */
class ListKeyStore extends BaseKeyStore {
  private offsets = new Int32Array(65);
  private inOffsets: Int32Array = new Int32Array(1);
  private readonly items: KeyStore;

  constructor(type: arrow.DataType) {
    super(type);
    this.items = createKeyStore((type as arrow.List).valueType);
  }

  protected bindValues(data: arrow.Data): void {
    this.inOffsets = data.valueOffsets as Int32Array;
    this.items.bind(data.children[0]!);
  }
  protected valueEquals(row: number, group: number): boolean {
    const s = this.inOffsets[row]!;
    const t = this.offsets[group]!;
    const len = this.inOffsets[row + 1]! - s;
    if (len !== this.offsets[group + 1]! - t) return false;
    for (let k = 0; k < len; k++) if (!this.items.equals(s + k, t + k)) return false;
    return true;
  }
  protected appendValue(row: number, group: number, valid: boolean): void {
    this.offsets = ensureCapacity(this.offsets, group + 2);
    const s = this.inOffsets[row]!;
    const len = valid ? this.inOffsets[row + 1]! - s : 0;
    for (let k = 0; k < len; k++) this.items.append(s + k);
    this.offsets[group + 1] = this.offsets[group]! + len;
  }
  protected valueBytes(): number {
    return this.offsets.byteLength + this.items.memoryBytes();
  }
  finish(): arrow.Data {
    const n = this.count;
    return makeColumn(this.type, n, { validity: this.validity(), offsets: this.offsets.slice(0, n + 1), child: this.items.finish() });
  }
}
