import { describe, expect, it } from 'vitest';
import {
  checkDecimalPrecision,
  decimalAsBigInt,
  decimalAsNumber,
  divRoundHalfAway,
  int64AsNumber,
  int64Words,
  setDecimalFromBigInt,
  setDecimalFromNumber,
  setInt64FromNumber,
} from './wide-int.js';

describe('64-bit words', () => {
  it('reads numbers below 2^53 and reports larger ones as NaN', () => {
    const v = BigInt64Array.of(-5n, 2n ** 53n - 1n, -(2n ** 53n), 2n ** 53n, -(2n ** 60n));
    const w = int64Words(v);
    expect([0, 1, 2].map((i) => int64AsNumber(w, i))).toEqual([-5, 2 ** 53 - 1, -(2 ** 53)]);
    expect(int64AsNumber(w, 3)).toBeNaN();
    expect(int64AsNumber(w, 4)).toBeNaN();
  });

  it('writes numbers exactly', () => {
    const v = new BigInt64Array(3);
    const w = int64Words(v);
    setInt64FromNumber(w, 0, -1);
    setInt64FromNumber(w, 1, 2 ** 52 + 3);
    setInt64FromNumber(w, 2, -(2 ** 40) - 7);
    expect([...v]).toEqual([-1n, 2n ** 52n + 3n, -(2n ** 40n) - 7n]);
  });
});

describe('decimal words', () => {
  it('round-trips bigints of up to 128 bits', () => {
    const w = new Uint32Array(16);
    const vals = [0n, -1n, 10n ** 38n - 1n, -(10n ** 38n) + 1n];
    vals.forEach((v, i) => setDecimalFromBigInt(w, i, v));
    expect(vals.map((_, i) => decimalAsBigInt(w, i))).toEqual(vals);
  });

  it('reads and writes the float64 fast path exactly, NaN beyond 2^53', () => {
    const w = new Uint32Array(16);
    setDecimalFromNumber(w, 0, -123456789012345);
    setDecimalFromNumber(w, 1, 2 ** 53 - 1);
    setDecimalFromBigInt(w, 2, 2n ** 53n + 1n);
    setDecimalFromBigInt(w, 3, -(2n ** 70n));
    expect(decimalAsNumber(w, 0)).toBe(-123456789012345);
    expect(decimalAsBigInt(w, 0)).toBe(-123456789012345n);
    expect(decimalAsNumber(w, 1)).toBe(2 ** 53 - 1);
    expect(decimalAsNumber(w, 2)).toBeNaN();
    expect(decimalAsNumber(w, 3)).toBeNaN();
  });

  it('rounds half away from zero and checks precision', () => {
    expect([15n, -15n, 14n, -14n, 16n].map((v) => divRoundHalfAway(v, 1))).toEqual([2n, -2n, 1n, -1n, 2n]);
    expect(() => checkDecimalPrecision(1000n, 3, 'x')).toThrow(/numeric overflow/);
    expect(() => checkDecimalPrecision(-999n, 3, 'x')).not.toThrow();
  });
});
