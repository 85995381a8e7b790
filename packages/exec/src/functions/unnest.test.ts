import { describe, expect, it } from 'vitest';
import { DataTypes as T, Scalars, type DataType, type ScalarRaw } from '@quiver/common';
import type { ColumnarValue, TableFunctionChunk } from '@quiver/planner';
import { array, scalar, sliced } from '../kernels/test-data.js';
import { column, valuesOf } from '../test-helpers.js';
import { makeList } from '../kernels/list.js';
import type { MemTable } from '../sources/mem-table.js';
import { unnestInSelect, unnestTableFunction } from './unnest.js';

const ints = T.list(T.int32);

/** The rows unnest gives for `args` over `numRows` rows: [input row, ...values]. */
function unnest(args: ColumnarValue[], numRows: number): unknown[][] {
  const chunks: TableFunctionChunk[] = [...unnestTableFunction.lateral!.invoke(args, numRows)];
  return chunks.flatMap((c) => {
    const columns = c.columns.map(valuesOf);
    return Array.from(c.rowIndex, (r, i) => [r, ...columns.map((col) => col[i])]);
  });
}

describe('unnest', () => {
  it('gives one row per item with its input row; NULL and empty lists give none, NULL items stay', () => {
    const lists = array(ints, [[1, 2], null, [], [3, null], [4]]);
    expect(unnest([lists], 5)).toEqual([[0, 1], [0, 2], [3, 3], [3, null], [4, 4]]);
  });

  it('reads sliced list columns and NULL rows that still hold items', () => {
    expect(unnest([{ kind: 'array', data: sliced(ints, [[7], [8, 9], null]) }], 3)).toEqual([[0, 7], [1, 8], [1, 9]]);
    const masked = makeList(T.int32, 3, new Int32Array([0, 1, 3, 4]), column(T.int32, [1, 2, 3, 4]), new Uint8Array([0b101]));
    expect(unnest([{ kind: 'array', data: masked }], 3)).toEqual([[0, 1], [2, 4]]);
  });

  it('zips several lists to the longest, padding with NULLs; a constant list repeats for every row', () => {
    const a = array(ints, [[1, 2, 3], null, [], [4]]);
    const b = array(T.list(T.utf8), [['x'], ['y', 'z'], [], null]);
    expect(unnest([a, b], 4)).toEqual([[0, 1, 'x'], [0, 2, null], [0, 3, null], [1, null, 'y'], [1, null, 'z'], [3, 4, null]]);
    expect(unnest([scalar(ints, [5, 6]), scalar(T.null, null)], 2)).toEqual([[0, 5, null], [0, 6, null], [1, 5, null], [1, 6, null]]);
    expect(unnest([scalar(ints, null)], 3)).toEqual([]);
  });

  it('splits its output into chunks of at most 8192 rows, row indices continuing across them', () => {
    const big = array(T.list(T.int64), [Array.from({ length: 10_000 }, (_, i) => BigInt(i)), [-1n]]);
    const chunks = [...unnestTableFunction.lateral!.invoke([big], 2)];
    expect(chunks.map((c) => c.rowIndex.length)).toEqual([8192, 1809]);
    expect(valuesOf(chunks[1]!.columns[0]!).slice(-2)).toEqual([9999n, -1n]);
    expect(Array.from(chunks[1]!.rowIndex.slice(-2))).toEqual([0, 1]);
  });

  it('names its columns unnest (one list) or unnest_1, unnest_2 (several), typed as the items', () => {
    const fields = (types: DataType[]) => unnestTableFunction.lateral!.outputFields(types).map((f) => `${f.name} ${f.type.kind}`);
    expect(fields([ints])).toEqual(['unnest Int32']);
    expect(fields([T.list(T.list(T.utf8)), T.null])).toEqual(['unnest_1 List', 'unnest_2 Null']);
  });

  it('called with constants in FROM, is a table of the zipped items', async () => {
    const table = unnestTableFunction.call([Scalars.list(T.int32, [1, null, 3] as ScalarRaw[]), Scalars.list(T.utf8, ['a'])]) as MemTable;
    expect(table.schema.fields.map((f) => f.name)).toEqual(['unnest_1', 'unnest_2']);
    expect(table.batches.flatMap((b) => Array.from({ length: b.numRows }, (_, i) => [valuesOf(b.data.children[0]!)[i], valuesOf(b.data.children[1]!)[i]]))).toEqual([
      [1, 'a'],
      [null, null],
      [3, null],
    ]);
  });

  it('rejects arguments that are not lists, and in a SELECT list takes one and cannot run', () => {
    expect(() => unnestTableFunction.lateral!.coerceArgs([T.int32])).toThrow('unnest(INTEGER) is not supported: unnest takes lists (or NULL), not INTEGER');
    expect(() => unnestTableFunction.lateral!.coerceArgs([])).toThrow('unnest() needs at least one list argument');
    expect(unnestInSelect.returnType([T.list(T.utf8)])).toEqual(T.utf8);
    expect(() => unnestInSelect.coerceArgs([ints, ints])).toThrow('unnest in a SELECT list takes one list argument, got 2');
    expect(() => unnestInSelect.invoke([], 0, T.int32)).toThrow('only allowed in a SELECT list');
  });
});
