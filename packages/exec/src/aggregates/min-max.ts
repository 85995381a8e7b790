/**
 * MIN and MAX for every orderable Quiver type, keeping the input type. Per-group state is typed:
 * one-word values (small integers, floats, dates) in their own arrays, 64/128-bit values as Int32
 * words compared most-significant word first, Booleans as bytes, strings as per-group byte copies
 * compared bytewise (UTF-8 byte order = code point order). NaN is the largest float, as in PostgreSQL.
 */
import * as arrow from 'apache-arrow';
import { QuiverError, toArrowType, typeToString, type DataType } from '@quiver/common';
import type { AggregateFunction, GroupsAccumulator } from '@quiver/planner';
import { makeColumn, nullColumn } from '../selection/make-column.js';
import { layoutOf, wordsOf, allocWords, asValues, type WordArray } from '../selection/layout.js';
import { bitmapFromBytes } from '../kernels/validity.js';
import { ensureCapacity } from '../hash/grow.js';
import { DistinctAccumulator } from './distinct.js';

export class MinMaxFunction implements AggregateFunction {
  constructor(readonly name: 'min' | 'max') {}

  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    if (argTypes.length !== 1) throw new QuiverError('TYPE', `${this.name}() takes exactly one argument, got ${argTypes.length}`);
    if (argTypes[0]!.kind === 'Interval') throw new QuiverError('TYPE', `${this.name}(INTERVAL) is not supported`);
    return [argTypes[0]!];
  }
  returnType(argTypes: readonly DataType[]): DataType {
    return argTypes[0]!;
  }
  stateTypes(argTypes: readonly DataType[]): DataType[] {
    return [argTypes[0]!];
  }
  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, distinct: boolean): GroupsAccumulator {
    const inner = createMinMax(argTypes[0]!, this.name === 'max');
    return distinct ? new DistinctAccumulator(argTypes, inner) : inner;
  }
}

function createMinMax(type: DataType, isMax: boolean): GroupsAccumulator {
  const arrowType = toArrowType(type);
  const layout = layoutOf(arrowType);
  switch (layout.kind) {
    case 'null': return new AllNullAccumulator(arrowType);
    case 'bool': return new BoolMinMax(arrowType, isMax);
    case 'utf8': return new Utf8MinMax(arrowType, isMax);
    case 'fixed':
      if (layout.width === 1 || arrowType.typeId === arrow.Type.Float) return new NumberMinMax(arrowType, isMax);
      if (layout.wordBytes === 4) return new WideMinMax(arrowType, layout.width, isMax);
  }
  throw new QuiverError('TYPE', `min/max of ${typeToString(type)} is not supported`);
}

abstract class GroupStateBase implements GroupsAccumulator {
  protected has = new Uint8Array(0);
  constructor(protected readonly type: arrow.DataType, protected readonly isMax: boolean) {}

  protected grow(numGroups: number): void {
    this.has = ensureCapacity(this.has, numGroups);
  }

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.grow(numGroups);
    const data = args[0]!;
    const bm = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
    this.bind(data);
    const off = data.offset;
    const has = this.has;
    for (let i = 0; i < groupIds.length; i++) {
      if (bm !== null && !(bm[(off + i) >> 3]! & (1 << ((off + i) & 7)))) continue;
      const g = groupIds[i]!;
      if (g < 0) continue;
      if (has[g] === 0) {
        has[g] = 1;
        this.set(g, i);
      } else if (this.better(i, g)) {
        this.set(g, i);
      }
    }
  }

  /** A partial state is the group's value so far (NULL for none); merging is updating with it. */
  state(numGroups: number): arrow.Data[] {
    return [this.evaluate(numGroups)];
  }

  merge(states: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.update(states, groupIds, numGroups);
  }

  protected validity(numGroups: number): Uint8Array {
    this.grow(numGroups);
    return bitmapFromBytes(this.has, numGroups);
  }

  protected abstract bind(data: arrow.Data): void;
  /** Whether row `i` of the bound column should replace group `g`'s value. */
  protected abstract better(i: number, g: number): boolean;
  protected abstract set(g: number, i: number): void;
  abstract evaluate(numGroups: number): arrow.Data;
  abstract memoryBytes(): number;
}

class NumberMinMax extends GroupStateBase {
  private values = new Float64Array(0);
  private input: ArrayLike<number> = [];

  protected override grow(numGroups: number): void {
    super.grow(numGroups);
    this.values = ensureCapacity(this.values, numGroups);
  }
  protected bind(data: arrow.Data): void {
    this.input = data.values as ArrayLike<number>;
  }
  protected better(i: number, g: number): boolean {
    const v = this.input[i]!;
    const cur = this.values[g]!;
    return this.isMax ? v > cur || (v !== v && cur === cur) : v < cur || (cur !== cur && v === v);
  }
  protected set(g: number, i: number): void {
    this.values[g] = this.input[i]!;
  }
  evaluate(numGroups: number): arrow.Data {
    const validity = this.validity(numGroups);
    const Ctor = (this.type as unknown as { ArrayType: new (n: number) => { [i: number]: number } & ArrayBufferView }).ArrayType;
    const out = new Ctor(numGroups);
    for (let g = 0; g < numGroups; g++) out[g] = this.values[g]!;
    return makeColumn(this.type, numGroups, { validity, values: out });
  }
  memoryBytes(): number {
    return this.values.byteLength + this.has.byteLength;
  }
}

