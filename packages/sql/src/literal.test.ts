import { DataTypes } from '@quiver/common';
import { describe, expect, it } from 'vitest';
import { dateLiteral, intervalLiteral, numberLiteral, timestampLiteral } from './literal.js';

describe('numberLiteral', () => {
  it('types integers by the smallest of INTEGER, BIGINT, DECIMAL that holds them', () => {
    expect(numberLiteral('42', false)).toEqual({ type: DataTypes.int32, value: 42 });
    expect(numberLiteral('2147483648', true)).toEqual({ type: DataTypes.int32, value: -2147483648 });
    expect(numberLiteral('2147483648', false)).toEqual({ type: DataTypes.int64, value: 2147483648n });
    expect(numberLiteral('99999999999999999999', false)).toEqual({ type: DataTypes.decimal(20, 0), value: 99999999999999999999n });
  });

  it('types a point number as an exact DECIMAL counted from its digits', () => {
    expect(numberLiteral('0.06', false)).toEqual({ type: DataTypes.decimal(3, 2), value: 6n });
    expect(numberLiteral('123.450', true)).toEqual({ type: DataTypes.decimal(6, 3), value: -123450n });
    expect(numberLiteral('.5', false)).toEqual({ type: DataTypes.decimal(2, 1), value: 5n });
  });

  it('types exponent notation as DOUBLE', () => {
    expect(numberLiteral('1e5', false)).toEqual({ type: DataTypes.float64, value: 100000 });
  });
});

describe('typed string literals', () => {
  it('reads dates and rejects impossible ones', () => {
    expect(dateLiteral('1970-01-02').value).toBe(1);
    expect(() => dateLiteral('1995-02-30')).toThrow("invalid DATE literal '1995-02-30'");
  });

  it('reads timestamps in microseconds', () => {
    expect(timestampLiteral('1970-01-02 00:00:01.5').value).toBe(86_401_500_000n);
    expect(timestampLiteral('1970-01-01').value).toBe(0n);
    expect(() => timestampLiteral('1970-01-01 25:00:00')).toThrow('invalid TIMESTAMP literal');
  });

  it('reads intervals with a unit qualifier or units in the text', () => {
    expect(intervalLiteral('3', 'Month').value).toEqual({ months: 3, days: 0, nanos: 0n });
    expect(intervalLiteral('90', 'Day').value).toEqual({ months: 0, days: 90, nanos: 0n });
    expect(intervalLiteral('1 year 2 months', null).value).toEqual({ months: 14, days: 0, nanos: 0n });
    expect(intervalLiteral('2 days 1.5 seconds', null).value).toEqual({ months: 0, days: 2, nanos: 1_500_000_000n });
    expect(() => intervalLiteral('soon', null)).toThrow("invalid INTERVAL literal 'soon'");
    expect(intervalLiteral('5', null).value).toEqual({ months: 0, days: 0, nanos: 5_000_000_000n });
    expect(intervalLiteral('1s', null).value).toEqual({ months: 0, days: 0, nanos: 1_000_000_000n });
    expect(intervalLiteral('1ms 2ns', null).value).toEqual({ months: 0, days: 0, nanos: 1_000_002n });
    expect(intervalLiteral('5', 'week').value).toEqual({ months: 0, days: 35, nanos: 0n });
    expect(intervalLiteral('5 day 1', 'Hour').value).toEqual({ months: 0, days: 5, nanos: 3_600_000_000_000n });
    expect(() => intervalLiteral('5 day', 'Hour')).toThrow("invalid INTERVAL literal '5 day' HOUR");
    expect(intervalLiteral('5', 'Nanoseconds').value).toEqual({ months: 0, days: 0, nanos: 5n });
    expect(() => intervalLiteral('1 day junk 2 hours', null)).toThrow("invalid INTERVAL literal '1 day junk 2 hours'");
    expect(() => intervalLiteral('1.5', 'Month')).toThrow("invalid INTERVAL literal '1.5' MONTH");
  });
});
