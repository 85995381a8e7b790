/**
 * BIT_AND, BIT_OR and BIT_XOR over integers (keeping the input type) and BOOL_AND (EVERY) and BOOL_OR
 * over Booleans. State per group is typed: 32-bit words (two per BIGINT value, low word first) or a
 * byte, plus whether the group has seen a value; NULL for a group without values.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, isInteger, QuiverError, toArrowType, typeToString, type DataType } from '@quiver/common';
import type { AggregateFunction, GroupsAccumulator } from '@quiver/planner';
import { makeColumn } from '../selection/make-column.js';
import { bitmapFromBytes } from '../kernels/validity.js';
import { ensureCapacity } from '../hash/grow.js';
import { DistinctAccumulator } from './distinct.js';

export type BitOp = 'and' | 'or' | 'xor';

function oneArg(fn: string, argTypes: readonly DataType[]): DataType {
  if (argTypes.length !== 1) throw new QuiverError('TYPE', `${fn}() takes exactly one argument, got ${argTypes.length}`);
  return argTypes[0]!;
}

export class BitFunction implements AggregateFunction {
  readonly name: string;
  constructor(private readonly op: BitOp) {
    this.name = `bit_${op}`;
  }
  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    const t = oneArg(this.name, argTypes);
    if (t.kind === 'Null') return [DataTypes.int64];
    if (!isInteger(t)) throw new QuiverError('TYPE', `${this.name}(${typeToString(t)}) is not supported: the argument must be an integer`);
    return [t];
  }
  returnType(argTypes: readonly DataType[]): DataType {
    return argTypes[0]!;
  }
  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, distinct: boolean): GroupsAccumulator {
    const inner = new BitAccumulator(this.op, argTypes[0]!);
    return distinct ? new DistinctAccumulator(argTypes, inner) : inner;
  }
}

/** Applies `op` to 32-bit words. */
function combine(op: BitOp, a: number, b: number): number {
  return op === 'and' ? a & b : op === 'or' ? a | b : a ^ b;
}

export class BitAccumulator implements GroupsAccumulator {
  private has = new Uint8Array(0);
  /** Word k of group g at `words[g * width + k]`. */
  private words = new Int32Array(0);
  private readonly width: number;

  constructor(
    private readonly op: BitOp,
    private readonly type: DataType,
  ) {
    this.width = type.kind === 'Int64' ? 2 : 1;
  }

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    const w = this.width;
    this.has = ensureCapacity(this.has, numGroups);
    this.words = ensureCapacity(this.words, numGroups * w);
    const { has, words, op } = this;
    const data = args[0]!;
    const bm = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
    const off = data.offset;
    const v = data.values as ArrayBufferView;
    const input: ArrayLike<number> = w === 2 ? new Int32Array(v.buffer, v.byteOffset, groupIds.length * 2) : (v as unknown as ArrayLike<number>);
    for (let i = 0; i < groupIds.length; i++) {
      if (bm !== null && !(bm[(off + i) >> 3]! & (1 << ((off + i) & 7)))) continue;
      const g = groupIds[i]!;
      for (let k = 0; k < w; k++) {
        const x = input[i * w + k]!;
        words[g * w + k] = has[g] === 0 ? x : combine(op, words[g * w + k]!, x);
      }
      has[g] = 1;
    }
  }

  evaluate(numGroups: number): arrow.Data {
    this.has = ensureCapacity(this.has, numGroups);
    this.words = ensureCapacity(this.words, numGroups * this.width);
    const type = toArrowType(this.type);
    const Ctor = (type as unknown as { ArrayType: new (b: ArrayBuffer) => ArrayBufferView }).ArrayType;
    let values: ArrayBufferView;
    if (this.width === 2) {
      values = new Ctor(this.words.slice(0, numGroups * 2).buffer);
    } else {
      const out = new (Ctor as unknown as new (n: number) => { [i: number]: number } & ArrayBufferView)(numGroups);
      for (let g = 0; g < numGroups; g++) out[g] = this.words[g]!;
      values = out;
    }
    return makeColumn(type, numGroups, { validity: bitmapFromBytes(this.has, numGroups), values });
  }

  memoryBytes(): number {
    return this.has.byteLength + this.words.byteLength;
  }
}

export class BoolFunction implements AggregateFunction {
  constructor(
    readonly name: string,
    private readonly isAnd: boolean,
  ) {}
  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    const t = oneArg(this.name, argTypes);
    if (t.kind !== 'Null' && t.kind !== 'Boolean') throw new QuiverError('TYPE', `${this.name}(${typeToString(t)}) is not supported: the argument must be BOOLEAN`);
    return [DataTypes.boolean];
  }
  returnType(): DataType {
    return DataTypes.boolean;
  }
  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, distinct: boolean): GroupsAccumulator {
    const inner = new BoolAccumulator(this.isAnd);
    return distinct ? new DistinctAccumulator(argTypes, inner) : inner;
  }
}

export class BoolAccumulator implements GroupsAccumulator {
  private has = new Uint8Array(0);
  private values = new Uint8Array(0);

  constructor(private readonly isAnd: boolean) {}

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.has = ensureCapacity(this.has, numGroups);
    this.values = ensureCapacity(this.values, numGroups);
    const { has, values, isAnd } = this;
    const data = args[0]!;
    if (data.typeId === arrow.Type.Null) return;
    const bm = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
    const bits = data.values as Uint8Array;
    const off = data.offset;
    for (let i = 0; i < groupIds.length; i++) {
      const b = off + i;
      if (bm !== null && !(bm[b >> 3]! & (1 << (b & 7)))) continue;
      const g = groupIds[i]!;
      const x = (bits[b >> 3]! >> (b & 7)) & 1;
      values[g] = has[g] === 0 ? x : isAnd ? values[g]! & x : values[g]! | x;
      has[g] = 1;
    }
  }

  evaluate(numGroups: number): arrow.Data {
    this.has = ensureCapacity(this.has, numGroups);
    this.values = ensureCapacity(this.values, numGroups);
    return makeColumn(new arrow.Bool(), numGroups, {
      validity: bitmapFromBytes(this.has, numGroups),
      values: bitmapFromBytes(this.values, numGroups),
    });
  }

  memoryBytes(): number {
    return this.has.byteLength + this.values.byteLength;
  }
}
