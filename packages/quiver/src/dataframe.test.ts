import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { DataTypes, QuiverError } from '@quiver/common';
import { SessionContext } from './session/context.js';
import type { DataFrame } from './dataframe.js';
import { avg, col, count, countDistinct, fn, lit, max, min, sum, when } from './expr-helpers.js';

const orders = () =>
  new arrow.Table({
    id: arrow.vectorFromArray([1, 2, 3, 4, 5, 6], new arrow.Int32()),
    cust: arrow.vectorFromArray([10, 20, 10, 30, 20, null], new arrow.Int32()),
    amount: arrow.vectorFromArray([5.5, 20, 7.25, null, 1, 3], new arrow.Float64()),
    status: arrow.vectorFromArray(['open', 'done', 'done', 'open', 'open', 'void'], new arrow.Utf8()),
  });
const customers = () =>
  new arrow.Table({
    cid: arrow.vectorFromArray([10, 20, 40], new arrow.Int32()),
    name: arrow.vectorFromArray(['Ann', 'Bob', 'Cy'], new arrow.Utf8()),
  });

async function session(): Promise<SessionContext> {
  const ctx = await SessionContext.create();
  ctx.registerTable('orders', orders());
  ctx.registerTable('customers', customers());
  return ctx;
}

const rowsOf = (t: arrow.Table) => t.toArray().map((r) => Object.values(r.toJSON()));
const namesOf = (t: arrow.Table) => t.schema.fields.map((f) => f.name);

/** The DataFrame's result equals the SQL query's: same column names, same rows in the same order. */
async function expectSameAsSql(ctx: SessionContext, df: DataFrame, sql: string): Promise<arrow.Table> {
  const [got, want] = await Promise.all([df.collect(), ctx.sql(sql).then((d) => d.collect())]);
  expect(namesOf(got)).toEqual(namesOf(want));
  expect(rowsOf(got)).toEqual(rowsOf(want));
  expect(got.numRows).toBeGreaterThan(0);
  return got;
}

describe('DataFrame matches the equivalent SQL', () => {
  it('select, filter, sort and limit', async () => {
    const ctx = await session();
    const df = ctx
      .table('orders')
      .filter(col('amount').gt(lit(2)).and(col('status').notEq('void')))
      .select('id', col('amount').mul(2).alias('double'), col('status'))
      .sort(col('double').desc(), 'id')
      .limit(2, 1);
    await expectSameAsSql(ctx, df, `SELECT id, amount * 2 AS double, status FROM orders WHERE amount > 2 AND status <> 'void' ORDER BY double DESC, id LIMIT 2 OFFSET 1`);
  });

  it('aggregate with grouping, FILTER, DISTINCT and a HAVING-like filter', async () => {
    const ctx = await session();
    const df = ctx
      .table('orders')
      .aggregate(['status'], [sum(col('amount')).alias('total'), count(), count('amount').alias('priced'), countDistinct(col('cust')).alias('custs'), max(col('id')).filter(col('cust').eq(20)).alias('m')])
      .filter(col('total').gt(4))
      .sort('status');
    await expectSameAsSql(
      ctx,
      df,
      `SELECT status, sum(amount) AS total, count(*), count(amount) AS priced, count(DISTINCT cust) AS custs, max(id) FILTER (WHERE cust = 20) AS m
       FROM orders GROUP BY status HAVING sum(amount) > 4 ORDER BY status`,
    );
  });

  it('aggregates over all rows', async () => {
    const ctx = await session();
    const df = ctx.table('orders').aggregate([], [min(col('amount')).alias('lo'), avg(col('amount')).alias('mean')]);
    await expectSameAsSql(ctx, df, 'SELECT min(amount) AS lo, avg(amount) AS mean FROM orders');
  });

  it('inner and left joins on keys, and joinOn with a predicate', async () => {
    const ctx = await session();
    const o = ctx.table('orders');
    const c = ctx.table('customers');
    await expectSameAsSql(
      ctx,
      o.join(c, 'inner', ['cust'], ['cid']).select('id', 'name').sort('id'),
      'SELECT id, name FROM orders JOIN customers ON cust = cid ORDER BY id',
    );
    await expectSameAsSql(
      ctx,
      o.join(c, 'left', ['cust'], ['cid'], col('amount').gt(5)).select('id', 'name').sort('id'),
      'SELECT id, name FROM orders LEFT JOIN customers ON cust = cid AND amount > 5 ORDER BY id',
    );
    await expectSameAsSql(
      ctx,
      c.joinOn(o, 'anti', col('cid').eq(col('cust'))).select('name'),
      'SELECT name FROM customers WHERE NOT EXISTS (SELECT 1 FROM orders WHERE cust = cid)',
    );
  });

  it('self-join through aliases', async () => {
    const ctx = await session();
    const a = ctx.table('orders').alias('a');
    const b = ctx.table('orders').alias('b');
    const df = a.join(b, 'inner', ['a.cust'], ['b.cust'], col('a.id').lt(col('b.id'))).select(col('a.id').alias('first'), col('b.id').alias('second')).sort('first');
    await expectSameAsSql(ctx, df, 'SELECT a.id AS first, b.id AS second FROM orders a JOIN orders b ON a.cust = b.cust AND a.id < b.id ORDER BY first');
  });

  it('union, unionDistinct and distinct', async () => {
    const ctx = await session();
    const s = ctx.table('orders').select('status');
    await expectSameAsSql(ctx, s.union(s.filter(col('status').eq('open'))).sort('status'), `SELECT status FROM orders UNION ALL SELECT status FROM orders WHERE status = 'open' ORDER BY status`);
    await expectSameAsSql(ctx, s.unionDistinct(s).sort('status'), 'SELECT status FROM orders UNION SELECT status FROM orders ORDER BY status');
    await expectSameAsSql(ctx, s.distinct().sort(col('status').desc()), 'SELECT DISTINCT status FROM orders ORDER BY status DESC');
  });

  it('withColumn adds or replaces, withColumnRenamed renames, CASE and scalar functions', async () => {
    const ctx = await session();
    const df = ctx
      .table('orders')
      .withColumn('size', when(col('amount').gtEq(7), 'big').when(col('amount').isNull(), 'unknown').otherwise('small'))
      .withColumn('status', fn('upper', col('status')))
      .withColumnRenamed('cust', 'customer')
      .sort('id');
    const t = await expectSameAsSql(
      ctx,
      df,
      `SELECT id, cust AS customer, amount, upper(status) AS status,
              CASE WHEN amount >= 7 THEN 'big' WHEN amount IS NULL THEN 'unknown' ELSE 'small' END AS size
       FROM orders ORDER BY id`,
    );
    expect(namesOf(t)).toEqual(['id', 'customer', 'amount', 'status', 'size']);
  });

  it('between, inList, like, isNull, not, cast and Date literals', async () => {
    const ctx = await session();
    const df = ctx
      .table('orders')
      .filter(col('id').between(2, 5).and(col('status').like('%o%')).and(col('cust').inList([10, 20]).or(col('cust').isNull())).and(col('id').eq(4).not()))
      .select('id', col('amount').cast(DataTypes.int64).alias('whole'), lit(new Date(Date.UTC(1998, 8, 2))).alias('d'))
      .sort('id');
    await expectSameAsSql(
      ctx,
      df,
      `SELECT id, CAST(amount AS BIGINT) AS whole, DATE '1998-09-02' AS d FROM orders
       WHERE id BETWEEN 2 AND 5 AND status LIKE '%o%' AND (cust IN (10, 20) OR cust IS NULL) AND NOT id = 4 ORDER BY id`,
    );
  });

  it('mixes with SQL: a DataFrame registered as a view is queried with SQL', async () => {
    const ctx = await session();
    ctx.registerView('open_orders', ctx.table('orders').filter(col('status').eq('open')).select('id', 'amount'));
    await expectSameAsSql(ctx, (await ctx.sql('SELECT sum(amount) AS s FROM open_orders')).select('s'), "SELECT sum(amount) AS s FROM orders WHERE status = 'open'");
    await expectSameAsSql(ctx, ctx.table('open_orders').sort(col('open_orders.id').desc()), "SELECT id, amount FROM orders WHERE status = 'open' ORDER BY id DESC");
  });

  it('mixes with SQL: a SQL DataFrame transformed further', async () => {
    const ctx = await session();
    const df = (await ctx.sql('SELECT cust, sum(amount) AS s FROM orders GROUP BY cust')).filter(col('s').gt(6)).sort(col('cust').asc(true));
    await expectSameAsSql(ctx, df, 'SELECT cust, sum(amount) AS s FROM orders GROUP BY cust HAVING sum(amount) > 6 ORDER BY cust NULLS FIRST');
  });
});

