import { describe, expect, it } from 'vitest';
import { DataTypes, QuiverError, type DataType, type ScalarRaw } from '@quiver/common';
import { castArray } from './cast.js';
import { data, sliced, values } from './test-data.js';

const { int8, int16, int32, int64, float32, float64, utf8, boolean, date32, interval } = DataTypes;
const dec = DataTypes.decimal;

function cast(from: DataType, vals: ScalarRaw[], to: DataType, tryCast = false): ScalarRaw[] {
  return values(castArray(sliced(from, vals), from, to, tryCast), to);
}

describe('numeric casts', () => {
  it('widens and narrows integers with range errors', () => {
    expect(cast(int32, [1, -2, null], int64)).toEqual([1n, -2n, null]);
    expect(cast(int64, [127n, -128n], int8)).toEqual([127, -128]);
    expect(() => cast(int64, [128n], int8)).toThrow(/TINYINT out of range: cannot cast 128/);
    expect(() => cast(int64, [2n ** 40n], int32)).toThrow(QuiverError);
    expect(cast(int64, [2n ** 40n, 5n], int32, true)).toEqual([null, 5]);
  });

  it('rounds floats to integers half to even and rejects NaN and out-of-range values', () => {
    expect(cast(float64, [2.5, 3.5, -2.5, 1.4999, null], int32)).toEqual([2, 4, -2, 1, null]);
    expect(cast(float64, [1e18], int64)).toEqual([10n ** 18n]);
    expect(cast(float64, [-2.5, 3.7, -0.4], int64)).toEqual([-2n, 4n, 0n]);
    expect(() => cast(float64, [NaN], int32)).toThrow(/out of range/);
    expect(() => cast(float64, [3e9], int32)).toThrow(/out of range/);
    expect(cast(float64, [1e300], int64, true)).toEqual([null]);
  });

  it('rounds decimals to integers half away from zero', () => {
    expect(cast(dec(10, 2), [250n, -250n, 249n, null], int32)).toEqual([3, -3, 2, null]);
    expect(cast(dec(38, 2), [10n ** 30n + 50n], int64, true)).toEqual([null]);
    expect(cast(dec(38, 1), [92233720368547758065n], int64)).toEqual([2n ** 63n - 1n]);
    expect(() => cast(dec(38, 1), [92233720368547758075n], int64)).toThrow(/BIGINT out of range: cannot cast 9223372036854775807.5/);
  });

  it('rescales decimals rounding half away from zero, with overflow errors', () => {
    expect(cast(dec(10, 3), [1235n, -1235n, 1234n], dec(10, 2))).toEqual([124n, -124n, 123n]);
    expect(cast(dec(10, 2), [123n], dec(12, 4))).toEqual([12300n]);
    expect(() => cast(dec(10, 2), [100000n], dec(4, 2))).toThrow(/numeric field overflow/);
    expect(cast(dec(38, 10), [10n ** 37n + 5n * 10n ** 9n], dec(38, 0))).toEqual([10n ** 27n + 1n]);
    expect(cast(int32, [7, -7], dec(5, 2))).toEqual([700n, -700n]);
  });

  it('converts decimals to floats correctly rounded and floats to decimals by their shortest text', () => {
    expect(cast(dec(15, 2), [12345n, -5n], float64)).toEqual([123.45, -0.05]);
    expect(cast(dec(38, 20), [10n ** 30n + 1n], float64)).toEqual([1e10]);
    expect(cast(float64, [2.675, 0.1, -1.005], dec(10, 2))).toEqual([268n, 10n, -101n]);
    expect(() => cast(float64, [Infinity], dec(10, 2))).toThrow(QuiverError);
  });

  it('maps numbers and booleans both ways', () => {
    expect(cast(int32, [0, 5, null], boolean)).toEqual([false, true, null]);
    expect(cast(boolean, [true, false], int32)).toEqual([1, 0]);
    expect(cast(int16, [3], float32)).toEqual([3]);
  });
});

