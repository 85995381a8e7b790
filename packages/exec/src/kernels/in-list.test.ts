import { describe, expect, it } from 'vitest';
import { DataTypes, type DataType, type ScalarRaw } from '@quiver/common';
import { compileInList, inList } from './in-list.js';
import { sliced, values } from './test-data.js';

function run(type: DataType, vals: ScalarRaw[], list: ScalarRaw[], negated = false): ScalarRaw[] {
  const set = compileInList(type, list.map((value) => ({ type, value })));
  return values(inList(sliced(type, vals), set, negated));
}

describe('IN list', () => {
  it('matches numbers, with NULL for NULL input', () => {
    expect(run(DataTypes.int32, [1, 2, 3, null], [3, 1])).toEqual([true, false, true, null]);
    expect(run(DataTypes.int32, [1, 2, 3, null], [3, 1], true)).toEqual([false, true, false, null]);
  });

  it('yields NULL instead of false when the list holds a NULL', () => {
    expect(run(DataTypes.int32, [1, 2, null], [1, null])).toEqual([true, null, null]);
    expect(run(DataTypes.int32, [1, 2, null], [1, null], true)).toEqual([false, null, null]);
  });

  it('matches strings by bytes, including empty and unicode strings', () => {
    const t = DataTypes.utf8;
    expect(run(t, ['MAIL', 'SHIP', '', 'é', 'MAI', null], ['MAIL', 'SHIP', '', 'é'])).toEqual([true, true, true, true, false, null]);
  });

  it('matches strings the same way in short lists (compared directly) and long ones (hashed)', () => {
    const t = DataTypes.utf8;
    const probe = ['k3', 'k30', 'RAIL', 'MAIL', '', 'k9', 'k12', null];
    const short = ['MAIL', 'k3', 'k9'];
    const long = [...short, ...Array.from({ length: 20 }, (_, i) => `x${i}`)];
    const expected = [true, false, false, true, false, true, false, null];
    expect(run(t, probe, short)).toEqual(expected);
    expect(run(t, probe, long)).toEqual(expected);
    expect(run(t, probe, short, true)).toEqual(expected.map((v) => (v === null ? null : !v)));
  });

  it('matches Int64 and decimals beyond 2^53 exactly', () => {
    const big = 2n ** 60n;
    expect(run(DataTypes.int64, [big, big + 1n, 5n], [big, 5n])).toEqual([true, false, true]);
    const d = DataTypes.decimal(38, 2);
    expect(run(d, [10n ** 30n, 10n ** 30n + 1n, 150n], [10n ** 30n, 150n])).toEqual([true, false, true]);
  });

  it('matches dates and booleans', () => {
    expect(run(DataTypes.date32, [9000, 9001], [9001])).toEqual([false, true]);
    expect(run(DataTypes.boolean, [true, false], [false])).toEqual([false, true]);
  });
});