describe('DataFrame actions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-df-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is lazy: building a frame over an unknown function fails only when it is planned', async () => {
    const ctx = await session();
    const err = (() => {
      try {
        ctx.table('orders').select(fn('uper', col('status')));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(QuiverError);
    expect((err as QuiverError).message).toContain("function 'uper' not found (did you mean 'upper'?)");
    expect(() => ctx.table('orders').select('amout')).toThrow("column 'amout' not found (did you mean 'amount'?)");
  });

  it('stream yields record batches; count, toArrow and explain', async () => {
    const ctx = await session();
    const df = ctx.table('orders').filter(col('status').eq('open'));
    let rows = 0;
    for await (const batch of df.stream()) {
      expect(batch).toBeInstanceOf(arrow.RecordBatch);
      rows += batch.numRows;
    }
    expect(rows).toBe(3);
    expect(await df.count()).toBe(3);
    expect((await df.toArrow()).numRows).toBe(3);
    const text = await df.explain();
    expect(text).toContain('logical_plan:');
    expect(text).toContain("TableScan: orders filters=[status = 'open']");
    expect(text).toContain('physical_plan:');
  });

  it('writes Parquet and CSV that read back to the same rows', async () => {
    const ctx = await session();
    const df = ctx.table('orders').select('id', 'amount', 'status').sort('id');
    const pq = join(dir, 'out.parquet');
    const csv = join(dir, 'out.csv');
    await df.writeParquet(pq);
    await df.writeCsv(csv);
    await ctx.registerParquet('pq', pq);
    await ctx.registerCsv('csv', csv);
    const want = rowsOf(await df.collect());
    expect(rowsOf(await (await ctx.sql('SELECT * FROM pq ORDER BY id')).collect())).toEqual(want);
    expect(readFileSync(csv, 'utf8').split('\r\n').slice(0, 2)).toEqual(['id,amount,status', '1,5.5,open']);
    expect(rowsOf(await (await ctx.sql('SELECT * FROM csv ORDER BY id')).collect())).toEqual(want.map(([id, a, s]) => [BigInt(id as number), a, s]));
  });

  it('rejects mixing sessions and bad arguments', async () => {
    const a = await session();
    const b = await session();
    expect(() => a.table('orders').union(b.table('orders'))).toThrow('different sessions');
    expect(() => a.table('orders').limit(-1)).toThrow('non-negative integers');
    expect(() => a.table('orders').aggregate([], [col('id')])).toThrow('aggregate() takes aggregate calls');
    expect(() => a.table('orders').join(a.table('customers'), 'inner', ['cust'], [])).toThrow('as many left keys as right keys');
  });
});
