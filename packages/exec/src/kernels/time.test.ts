import { describe, expect, it } from 'vitest';
import { DataTypes, type DataType } from '@quiver/common';
import { binaryTyping, type ArithmeticOp, type ColumnarValue } from '@quiver/planner';
import { arithmetic } from './arithmetic.js';
import { castArray } from './cast.js';
import { compare } from './compare.js';
import { array, data, scalar, sliced, values } from './test-data.js';

const { time, interval, utf8 } = DataTypes;
const H = 3_600_000_000n;
const M = 60_000_000n;
const hours = (h: number, m = 0) => ({ months: 0, days: 0, nanos: (BigInt(h) * H + BigInt(m) * M) * 1000n });

function run(op: ArithmeticOp, l: ColumnarValue, lt: DataType, r: ColumnarValue, rt: DataType) {
  const t = binaryTyping(op, lt, rt);
  const length = l.kind === 'array' ? l.data.length : r.kind === 'array' ? r.data.length : 1;
  return values(arithmetic(op, l, t.left, r, t.right, t.result, length), t.result);
}

describe('TIME arithmetic', () => {
  it('adds and subtracts intervals, wrapping around midnight and ignoring days and months', () => {
    const t = array(time, [23n * H + 30n * M, 0n, null, 10n * H]);
    expect(run('+', t, time, scalar(interval, hours(1)), interval)).toEqual([30n * M, H, null, 11n * H]);
    expect(run('-', t, time, scalar(interval, hours(1)), interval)).toEqual([22n * H + 30n * M, 23n * H, null, 9n * H]);
    const withDays = { months: 2, days: 3, nanos: 90n * M * 1000n };
    expect(run('+', scalar(interval, withDays), interval, t, time)).toEqual([H, 90n * M, null, 11n * H + 30n * M]);
    // A column of intervals, one beyond 2^53 nanoseconds (about 104 days of hours).
    const shifts = array(interval, [hours(-1), hours(25), hours(0, 1), { months: 0, days: 0, nanos: (2400n * H + 5n * M) * 1000n }]);
    expect(run('+', { kind: 'array', data: sliced(time, [H, H, H, H]) }, time, shifts, interval)).toEqual([0n, 2n * H, H + M, H + 5n * M]);
  });

  it('subtracts times into intervals of microseconds, negative when the left is earlier', () => {
    const a = array(time, [5n * H, 3n * H, null]);
    const b = array(time, [3n * H, 5n * H + 1n, H]);
    expect(run('-', a, time, b, time)).toEqual([hours(2), { months: 0, days: 0, nanos: -(2n * H + 1n) * 1000n }, null]);
  });

  it('adds a DATE and a TIME into a TIMESTAMP, either way round, before 1970 too', () => {
    const day = 86_400_000_000n;
    const dates = array(DataTypes.date32, [0, -1, null, 20000]);
    const t = scalar(time, 10n * H + 1n);
    expect(run('+', dates, DataTypes.date32, t, time)).toEqual([10n * H + 1n, -day + 10n * H + 1n, null, 20000n * day + 10n * H + 1n]);
    expect(run('+', t, time, dates, DataTypes.date32)).toEqual([10n * H + 1n, -day + 10n * H + 1n, null, 20000n * day + 10n * H + 1n]);
    expect(binaryTyping('+', DataTypes.date32, time).result).toEqual(DataTypes.timestamp('microsecond'));
    expect(() => binaryTyping('-', DataTypes.date32, time)).toThrow(/cannot apply operator/);
  });

  it('types TIME − TIME as INTERVAL and rejects other operators on two times', () => {
    expect(binaryTyping('-', time, time).result).toEqual(interval);
    expect(binaryTyping('+', time, utf8)).toEqual({ left: time, right: interval, result: time });
    for (const op of ['+', '*', '/', '%'] as const) expect(() => binaryTyping(op, time, time)).toThrow(/cannot apply operator/);
    expect(() => binaryTyping('-', interval, time)).toThrow(/cannot apply operator/);
  });
});

describe('TIME casts and comparisons', () => {
  it('casts VARCHAR to TIME (times and timestamp text) and back, trimming trailing zeros', () => {
    const parsed = castArray(data(utf8, ['12:34:56', '1:02', '00:00:00.0000015', '24:00:00', '2020-01-01 08:30:00.25', null]), utf8, time);
    expect(values(parsed, time)).toEqual([45_296_000_000n, 3_720_000_000n, 2n, 86_400_000_000n, 8n * H + 30n * M + 250_000n, null]);
    expect(values(castArray(parsed, time, utf8), utf8)).toEqual(['12:34:56', '01:02:00', '00:00:00.000002', '24:00:00', '08:30:00.25', null]);
    expect(values(castArray(data(utf8, ['25:00', 'x']), utf8, time, true), time)).toEqual([null, null]);
    expect(() => castArray(data(utf8, ['12:60']), utf8, time)).toThrow(/invalid input syntax for type TIME: "12:60"/);
  });

  it('casts TIMESTAMP of every unit to its time of day, before 1970 too', () => {
    const day = 86_400_000_000n;
    const us = DataTypes.timestamp('microsecond');
    expect(values(castArray(sliced(us, [day + 5n, -1n, null, 2n ** 60n]), us, time), time)).toEqual([5n, day - 1n, null, 2n ** 60n % day]);
    const s = DataTypes.timestamp('second');
    expect(values(castArray(data(s, [90061n, -1n]), s, time), time)).toEqual([3_661_000_000n, day - 1_000_000n]);
    const ns = DataTypes.timestamp('nanosecond');
    expect(values(castArray(data(ns, [1_999n, -1n]), ns, time), time)).toEqual([1n, day - 1n]);
  });

  it('compares times, with NULLs', () => {
    const out = compare('<', array(time, [H, 2n * H, null, 86_400_000_000n]), scalar(time, 2n * H), time, 4);
    expect(values(out, DataTypes.boolean)).toEqual([true, false, null, false]);
  });
});
