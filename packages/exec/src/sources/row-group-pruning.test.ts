import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataTypes } from '@quiver/common';
import { binary, cast, col, lit, or, type Expr } from '@quiver/planner';
import { collectRows } from '../test-helpers.js';
import { ParquetTable } from './parquet-table.js';

let dir = '';
let table: ParquetTable;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quiver-pruning-'));
  // Three row groups: ids 0–3, 4–7, 8–9; names sorted too; NULL tags only in the last group.
  const data = arrow.tableFromArrays({
    id: Int32Array.from({ length: 10 }, (_, i) => i),
    name: Array.from({ length: 10 }, (_, i) => `n${String.fromCharCode(97 + i)}`),
    tag: Array.from({ length: 10 }, (_, i) => (i >= 8 ? null : 'x')),
  });
  const path = join(dir, 'pruning.parquet');
  writeFileSync(path, pq.writeParquet(pq.Table.fromIPCStream(arrow.tableToIPC(data, 'stream')), new pq.WriterPropertiesBuilder().setMaxRowGroupSize(4).build()));
  table = await ParquetTable.open(path);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const groups = (...filters: Expr[]) => table.scan(null, filters, null).rowGroups;
const id = col('t.id');

describe('Parquet row-group pruning', () => {
  it('skips row groups whose min/max rule out a comparison with a constant', async () => {
    expect(groups(binary(id, '>=', lit(6)))).toEqual([1, 2]);
    expect(groups(binary(lit(3), '>=', id))).toEqual([0]);
    expect(groups(binary(id, '=', lit(5)))).toEqual([1]);
    expect(groups(binary(id, '<', lit(0)))).toEqual([]);
    expect(groups(binary(col('t.name'), '>', lit('ni')))).toEqual([2]);
    const scan = table.scan([0], [binary(id, '>=', lit(6))], null);
    expect(scan.describe()).toContain('row_groups=2/3');
    expect((await collectRows(scan)).map((r) => r[0])).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('understands BETWEEN, IN, IS NULL, AND and OR', () => {
    expect(groups({ kind: 'between', expr: id, low: lit(2), high: lit(4), negated: false })).toEqual([0, 1]);
    expect(groups({ kind: 'inList', expr: id, list: [lit(1), lit(9)], negated: false })).toEqual([0, 2]);
    expect(groups({ kind: 'unary', op: 'IS NULL', expr: col('t.tag') })).toEqual([2]);
    expect(groups({ kind: 'unary', op: 'IS NOT NULL', expr: col('t.tag') })).toEqual([0, 1]);
    expect(groups(binary(binary(id, '>', lit(2)), 'AND', binary(id, '<', lit(5))))).toEqual([0, 1]);
    expect(groups(or(binary(id, '<', lit(1)), binary(id, '>', lit(8))))).toEqual([0, 2]);
    expect(groups(binary(id, '>=', lit(6)), binary(id, '<=', lit(7)))).toEqual([1]);
  });

  it('keeps every row group for what it cannot judge: casts, other types, negations, functions', () => {
    expect(groups(binary(cast(id, DataTypes.int64), '>', lit(100n)))).toEqual([0, 1, 2]);
    expect(groups(binary(id, '>', lit(100n)))).toEqual([0, 1, 2]);
    expect(groups({ kind: 'between', expr: id, low: lit(2), high: lit(4), negated: true })).toEqual([0, 1, 2]);
    expect(groups(binary(id, '<>', lit(5)))).toEqual([0, 1, 2]);
  });
});
