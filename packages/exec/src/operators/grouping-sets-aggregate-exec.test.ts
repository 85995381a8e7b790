import { describe, expect, it } from 'vitest';
import { DataTypes as T } from '@quiver/common';
import { batchOf, colExpr, collectRows, predicateExpr, schemaOf, testContext } from '../test-helpers.js';
import { MemoryScanExec } from './memory-scan-exec.js';
import { GroupingSetsAggregateExec } from './grouping-sets-aggregate-exec.js';
import type { AggregateCall } from './hash-aggregate-exec.js';
import { builtinAggregateFunctions } from '../aggregates/builtin.js';

const sum = builtinAggregateFunctions().find((f) => f.name === 'sum')!;
const batches = [
  batchOf([['g', T.utf8, ['a', 'b', null]], ['h', T.int32, [1, 1, 2]], ['x', T.int64, [1n, 2n, 4n]]]),
  batchOf([['g', T.utf8, ['a', 'a']], ['h', T.int32, [2, 1]], ['x', T.int64, [8n, 16n]]]),
];
const scan = () => new MemoryScanExec(schemaOf(batches[0]!), [batches]);
const groups = [{ expr: colExpr(0, T.utf8), name: 'g' }, { expr: colExpr(1, T.int32), name: 'h' }];
const sumX = (opts: Partial<AggregateCall> = {}): AggregateCall => ({ func: sum, args: [colExpr(2, T.int64)], distinct: false, filter: null, returnType: T.int64, name: 'sum', ...opts });

describe('GroupingSetsAggregateExec', () => {
  it('aggregates each set in one pass: NULL for the keys a set lacks, the grouping id last', async () => {
    const agg = new GroupingSetsAggregateExec(scan(), groups, [[0, 1], [0], []], [sumX()]);
    expect(agg.schema.fields.map((f) => f.name)).toEqual(['g', 'h', 'sum', '__grouping_id']);
    const rows = await collectRows(agg, testContext({ batchSize: 2 }));
    expect(rows).toEqual([
      ['a', 1, 17n, 0n], ['b', 1, 2n, 0n], [null, 2, 4n, 0n], ['a', 2, 8n, 0n],
      ['a', null, 25n, 1n], ['b', null, 2n, 1n], [null, null, 4n, 1n],
      [null, null, 31n, 3n],
    ]);
  });

  it('applies FILTER clauses per set, and an empty set gives its row over no input', async () => {
    const onlyH1 = predicateExpr('h = 1', (r) => r[1] === 1);
    const rows = await collectRows(new GroupingSetsAggregateExec(scan(), groups, [[1], []], [sumX({ filter: onlyH1 })]));
    expect(rows).toEqual([[null, 1, 19n, 2n], [null, 2, null, 2n], [null, null, 19n, 3n]]);
    const empty = new MemoryScanExec(schemaOf(batches[0]!), [[]]);
    expect(await collectRows(new GroupingSetsAggregateExec(empty, groups, [[0], []], [sumX()]))).toEqual([[null, null, null, 3n]]);
  });
});
