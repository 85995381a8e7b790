import { describe, expect, it } from 'vitest';
import { DataTypes } from '@quiver/common';
import {
  allValid,
  andBitmaps,
  bitmapFromBytes,
  countNulls,
  countSetBits,
  getBit,
  orBitmaps,
  sliceBits,
  validityOf,
} from './validity.js';
import { data, sliced } from './test-data.js';

const bits = (b: Uint8Array, n: number) => Array.from({ length: n }, (_, i) => (getBit(b, i) ? 1 : 0));

describe('validity bitmaps', () => {
  it('builds from bytes and counts bits', () => {
    const b = bitmapFromBytes(Uint8Array.of(1, 0, 1, 1, 0, 0, 0, 1, 1), 9);
    expect(bits(b, 9)).toEqual([1, 0, 1, 1, 0, 0, 0, 1, 1]);
    expect(countSetBits(b, 9)).toBe(5);
    expect(countSetBits(b, 3)).toBe(2);
    expect(countNulls(b, 9)).toBe(4);
    expect(countNulls(null, 9)).toBe(0);
    expect(countSetBits(allValid(13), 13)).toBe(13);
    expect(allValid(13)[1]).toBe(0b11111);
  });

  it('slices at unaligned offsets', () => {
    const b = bitmapFromBytes(Uint8Array.of(0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1), 11);
    expect(bits(sliceBits(b, 3, 8), 8)).toEqual([1, 0, 1, 1, 0, 1, 1, 1]);
    expect(bits(sliceBits(b, 8, 3), 3)).toEqual([1, 1, 1]);
    const copy = sliceBits(b, 0, 11, true);
    copy[0] = 0;
    expect(b[0]).not.toBe(0);
  });

  it('reads the validity of sliced data and treats no-null data as all valid', () => {
    const d = sliced(DataTypes.int32, [1, null, 3, null, 5, 6, 7, 8, null]);
    expect(bits(validityOf(d)!, 9)).toEqual([1, 0, 1, 0, 1, 1, 1, 1, 0]);
    expect(validityOf(data(DataTypes.int32, [1, 2]))).toBeNull();
  });

  it('combines bitmaps with AND and OR', () => {
    const a = bitmapFromBytes(Uint8Array.of(1, 1, 0, 0), 4);
    const b = bitmapFromBytes(Uint8Array.of(1, 0, 1, 0), 4);
    expect(bits(andBitmaps(a, b, 4)!, 4)).toEqual([1, 0, 0, 0]);
    expect(andBitmaps(null, b, 4)).toBe(b);
    expect(andBitmaps(null, null, 4)).toBeNull();
    expect(bits(orBitmaps(a, b, 4), 4)).toEqual([1, 1, 1, 0]);
  });
});
