import { describe, expect, it } from 'vitest';
import { DataTypes, type DataType, type ScalarRaw } from '@quiver/common';
import { broadcastScalar, scalarAt } from './scalar.js';
import { values } from './test-data.js';
import { Utf8Builder } from './builders.js';

describe('scalars', () => {
  const cases: [DataType, ScalarRaw][] = [
    [DataTypes.boolean, true],
    [DataTypes.int8, -3],
    [DataTypes.int64, -(2n ** 62n)],
    [DataTypes.float32, 1.5],
    [DataTypes.float64, -0.25],
    [DataTypes.decimal(38, 4), -(10n ** 37n)],
    [DataTypes.utf8, 'héllo'],
    [DataTypes.utf8, ''],
    [DataTypes.date32, -5],
    [DataTypes.timestamp('nanosecond'), 1n],
    [DataTypes.interval, { months: -1, days: 2, nanos: -(2n ** 40n) }],
  ];
  for (const [type, value] of cases) {
    it(`broadcasts and reads back ${JSON.stringify(type)} ${String(typeof value === 'object' ? 'interval' : value)}`, () => {
      const d = broadcastScalar({ type, value }, 3);
      expect(values(d, type)).toEqual([value, value, value]);
      expect(scalarAt(d.slice(1, 2), 1, type)).toEqual({ type, value });
      expect(values(broadcastScalar({ type, value: null }, 2), type)).toEqual([null, null]);
    });
  }
});

describe('Utf8Builder', () => {
  it('appends strings, bytes and NULLs, growing its buffer', () => {
    const b = new Utf8Builder(4, 1);
    b.appendString('a longer string than the initial capacity');
    b.appendNull();
    b.appendBytes(new TextEncoder().encode('xyz'), 1, 3);
    b.pushBytes(new TextEncoder().encode('é'), 0, 2);
    b.pushByte(33);
    b.endRow();
    expect(values(b.finish())).toEqual(['a longer string than the initial capacity', null, 'yz', 'é!']);
  });

  it('checks the row count', () => {
    expect(() => new Utf8Builder(2).finish()).toThrow(/expected 2 rows/);
  });
});
