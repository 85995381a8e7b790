import { describe, expect, it } from 'vitest';
import { DataTypes as T, QuiverError, type DataType } from '@quiver/common';
import type { ExecutionPlan } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { batchOf, colExpr, collectRows, predicateExpr, schemaOf, testContext, valuesOf } from '../test-helpers.js';
import { builtinAggregateFunctions } from '../aggregates/builtin.js';
import { FilterExec } from './filter-exec.js';
import { HashAggregateExec, type AggregateCall } from './hash-aggregate-exec.js';
import { HashJoinExec } from './hash-join-exec.js';
import type { PhysicalJoinType } from './join-type.js';
import { MemoryScanExec } from './memory-scan-exec.js';

// Rows: flag (one-byte string), k (int), v (decimal), tag ('bad' where an expression fails).
const n = 40;
const rows = Array.from({ length: n }, (_, i) => ({ flag: 'ab'[i % 2]!, k: i % 7, v: BigInt(i * 100 + 5), tag: i % 5 === 0 ? 'bad' : 'ok' }));
const dec = T.decimal(15, 2);
const batches = [0, 16, 32].map((at) => {
  const part = rows.slice(at, at + 16);
  return batchOf([['flag', T.utf8, part.map((r) => r.flag)], ['k', T.int32, part.map((r) => r.k)], ['v', dec, part.map((r) => r.v)], ['tag', T.utf8, part.map((r) => r.tag)]]);
});
const scan = () => new MemoryScanExec(schemaOf(batches[0]!), [batches]);
/** tag <> 'bad': 80% of the rows pass, enough for consumers to take the whole batches. */
const notBad = () => new FilterExec(scan(), predicateExpr("tag <> 'bad'", (r) => r[3] !== 'bad'));

/** The same plan without `executeSelected`: its consumer gets gathered batches. */
function gathered(plan: ExecutionPlan): ExecutionPlan {
  return { name: plan.name, schema: plan.schema, children: plan.children, metrics: plan.metrics, describe: () => plan.describe(), execute: (ctx) => plan.execute(ctx) };
}

/** Column `index` as given, but failing on a batch holding a row whose tag is 'bad' (as a CAST of that tag would). */
function failsOnBad(index: number, type: DataType): PhysicalExpr {
  return {
    type,
    evaluate: (batch) => {
      if (valuesOf(batch.data.children[3]!).includes('bad')) throw new QuiverError('EXECUTION', "invalid input syntax: 'bad'");
      return batch.data.children[index]!;
    },
    toString: () => `fails_on_bad(${index})`,
  };
}

const fns = new Map(builtinAggregateFunctions().map((f) => [f.name, f]));
function call(name: string, arg: PhysicalExpr | null): AggregateCall {
  const func = fns.get(name)!;
  const argTypes = arg === null ? [] : [arg.type];
  return { func, args: arg === null ? [] : [arg], distinct: false, filter: null, returnType: func.returnType(func.coerceArgs(argTypes)), name };
}

describe('filtered batches handed over with their passing rows', () => {
  it('FilterExec.executeSelected yields the input batches with the passing rows, counted as output', async () => {
    const filter = notBad();
    const seen: number[][] = [];
    for await (const { batch, rows: sel } of filter.executeSelected(testContext())) {
      expect(batch.numRows).toBe(16 - (batch === batches[2] ? 8 : 0));
      seen.push([...sel!]);
    }
    expect(seen[0]).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14]);
    expect(filter.metrics.outputRows).toBe(32);
  });

  it('aggregates whole batches with the filtered-out rows in no group, as the gathered rows would', async () => {
    const v = colExpr(2, dec);
    const aggs = [call('count', null), call('sum', v), call('avg', v), call('count', v)];
    const byFlag = [{ expr: colExpr(0, T.utf8), name: 'flag' }];
    const byK = [{ expr: colExpr(1, T.int32), name: 'k' }];
    for (const groups of [byFlag, byK, []]) {
      const whole = await collectRows(new HashAggregateExec(notBad(), groups, aggs));
      const expected = await collectRows(new HashAggregateExec(gathered(notBad()), groups, aggs));
      expect(whole).toEqual(expected);
    }
    const [[count, sum]] = await collectRows(new HashAggregateExec(notBad(), [], aggs));
    const kept = rows.filter((r) => r.tag !== 'bad');
    expect([count, sum]).toEqual([BigInt(kept.length), kept.reduce((s, r) => s + r.v, 0n)]);
  });

  it('an aggregate argument failing on a filtered-out row is evaluated on the passing rows instead', async () => {
    const rowsOut = await collectRows(new HashAggregateExec(notBad(), [{ expr: colExpr(0, T.utf8), name: 'flag' }], [call('sum', failsOnBad(2, dec))]));
    const kept = rows.filter((r) => r.tag !== 'bad');
    expect(rowsOut.sort()).toEqual(['a', 'b'].map((f) => [f, kept.filter((r) => r.flag === f).reduce((s, r) => s + r.v, 0n)]));
  });

  const buildRows = batchOf([['bk', T.int32, [0, 1, 2, 3, 3, 9]], ['name', T.utf8, ['zero', 'one', 'two', 'three', 'three2', 'nine']]]);
  const build = () => new MemoryScanExec(schemaOf(buildRows), [[buildRows]]);
  const types: PhysicalJoinType[] = ['inner', 'left', 'right', 'full', 'semi', 'anti', 'rightSemi', 'rightAnti'];
  const sorted = (r: unknown[][]) => r.map((x) => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? `${v}` : v))).sort();

  it('a hash join probes a filtered batch whole, skipping the filtered-out rows, for every join type', async () => {
    for (const type of types) {
      const on: [PhysicalExpr, PhysicalExpr][] = [[colExpr(0, T.int32), colExpr(1, T.int32)]];
      const whole = await collectRows(new HashJoinExec(build(), notBad(), on, type));
      const expected = await collectRows(new HashJoinExec(build(), gathered(notBad()), on, type));
      expect(sorted(whole), type).toEqual(sorted(expected));
    }
  });

  it('a probe key failing on a filtered-out row is evaluated on the passing rows instead', async () => {
    const on: [PhysicalExpr, PhysicalExpr][] = [[colExpr(0, T.int32), failsOnBad(1, T.int32)]];
    const out = await collectRows(new HashJoinExec(build(), notBad(), on, 'inner'));
    const expected = rows.filter((r) => r.tag !== 'bad' && r.k <= 3).length + rows.filter((r) => r.tag !== 'bad' && r.k === 3).length;
    expect(out).toHaveLength(expected);
  });
});