describe('string casts', () => {
  it('parses integers, decimals, floats and booleans, naming bad values', () => {
    expect(cast(utf8, [' 42 ', '-7', null], int32)).toEqual([42, -7, null]);
    expect(() => cast(utf8, ['4x'], int32)).toThrow('invalid input syntax for type INTEGER: "4x"');
    expect(() => cast(utf8, ['99999999999'], int32)).toThrow(/out of range/);
    expect(cast(utf8, ['abc', '12'], int64, true)).toEqual([null, 12n]);
    expect(cast(utf8, ['1.005', '-0.5', '.5', '1e2'], dec(10, 2))).toEqual([101n, -50n, 50n, 10000n]);
    expect(() => cast(utf8, [''], dec(10, 2))).toThrow(/invalid input syntax/);
    expect(cast(utf8, ['1.5e3', 'NaN', '-Infinity'], float64)).toEqual([1500, NaN, -Infinity]);
    expect(cast(utf8, ['t', 'FALSE', 'yes', 'off'], boolean)).toEqual([true, false, true, false]);
    expect(() => cast(utf8, ['maybe'], boolean)).toThrow(/"maybe"/);
  });

  it('parses dates, timestamps and intervals', () => {
    expect(cast(utf8, ['1970-01-02', '1995-03-15', '2000-02-30'], date32, true)).toEqual([1, 9204, null]);
    expect(() => cast(utf8, ['1995-13-01'], date32)).toThrow('invalid input syntax for type DATE: "1995-13-01"');
    const ts = DataTypes.timestamp('microsecond');
    expect(cast(utf8, ['1970-01-01 00:00:01.5', '1970-01-02'], ts)).toEqual([1_500_000n, 86_400_000_000n]);
    expect(cast(utf8, ['5 days 3 nanoseconds'], interval)).toEqual([{ months: 0, days: 5, nanos: 3n }]);
    expect(cast(utf8, ['1 year 2 months 3 days', '90 minutes', '1 day 01:00:00'], interval)).toEqual([
      { months: 14, days: 3, nanos: 0n },
      { months: 0, days: 0, nanos: 5_400_000_000_000n },
      { months: 0, days: 1, nanos: 3_600_000_000_000n },
    ]);
  });

  it('formats every type as PostgreSQL prints it, round-tripping', () => {
    expect(cast(int64, [-(2n ** 63n), null], utf8)).toEqual(['-9223372036854775808', null]);
    expect(cast(float64, [0.1, 1e15, 1.5e-5, 123.5, -0], utf8)).toEqual(['0.1', '1e+15', '1.5e-05', '123.5', '-0']);
    expect(cast(float32, [0.1], utf8)).toEqual(['0.1']);
    expect(cast(dec(10, 2), [-5n, 12345n], utf8)).toEqual(['-0.05', '123.45']);
    expect(cast(boolean, [true, false], utf8)).toEqual(['true', 'false']);
    expect(cast(date32, [9204, -1], utf8)).toEqual(['1995-03-15', '1969-12-31']);
    expect(cast(DataTypes.timestamp('millisecond'), [1500n], utf8)).toEqual(['1970-01-01 00:00:01.5']);
    const text = cast(dec(20, 4), [123456789012345678n], utf8);
    expect(cast(utf8, text, dec(20, 4))).toEqual([123456789012345678n]);
  });
});

describe('temporal casts', () => {
  it('converts dates and timestamps', () => {
    const us = DataTypes.timestamp('microsecond');
    expect(cast(date32, [1, null], us)).toEqual([86_400_000_000n, null]);
    expect(cast(us, [-1n, 86_400_000_001n], date32)).toEqual([-1, 1]);
    expect(cast(us, [1_500_000n], DataTypes.timestamp('second'))).toEqual([1n]);
  });

  it('rejects impossible casts with a TYPE error', () => {
    expect(() => castArray(data(date32, [1]), date32, int32)).toThrow(/cannot cast DATE to INTEGER/);
  });
});
