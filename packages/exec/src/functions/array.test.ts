import { describe, expect, it } from 'vitest';
import { DataTypes as T, Scalars, type DataType } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { column, valuesOf } from '../test-helpers.js';
import { makeList } from '../kernels/list.js';
import { builtinScalarFunctions } from './index.js';

const functions = new Map(builtinScalarFunctions().map((f) => [f.name, f]));

/** Calls `name` as the planner would: coerce the argument types, then invoke. */
function call(name: string, args: ColumnarValue[], argTypes: DataType[], numRows: number): unknown[] {
  const f = functions.get(name) as ScalarFunction;
  const coerced = f.coerceArgs(argTypes);
  expect(coerced).toEqual(argTypes);
  return valuesOf(f.invoke(args, numRows, f.returnType(coerced)));
}

const arr = (data: ReturnType<typeof column>): ColumnarValue => ({ kind: 'array', data });
const I32 = T.list(T.int32);

// Rows: [1, 2], NULL, [], [3, NULL, 3]; the column is a slice of a longer one (first row dropped).
const full = makeList(T.int32, 5, new Int32Array([0, 1, 3, 3, 3, 6]), column(T.int32, [9, 1, 2, 3, null, 3]), new Uint8Array([0b11011]));
const lists = full.slice(1, 4);

describe('array functions', () => {
  it('make_array interleaves its arguments row by row, coercing them to a common type', () => {
    const f = functions.get('make_array')!;
    expect(f.coerceArgs([T.int32, T.float64, T.null])).toEqual([T.float64, T.float64, T.float64]);
    expect(() => f.coerceArgs([T.int32, T.boolean])).toThrow('make_array(INTEGER, BOOLEAN) does not exist');
    const args: ColumnarValue[] = [arr(column(T.int32, [1, 2])), { kind: 'scalar', value: Scalars.int32(7) }, arr(column(T.int32, [null, 4]))];
    expect(call('make_array', args, [T.int32, T.int32, T.int32], 2)).toEqual([[1, 7, null], [2, 7, 4]]);
  });

  it('array_length, array_element and array_has read sliced list columns', () => {
    expect(call('array_length', [arr(lists)], [I32], 4)).toEqual([2n, null, 0n, 3n]);
    const index = arr(column(T.int64, [-1n, 1n, 1n, 2n]));
    expect(call('array_element', [arr(lists), index], [I32, T.int64], 4)).toEqual([2, null, null, null]);
    expect(call('array_has', [arr(lists), { kind: 'scalar', value: Scalars.int32(3) }], [I32, T.int32], 4)).toEqual([false, null, false, true]);
    expect(call('array_has', [arr(lists), arr(column(T.int32, [1, 1, 1, 2]))], [I32, T.int32], 4)).toEqual([true, null, false, false]);
  });

  it('array_append, array_prepend and array_concat treat a NULL list as empty', () => {
    const x = arr(column(T.int32, [7, 8, 9, null]));
    expect(call('array_append', [arr(lists), x], [I32, T.int32], 4)).toEqual([[1, 2, 7], [8], [9], [3, null, 3, null]]);
    expect(call('array_prepend', [x, arr(lists)], [T.int32, I32], 4)).toEqual([[7, 1, 2], [8], [9], [null, 3, null, 3]]);
    expect(call('array_concat', [arr(lists), arr(lists)], [I32, I32], 4)).toEqual([[1, 2, 1, 2], null, [], [3, null, 3, 3, null, 3]]);
  });

  it('array_sort, array_distinct, array_to_string and flatten', () => {
    expect(call('array_sort', [arr(lists)], [I32], 4)).toEqual([[1, 2], null, [], [null, 3, 3]]);
    const desc: ColumnarValue = { kind: 'scalar', value: Scalars.utf8('desc') };
    const last: ColumnarValue = { kind: 'scalar', value: Scalars.utf8('NULLS LAST') };
    expect(call('array_sort', [arr(lists), desc, last], [I32, T.utf8, T.utf8], 4)).toEqual([[2, 1], null, [], [3, 3, null]]);
    expect(call('array_distinct', [arr(lists)], [I32], 4)).toEqual([[1, 2], null, [], [null, 3]]);
    const sep: ColumnarValue = { kind: 'scalar', value: Scalars.utf8('|') };
    expect(call('array_to_string', [arr(lists), sep], [I32, T.utf8], 4)).toEqual(['1|2', null, '', '3|3']);
    const nested = makeList(I32, 2, new Int32Array([0, 2, 5]), full, null);
    expect(call('flatten', [arr(nested)], [T.list(I32)], 2)).toEqual([[9, 1, 2], [3, null, 3]]);
  });

  it('range counts up or down by the step, NULL for a NULL bound', () => {
    const stop = arr(column(T.int64, [3n, null, -2n]));
    expect(call('range', [stop], [T.int64], 3)).toEqual([[0n, 1n, 2n], null, []]);
    const args: ColumnarValue[] = [10n, 0n, -4n].map((v) => ({ kind: 'scalar', value: Scalars.int64(v) }));
    expect(call('range', args, [T.int64, T.int64, T.int64], 1)).toEqual([[10n, 6n, 2n]]);
  });
});