/** 64- and 128-bit two's-complement values (Int64, Timestamp, Decimal128) as Int32 words. */
class WideMinMax extends GroupStateBase {
  private words: Int32Array;
  private input: Int32Array = new Int32Array(0);

  constructor(type: arrow.DataType, private readonly width: number, isMax: boolean) {
    super(type, isMax);
    this.words = new Int32Array(0);
  }
  protected override grow(numGroups: number): void {
    super.grow(numGroups);
    this.words = ensureCapacity(this.words, numGroups * this.width);
  }
  protected bind(data: arrow.Data): void {
    this.input = wordsOf(data, 4) as Int32Array;
  }
  protected better(i: number, g: number): boolean {
    const w = this.width;
    const a = this.input;
    const b = this.words;
    let k = w - 1;
    let cmp = 0;
    if (a[i * w + k] !== b[g * w + k]) cmp = a[i * w + k]! < b[g * w + k]! ? -1 : 1;
    else {
      for (k--; k >= 0; k--) {
        const x = a[i * w + k]! >>> 0;
        const y = b[g * w + k]! >>> 0;
        if (x !== y) {
          cmp = x < y ? -1 : 1;
          break;
        }
      }
    }
    return this.isMax ? cmp > 0 : cmp < 0;
  }
  protected set(g: number, i: number): void {
    const w = this.width;
    for (let k = 0; k < w; k++) this.words[g * w + k] = this.input[i * w + k]!;
  }
  evaluate(numGroups: number): arrow.Data {
    const validity = this.validity(numGroups);
    const out = allocWords(numGroups, this.width, 4) as Int32Array;
    out.set(this.words.subarray(0, numGroups * this.width));
    return makeColumn(this.type, numGroups, { validity, values: asValues(this.type, out as WordArray) });
  }
  memoryBytes(): number {
    return this.words.byteLength + this.has.byteLength;
  }
}

class BoolMinMax extends GroupStateBase {
  private values = new Uint8Array(0);
  private bits: Uint8Array = new Uint8Array(0);
  private offset = 0;

  protected override grow(numGroups: number): void {
    super.grow(numGroups);
    this.values = ensureCapacity(this.values, numGroups);
  }
  protected bind(data: arrow.Data): void {
    this.bits = data.values as Uint8Array;
    this.offset = data.offset;
  }
  private bit(i: number): number {
    const b = this.offset + i;
    return (this.bits[b >> 3]! >> (b & 7)) & 1;
  }
  protected better(i: number, g: number): boolean {
    return this.isMax ? this.bit(i) > this.values[g]! : this.bit(i) < this.values[g]!;
  }
  protected set(g: number, i: number): void {
    this.values[g] = this.bit(i);
  }
  evaluate(numGroups: number): arrow.Data {
    const validity = this.validity(numGroups);
    return makeColumn(this.type, numGroups, { validity, values: bitmapFromBytes(this.values, numGroups) });
  }
  memoryBytes(): number {
    return this.values.byteLength + this.has.byteLength;
  }
}

class Utf8MinMax extends GroupStateBase {
  private values: (Uint8Array | undefined)[] = [];
  private offsets: Int32Array = new Int32Array(1);
  private bytes: Uint8Array = new Uint8Array(0);
  private held = 0;

  protected bind(data: arrow.Data): void {
    this.offsets = data.valueOffsets as Int32Array;
    this.bytes = data.values as Uint8Array;
  }
  protected better(i: number, g: number): boolean {
    const cur = this.values[g]!;
    const s = this.offsets[i]!;
    const len = this.offsets[i + 1]! - s;
    const n = Math.min(len, cur.length);
    const a = this.bytes;
    for (let k = 0; k < n; k++) {
      const x = a[s + k]!;
      const y = cur[k]!;
      if (x !== y) return this.isMax ? x > y : x < y;
    }
    return this.isMax ? len > cur.length : len < cur.length;
  }
  protected set(g: number, i: number): void {
    const prev = this.values[g];
    if (prev) this.held -= prev.length;
    const copy = this.bytes.slice(this.offsets[i]!, this.offsets[i + 1]!);
    this.held += copy.length;
    this.values[g] = copy;
  }
  evaluate(numGroups: number): arrow.Data {
    const validity = this.validity(numGroups);
    const offsets = new Int32Array(numGroups + 1);
    for (let g = 0; g < numGroups; g++) offsets[g + 1] = offsets[g]! + (this.values[g]?.length ?? 0);
    const out = new Uint8Array(offsets[numGroups]!);
    for (let g = 0; g < numGroups; g++) {
      const v = this.values[g];
      if (v) out.set(v, offsets[g]!);
    }
    return makeColumn(this.type, numGroups, { validity, values: out, offsets });
  }
  memoryBytes(): number {
    return this.held + this.values.length * 16 + this.has.byteLength;
  }
}

class AllNullAccumulator implements GroupsAccumulator {
  constructor(private readonly type: arrow.DataType) {}
  update(): void {}
  merge(): void {}
  state(numGroups: number): arrow.Data[] {
    return [this.evaluate(numGroups)];
  }
  evaluate(numGroups: number): arrow.Data {
    return nullColumn(this.type, numGroups);
  }
  memoryBytes(): number {
    return 0;
  }
}
