import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes, fromArrowType, toArrowType, typesEqual, typeToString, type DataType } from './types.js';
import { Field, Schema } from './schema.js';
import { dateToString, decimalToString, intervalToString, parseDate, parseTime, scalarToSql, scalarToString, Scalars, timeToString } from './scalar.js';

describe('data types', () => {
  const all: DataType[] = [
    DataTypes.null, DataTypes.boolean, DataTypes.int8, DataTypes.int16, DataTypes.int32, DataTypes.int64,
    DataTypes.float32, DataTypes.float64, DataTypes.decimal(15, 2), DataTypes.utf8, DataTypes.date32,
    DataTypes.timestamp('microsecond', null), DataTypes.time, DataTypes.interval, DataTypes.list(DataTypes.int64),
    DataTypes.list(DataTypes.list(DataTypes.utf8)),
  ];

  it('round-trips every type through Arrow', () => {
    for (const t of all) expect(typesEqual(fromArrowType(toArrowType(t)), t)).toBe(true);
  });

  it('maps unsigned Arrow integers to a wider signed type and rejects unsupported types', () => {
    expect(fromArrowType(new arrow.Uint8())).toEqual(DataTypes.int16);
    expect(fromArrowType(new arrow.Uint32())).toEqual(DataTypes.int64);
    expect(() => fromArrowType(new arrow.Struct([new arrow.Field('x', new arrow.Int32())]))).toThrow('unsupported Arrow type');
  });

  it('maps TIME to Time64(microsecond) and reads every Arrow time unit as TIME', () => {
    expect(toArrowType(DataTypes.time)).toEqual(new arrow.TimeMicrosecond());
    for (const t of [new arrow.TimeSecond(), new arrow.TimeMillisecond(), new arrow.TimeNanosecond()]) expect(fromArrowType(t)).toEqual(DataTypes.time);
    expect(typeToString(DataTypes.time)).toBe('TIME');
  });

  it('maps lists to Arrow List with a nullable item field and compares them by item type', () => {
    const arrowList = toArrowType(DataTypes.list(DataTypes.int32)) as arrow.List;
    expect(arrowList.children[0]!.name).toBe('item');
    expect(arrowList.children[0]!.nullable).toBe(true);
    expect(fromArrowType(new arrow.List(new arrow.Field('x', new arrow.Int32())))).toEqual(DataTypes.list(DataTypes.int32));
    expect(typesEqual(DataTypes.list(DataTypes.int32), DataTypes.list(DataTypes.int64))).toBe(false);
    expect(typeToString(DataTypes.list(DataTypes.list(DataTypes.utf8)))).toBe('VARCHAR[][]');
  });

  it('validates decimal precision and scale', () => {
    expect(() => DataTypes.decimal(39, 2)).toThrow('precision must be between 1 and 38');
    expect(() => DataTypes.decimal(5, 6)).toThrow('scale must be between 0 and the precision 5');
    expect(typeToString(DataTypes.decimal(15, 2))).toBe('DECIMAL(15,2)');
    expect(typesEqual(DataTypes.decimal(15, 2), DataTypes.decimal(15, 3))).toBe(false);
  });
});

describe('schema', () => {
  const s = new Schema([new Field('a', DataTypes.int32, true, 't'), new Field('a', DataTypes.utf8, true, 'u'), new Field('b', DataTypes.int64, false, 't')]);

  it('resolves qualified and unqualified names', () => {
    expect(s.indexOf('a', 'u')).toBe(1);
    expect(s.indexOf('b')).toBe(2);
    expect(s.indexOf('zz')).toBe(-1);
  });

  it('reports ambiguity and unknown columns with suggestions', () => {
    expect(() => s.indexOf('a')).toThrow("column reference 'a' is ambiguous: it could be t.a or u.a");
    expect(() => s.resolve('bb')).toThrow("column 'bb' not found (did you mean 'b'?)");
    expect(() => s.resolve('c', 't')).toThrow("column 't.c' not found");
  });
});

describe('scalars', () => {
  it('prints decimals exactly', () => {
    expect(decimalToString(12345n, 2)).toBe('123.45');
    expect(decimalToString(-5n, 2)).toBe('-0.05');
    expect(decimalToString(7n, 0)).toBe('7');
    expect(decimalToString(123456789012345678901234567890n, 4)).toBe('12345678901234567890123456.7890');
  });

  it('parses and prints dates', () => {
    expect(parseDate('1995-03-15')).toBe(9204);
    expect(dateToString(9204)).toBe('1995-03-15');
    expect(parseDate('1995-02-30')).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
    expect(dateToString(-1)).toBe('1969-12-31');
    expect(dateToString(19266320)).toBe('+54719-05-25');
    expect(dateToString(parseDate('-0200-07-22')!)).toBe('-0200-07-22');
  });

  it('prints intervals and SQL literals', () => {
    expect(intervalToString({ months: 14, days: 3, nanos: 0n })).toBe('1 year 2 mons 3 days');
    expect(intervalToString({ months: 0, days: 0, nanos: 3_723_500_000_000n })).toBe('01:02:03.5');
    expect(scalarToSql(Scalars.utf8("it's"))).toBe("'it''s'");
    expect(scalarToSql(Scalars.date32(9204))).toBe("DATE '1995-03-15'");
    expect(scalarToSql(Scalars.null())).toBe('NULL');
    expect(scalarToSql(Scalars.list(DataTypes.utf8, ['a', null]))).toBe("['a', NULL]");
    expect(scalarToString(Scalars.list(DataTypes.list(DataTypes.int32), [[1, 2], []]))).toBe('[[1, 2], []]');
  });
});

describe('times of day', () => {
  it('parses HH:MM[:SS[.fraction]] into microseconds, rounding past microseconds, up to 24:00:00', () => {
    expect(parseTime('12:34:56')).toBe(45_296_000_000n);
    expect(parseTime(' 1:02 ')).toBe(3_720_000_000n);
    expect(parseTime('1:2:3')).toBe(3_723_000_000n);
    expect(parseTime('00:00:00.123')).toBe(123_000n);
    expect(parseTime('00:00:00.0000005')).toBe(1n);
    expect(parseTime('00:00:00.0000004')).toBe(0n);
    expect(parseTime('24:00:00')).toBe(86_400_000_000n);
    for (const bad of ['24:00:01', '12:60', '12:00:60', '12', '12:345', 'noon', '-1:00']) expect(parseTime(bad)).toBeNull();
  });

  it('prints HH:MM:SS with the fraction only when there is one, trailing zeros trimmed', () => {
    expect(timeToString(0n)).toBe('00:00:00');
    expect(timeToString(45_296_500_000n)).toBe('12:34:56.5');
    expect(timeToString(86_399_999_999n)).toBe('23:59:59.999999');
    expect(scalarToString({ type: DataTypes.time, value: 1n })).toBe('00:00:00.000001');
    expect(scalarToSql({ type: DataTypes.time, value: 3_600_000_000n })).toBe("TIME '01:00:00'");
  });
});
