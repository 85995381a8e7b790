import { describe, expect, it } from 'vitest';
import { DataTypes } from '@quiver/common';
import { coalesce, mergePartials, nullif } from './conditional.js';
import { array, data, scalar, sliced, values } from './test-data.js';

describe('conditional kernels', () => {
  it('merges partial results by row, leaving uncovered rows NULL', () => {
    const t = DataTypes.utf8;
    const merged = mergePartials(
      t,
      [
        { data: data(t, ['b', 'd']), rows: Int32Array.of(1, 3) },
        { data: data(t, ['a']), rows: Int32Array.of(0) },
      ],
      5,
    );
    expect(values(merged)).toEqual(['a', 'b', null, 'd', null]);
  });

  it('COALESCE picks the first non-NULL argument per row', () => {
    const t = DataTypes.int32;
    const a = { kind: 'array', data: sliced(t, [1, null, null, 4]) } as const;
    const b = array(t, [null, 2, null, 5]);
    expect(values(coalesce([a, b], t, 4))).toEqual([1, 2, null, 4]);
    expect(values(coalesce([a, b, scalar(t, 0)], t, 4))).toEqual([1, 2, 0, 4]);
    expect(values(coalesce([scalar(t, null), a], t, 4))).toEqual([1, null, null, 4]);
    expect(values(coalesce([scalar(t, null)], t, 2))).toEqual([null, null]);
  });

  it('NULLIF nulls out equal rows', () => {
    const t = DataTypes.utf8;
    expect(values(nullif(array(t, ['a', 'b', null, '']), scalar(t, 'b'), t, 4))).toEqual(['a', null, null, '']);
    expect(values(nullif(array(t, ['a']), scalar(t, null), t, 1))).toEqual(['a']);
    const i = DataTypes.int32;
    expect(values(nullif(array(i, [1, 2]), array(i, [1, 3]), i, 2))).toEqual([null, 2]);
  });
});
