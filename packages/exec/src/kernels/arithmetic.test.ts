import { describe, expect, it } from 'vitest';
import { DataTypes, QuiverError, type DataType } from '@quiver/common';
import { binaryTyping, type ArithmeticOp } from '@quiver/planner';
import type { ColumnarValue } from '@quiver/planner';
import { arithmetic } from './arithmetic.js';
import { array, data, scalar, sliced, values } from './test-data.js';

const { int8, int32, int64, float64, date32, interval } = DataTypes;

function run(op: ArithmeticOp, l: ColumnarValue, lt: DataType, r: ColumnarValue, rt: DataType) {
  const t = binaryTyping(op, lt, rt);
  const length = l.kind === 'array' ? l.data.length : r.kind === 'array' ? r.data.length : 1;
  const out = arithmetic(op, l, t.left, r, t.right, t.result, length);
  return values(out, t.result);
}

describe('integer arithmetic', () => {
  it('computes + - * / % with truncating division and NULL on division by zero', () => {
    const a = array(int32, [7, -7, 7, -7, 5, null, 9]);
    const b = array(int32, [2, 2, -2, -2, 0, 1, null]);
    expect(run('+', a, int32, b, int32)).toEqual([9, -5, 5, -9, 5, null, null]);
    expect(run('-', a, int32, b, int32)).toEqual([5, -9, 9, -5, 5, null, null]);
    expect(run('*', a, int32, b, int32)).toEqual([14, -14, -14, 14, 0, null, null]);
    expect(run('/', a, int32, b, int32)).toEqual([3, -3, -3, 3, null, null, null]);
    expect(run('%', a, int32, b, int32)).toEqual([1, -1, 1, -1, null, null, null]);
  });

  it('honours offsets of sliced inputs and scalar operands', () => {
    const a = { kind: 'array', data: sliced(int32, [1, null, 3]) } as const;
    expect(run('*', a, int32, scalar(int32, 10), int32)).toEqual([10, null, 30]);
    expect(run('-', scalar(int32, 10), int32, a, int32)).toEqual([9, null, 7]);
    expect(run('+', a, int32, scalar(int32, null), int32)).toEqual([null, null, null]);
  });

  it('raises an EXECUTION error on Int32 overflow but not under NULL rows', () => {
    expect(() => run('+', array(int32, [2147483647]), int32, array(int32, [1]), int32)).toThrow(/INTEGER out of range/);
    expect(() => run('/', array(int32, [-2147483648]), int32, array(int32, [-1]), int32)).toThrow(QuiverError);
    const a = { kind: 'array', data: data(int32, [2147483647, null]) } as const;
    const nullish = { kind: 'array', data: data(int32, [null, 1]) } as const;
    expect(run('+', a, int32, nullish, int32)).toEqual([null, null]);
  });

  it('promotes small integers to INTEGER', () => {
    expect(run('*', array(int8, [100]), int8, array(int8, [100]), int8)).toEqual([10000]);
  });
});

describe('Int64 arithmetic', () => {
  it('is exact beyond 2^53 and raises on overflow', () => {
    const big = 2n ** 60n;
    expect(run('+', array(int64, [big, -5n, null]), int64, array(int64, [1n, 3n, 1n]), int64)).toEqual([big + 1n, -2n, null]);
    expect(run('*', array(int64, [3037000499n]), int64, array(int64, [3037000499n]), int64)).toEqual([3037000499n * 3037000499n]);
    expect(() => run('*', array(int64, [2n ** 62n]), int64, array(int64, [2n]), int64)).toThrow(/BIGINT out of range/);
    expect(() => run('-', array(int64, [-(2n ** 63n)]), int64, array(int64, [1n]), int64)).toThrow(QuiverError);
  });

  it('truncates division, and yields NULL on division by zero', () => {
    expect(run('/', array(int64, [-7n, 2n ** 62n + 1n, 5n]), int64, array(int64, [2n, -3n, 0n]), int64)).toEqual([
      -3n,
      (2n ** 62n + 1n) / -3n,
      null,
    ]);
    expect(run('%', array(int64, [-7n, 5n]), int64, scalar(int64, 0n), int64)).toEqual([null, null]);
  });
});

describe('float arithmetic', () => {
  it('computes in double precision with NULL on division by zero', () => {
    expect(run('/', array(float64, [1, -1, 0.5]), float64, array(float64, [4, 0, 0.25]), float64)).toEqual([0.25, null, 2]);
    expect(run('+', array(float64, [0.1]), float64, scalar(float64, 0.2), float64)).toEqual([0.1 + 0.2]);
  });
});

