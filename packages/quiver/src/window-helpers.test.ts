import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { SessionContext } from './session/context.js';
import type { DataFrame } from './dataframe.js';
import { col, count, fn, lit, sum } from './expr-helpers.js';
import { cumeDist, denseRank, firstValue, lag, lastValue, lead, nthValue, ntile, percentRank, rank, rowNumber } from './window-helpers.js';

const sales = () =>
  new arrow.Table({
    id: arrow.vectorFromArray([1, 2, 3, 4, 5, 6, 7], new arrow.Int32()),
    region: arrow.vectorFromArray(['east', 'west', 'east', 'east', 'west', null, 'east'], new arrow.Utf8()),
    amount: arrow.vectorFromArray([10, 20, 10, 30, 5, 7, null], new arrow.Int32()),
  });

async function session(): Promise<SessionContext> {
  const ctx = await SessionContext.create();
  ctx.registerTable('sales', sales());
  return ctx;
}

const rowsOf = (t: arrow.Table) => t.toArray().map((r) => Object.values(r.toJSON()));
const namesOf = (t: arrow.Table) => t.schema.fields.map((f) => f.name);

async function expectSameAsSql(ctx: SessionContext, df: DataFrame, sql: string): Promise<void> {
  const [got, want] = await Promise.all([df.collect(), ctx.sql(sql).then((d) => d.collect())]);
  expect(namesOf(got)).toEqual(namesOf(want));
  expect(rowsOf(got)).toEqual(rowsOf(want));
  expect(got.numRows).toBe(7);
}

describe('DataFrame window expressions match the SQL spelling', () => {
  it('ranking functions with PARTITION BY and ORDER BY', async () => {
    const ctx = await session();
    const w = { partitionBy: ['region'], orderBy: [col('amount').desc(), 'id'] };
    const df = ctx
      .table('sales')
      .select(
        'id',
        rowNumber().over(w).alias('rn'),
        rank().over({ partitionBy: ['region'], orderBy: [col('amount').desc()] }).alias('r'),
        denseRank().over({ partitionBy: ['region'], orderBy: [col('amount').desc()] }).alias('dr'),
        percentRank().over({ orderBy: ['amount'] }).alias('pr'),
        cumeDist().over({ orderBy: ['amount'] }).alias('cd'),
        ntile(3).over({ orderBy: ['id'] }).alias('nt'),
      )
      .sort('id');
    await expectSameAsSql(
      ctx,
      df,
      `select id, row_number() over (partition by region order by amount desc, id) as rn,
              rank() over (partition by region order by amount desc) as r, dense_rank() over (partition by region order by amount desc) as dr,
              percent_rank() over (order by amount) as pr, cume_dist() over (order by amount) as cd, ntile(3) over (order by id) as nt
       from sales order by id`,
    );
  });

  it('lag/lead with offsets and defaults, first/last/nth value over frames', async () => {
    const ctx = await session();
    const byId = { orderBy: ['id'] };
    const df = ctx
      .table('sales')
      .select(
        'id',
        lag('amount').over(byId).alias('prev'),
        lead(col('amount'), 2, 0).over(byId).alias('next2'),
        firstValue('amount').over({ orderBy: ['id'], frame: { units: 'rows', start: { preceding: 1 } } }).alias('fv'),
        lastValue('amount').over({ orderBy: ['id'], frame: { units: 'rows', start: 'currentRow', end: 'unboundedFollowing' } }).alias('lv'),
        nthValue('amount', 2).over({ partitionBy: ['region'], orderBy: ['id'] }).alias('nv'),
      )
      .sort('id');
    await expectSameAsSql(
      ctx,
      df,
      `select id, lag(amount) over (order by id) as prev, lead(amount, 2, 0) over (order by id) as next2,
              first_value(amount) over (order by id rows 1 preceding) as fv,
              last_value(amount) over (order by id rows between current row and unbounded following) as lv,
              nth_value(amount, 2) over (partition by region order by id) as nv
       from sales order by id`,
    );
  });

  it('aggregates over windows: running, sliding, whole-partition, with DISTINCT-free FILTER and an expression on top', async () => {
    const ctx = await session();
    const df = ctx
      .table('sales')
      .select(
        'id',
        sum('amount').over({ orderBy: ['id'] }).alias('running'),
        sum('amount').over({ orderBy: ['id'], frame: { units: 'rows', start: { preceding: 1 }, end: { following: 1 } } }).alias('sliding'),
        count().over({ partitionBy: ['region'] }).alias('n'),
        count('amount').filter(col('amount').gt(9)).over({ partitionBy: ['region'] }).alias('big'),
        col('amount').sub(fn('avg', col('amount')).over({ partitionBy: ['region'] })).alias('delta'),
        sum('amount').over({ orderBy: ['amount'], frame: { units: 'range', start: { preceding: 5 }, end: 'currentRow' } }).alias('near'),
      )
      .sort('id');
    await expectSameAsSql(
      ctx,
      df,
      `select id, sum(amount) over (order by id) as running, sum(amount) over (order by id rows between 1 preceding and 1 following) as sliding,
              count(*) over (partition by region) as n, count(amount) filter (where amount > 9) over (partition by region) as big,
              amount - avg(amount) over (partition by region) as delta,
              sum(amount) over (order by amount range between 5 preceding and current row) as near
       from sales order by id`,
    );
  });

  it('withColumn adds a window column; * keeps only the input columns; one call used twice is computed once', async () => {
    const ctx = await session();
    const rn = rowNumber().over({ orderBy: [col('id').desc()] });
    const df = ctx.table('sales').withColumn('rn', rn).select('*', rn.add(lit(100)).alias('rn100')).sort('id');
    await expectSameAsSql(ctx, df, 'select *, rn + 100 as rn100 from (select *, row_number() over (order by id desc) as rn from sales) order by id');
    const plan = ctx.table('sales').select('id', rn.alias('a'), rn.mul(2).alias('b')).logicalPlan();
    expect(plan.kind === 'projection' && plan.input.kind === 'window' ? plan.input.windowExprs.length : -1).toBe(1);
  });

  it('reports what SQL reports: a non-aggregate over(), bad frames, nested windows, wrong arguments', async () => {
    const ctx = await session();
    const t = ctx.table('sales');
    expect(() => t.select(col('amount').add(1).over())).toThrow(/over\(\) applies to aggregate calls and window functions/);
    expect(() => t.select(sum('amount').over({ frame: { units: 'rows', start: 'unboundedFollowing' } }))).toThrow(/frame start cannot be UNBOUNDED FOLLOWING/);
    expect(() => t.select(sum('amount').over({ orderBy: ['region'], frame: { units: 'range', start: { preceding: 1 } } }))).toThrow(
      /RANGE with offset PRECEDING\/FOLLOWING is supported only for a numeric ORDER BY column, not VARCHAR/,
    );
    expect(() => t.select(rank().over({ frame: { units: 'groups', start: 'unboundedPreceding' } }))).toThrow(/GROUPS mode requires an ORDER BY clause/);
    expect(() => t.select(sum('amount').over({ frame: { units: 'rows', start: { preceding: 1.5 } } }))).toThrow(/offset must be a non-negative integer/);
    expect(() => t.select(sum(rowNumber().over()).over())).toThrow(/window function calls cannot be nested/);
    expect(() => t.select(ntile('x').over())).toThrow(/ntile\(\): the count argument must be an integer/);
  });
});
