import { describe, expect, it } from 'vitest';
import { DataTypes, parseDate, type DataType, type ScalarRaw } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { scalar, sliced, values } from '../kernels/test-data.js';
import { dateTrunc } from './date-trunc.js';
import { toDate } from './to-date.js';

const { int64, float64, utf8, date32 } = DataTypes;
const micros = DataTypes.timestamp('microsecond');
const day = (iso: string) => parseDate(iso)!;
const tsMicros = (iso: string) => BigInt(Date.parse(`${iso}Z`)) * 1000n;

function call(f: ScalarFunction, ...args: [DataType, ScalarRaw[] | { scalar: ScalarRaw }][]): ScalarRaw[] {
  const n = Math.max(1, ...args.map(([, v]) => (Array.isArray(v) ? v.length : 1)));
  const types = f.coerceArgs(args.map(([t]) => t));
  const cols: ColumnarValue[] = args.map(([, v], k) => (Array.isArray(v) ? { kind: 'array', data: sliced(types[k]!, v) } : scalar(types[k]!, v.scalar)));
  const ret = f.returnType(types);
  return values(f.invoke(cols, n, ret), ret);
}

describe('to_date', () => {
  it('numbers are days since the epoch, truncated toward zero; timestamps keep their day', () => {
    expect(call(toDate, [int64, [0n, 19234n, -1n, null]])).toEqual([0, 19234, -1, null]);
    expect(call(toDate, [float64, [19260.1, -1.1]])).toEqual([19260, -1]);
    expect(call(toDate, [DataTypes.decimal(10, 2), [1926010n, -110n]])).toEqual([19260, -1]);
    expect(call(toDate, [micros, [tsMicros('1677-12-01T00:32:45')]])).toEqual([day('1677-12-01')]);
    expect(call(toDate, [date32, [day('2024-12-01')]])).toEqual([day('2024-12-01')]);
  });

  it('text without a format is an ISO date or YYYYMMDD; with formats the first that fits wins', () => {
    expect(call(toDate, [utf8, ['2024-12-1', '21311111', null]])).toEqual([day('2024-12-01'), day('2131-11-11'), null]);
    expect(() => call(toDate, [utf8, ['213111111']])).toThrow(/cannot parse '213111111'/);
    expect(call(toDate, [utf8, ['2000-01-01T01:01:01+07:00', '1926632005']], [utf8, { scalar: '%q' }], [utf8, { scalar: '%s' }], [utf8, { scalar: '%+' }])).toEqual([
      day('1999-12-31'),
      day('2031-01-19'),
    ]);
    expect(() => call(toDate, [utf8, ['2020-09-08 12/00/00+00:00']], [utf8, { scalar: '%q' }])).toThrow(/using format '%q': invalid format specifier/);
  });
});

describe('date_trunc', () => {
  it('truncates timestamps and dates to each granularity (weeks start on Monday)', () => {
    const t = tsMicros('2022-02-23T13:45:59.123456');
    const trunc = (g: string) => call(dateTrunc, [utf8, { scalar: g }], [micros, [t, null]]);
    expect(trunc('YEAR')).toEqual([tsMicros('2022-01-01T00:00:00'), null]);
    expect(trunc('quarter')).toEqual([tsMicros('2022-01-01T00:00:00'), null]);
    expect(trunc('month')).toEqual([tsMicros('2022-02-01T00:00:00'), null]);
    expect(trunc('week')).toEqual([tsMicros('2022-02-21T00:00:00'), null]);
    expect(trunc('day')).toEqual([tsMicros('2022-02-23T00:00:00'), null]);
    expect(trunc('hour')).toEqual([tsMicros('2022-02-23T13:00:00'), null]);
    expect(trunc('millisecond')).toEqual([tsMicros('2022-02-23T13:45:59.123'), null]);
    expect(call(dateTrunc, [utf8, { scalar: 'week' }], [micros, [tsMicros('1969-12-31T10:00:00')]])).toEqual([tsMicros('1969-12-29T00:00:00')]);
    expect(() => trunc('fortnight')).toThrow(/Unsupported date_trunc granularity: 'fortnight'/);
  });
});