describe('decimal arithmetic', () => {
  const d = (p: number, s: number) => DataTypes.decimal(p, s);

  it('adds exactly with rescaling: 0.1 + 0.2 = 0.30', () => {
    expect(run('+', array(d(2, 1), [1n]), d(2, 1), array(d(3, 2), [20n]), d(3, 2))).toEqual([30n]);
  });

  it('multiplies with summed scales, e.g. price * (1 - discount)', () => {
    const price = array(d(15, 2), [9999999n, -150n, null]);
    const one = scalar(d(10, 0), 1n);
    const disc = array(d(15, 2), [5n, 10n, 0n]);
    const t = binaryTyping('-', d(10, 0), d(15, 2));
    const factor = arithmetic('-', one, t.left, disc, t.right, t.result, 3);
    expect(values(factor, t.result)).toEqual([95n, 90n, 100n]);
    const m = binaryTyping('*', d(15, 2), t.result);
    expect(values(arithmetic('*', price, m.left, { kind: 'array', data: factor }, m.right, m.result, 3), m.result)).toEqual([
      949999905n,
      -13500n,
      null,
    ]);
    expect(m.result).toEqual(d(31, 4));
  });

  it('writes results on both sides of 2^32 and below zero', () => {
    const vals = [2n ** 32n - 1n, 2n ** 32n, -1n, 0n, -(2n ** 32n)];
    expect(run('+', array(d(15, 0), vals), d(15, 0), array(d(15, 0), vals.map(() => 0n)), d(15, 0))).toEqual(vals);
  });

  it('takes the exact BigInt path beyond 2^53', () => {
    const x = 10n ** 20n + 1n;
    expect(run('*', array(d(25, 0), [x]), d(25, 0), array(d(10, 0), [3n]), d(10, 0))).toEqual([x * 3n]);
    expect(run('-', array(d(25, 2), [-x]), d(25, 2), array(d(25, 2), [x]), d(25, 2))).toEqual([-2n * x]);
  });

  it('raises on results beyond 38 digits', () => {
    const x = 10n ** 37n;
    expect(() => run('*', array(d(38, 0), [x]), d(38, 0), array(d(38, 0), [100n]), d(38, 0))).toThrow(/numeric overflow/);
  });

  it('computes modulo over integers as DECIMAL(n,0) with NULL on zero', () => {
    expect(run('%', array(d(5, 1), [75n, -75n, 10n]), d(5, 1), array(d(10, 0), [2n, 2n, 0n]), d(10, 0))).toEqual([15n, -15n, null]);
  });
});

describe('date and interval arithmetic', () => {
  const day = (s: string) => Math.round(Date.parse(s) / 86400000);
  it('adds months with end-of-month clamping, days, and subtracts', () => {
    const dates = array(date32, [day('1995-01-31'), day('1996-02-29'), null]);
    const oneMonth = scalar(interval, { months: 1, days: 0, nanos: 0n });
    expect(run('+', dates, date32, oneMonth, interval)).toEqual([day('1995-02-28'), day('1996-03-29'), null]);
    const year = scalar(interval, { months: 12, days: 0, nanos: 0n });
    expect(run('-', dates, date32, year, interval)).toEqual([day('1994-01-31'), day('1995-02-28'), null]);
    const days = scalar(interval, { months: 0, days: 3, nanos: 86400_000_000_000n });
    expect(run('+', dates, date32, days, interval)).toEqual([day('1995-02-04'), day('1996-03-04'), null]);
  });

  it('adds integer days and subtracts dates into days', () => {
    expect(run('+', array(date32, [0, 10]), date32, scalar(int32, 5), int32)).toEqual([5, 15]);
    expect(run('+', scalar(int32, 5), int32, array(date32, [0]), date32)).toEqual([5]);
    expect(run('-', array(date32, [day('1995-03-01')]), date32, array(date32, [day('1995-02-01')]), date32)).toEqual([28]);
  });

  it('adds and subtracts intervals component-wise', () => {
    const a = array(interval, [{ months: 1, days: 2, nanos: 3n }, null]);
    const b = scalar(interval, { months: -3, days: 1, nanos: -(2n ** 40n) });
    expect(run('+', a, interval, b, interval)).toEqual([{ months: -2, days: 3, nanos: 3n - 2n ** 40n }, null]);
    expect(run('-', a, interval, b, interval)).toEqual([{ months: 4, days: 1, nanos: 3n + 2n ** 40n }, null]);
    // 1970-01-01 - 3 months + 1 day - 18 minutes is 1969-10-01 23:41:40.
    expect(run('+', b, interval, array(date32, [0]), date32)).toEqual([-92]);
    const hour = scalar(interval, { months: 0, days: 0, nanos: 3_600_000_000_000n });
    expect(run('-', array(date32, [1]), date32, hour, interval)).toEqual([0]);
    expect(run('+', array(date32, [1]), date32, hour, interval)).toEqual([1]);
  });

  it('adds intervals to timestamps and subtracts timestamps', () => {
    const ts = DataTypes.timestamp('microsecond');
    const jan31 = BigInt(Date.parse('2020-01-31T10:00:00Z')) * 1000n;
    const r = run('+', array(ts, [jan31]), ts, scalar(interval, { months: 1, days: 1, nanos: 3_600_000_000_000n }), interval);
    expect(r).toEqual([BigInt(Date.parse('2020-03-01T11:00:00Z')) * 1000n]);
    const diff = run('-', array(ts, [jan31 + 86400_000_000n + 1000n]), ts, array(ts, [jan31]), ts);
    expect(diff).toEqual([{ months: 0, days: 1, nanos: 1_000_000n }]);
    const commuted = run('+', scalar(interval, { months: 1, days: 1, nanos: 3_600_000_000_000n }), interval, array(ts, [jan31]), ts);
    expect(commuted).toEqual(r);
  });
});
