import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { MemTable, type TableProvider } from '@quiver/exec';
import { SessionContext } from './context.js';
import { MemoryCatalogProvider, MemorySchemaProvider, type SchemaProvider } from './schema-provider.js';

const ints = (values: number[]) => MemTable.fromArrow(new arrow.Table({ v: arrow.vectorFromArray(values, new arrow.Int32()) }));

/** A schema that makes its tables when a query first names them: `upto_N` holds 1..N. */
class GeneratedSchema implements SchemaProvider {
  readonly opened: string[] = [];
  tableNames() {
    return ['upto_3', 'upto_5'];
  }
  table(name: string): TableProvider | undefined {
    const m = /^upto_(\d+)$/.exec(name);
    if (!m) return undefined;
    this.opened.push(name);
    return ints(Array.from({ length: Number(m[1]) }, (_, i) => i + 1));
  }
}

const values = async (ctx: SessionContext, sql: string) => (await (await ctx.sql(sql)).collect()).toArray().map((r) => r.toJSON());

describe('schema and catalog providers', () => {
  it('resolve schema.table through a custom provider, looked up only when named', async () => {
    const ctx = await SessionContext.create();
    const gen = new GeneratedSchema();
    ctx.catalog.registerSchema('gen', gen);
    expect(gen.opened).toEqual([]);
    expect(await values(ctx, 'SELECT sum(v) AS s FROM gen.upto_5')).toEqual([{ s: 15n }]);
    expect(gen.opened).toEqual(['upto_5']);
    expect(ctx.tableNames()).toEqual(['gen.upto_3', 'gen.upto_5']);
    await expect(ctx.sql('SELECT * FROM gen.upto_4x')).rejects.toThrow("table 'gen.upto_4x' not found (did you mean 'gen.upto_3' or 'gen.upto_5'?)");
  });

  it('resolve catalog.schema.table through the in-memory defaults, beside session tables', async () => {
    const ctx = await SessionContext.create();
    ctx.catalog.registerCatalog('prod', new MemoryCatalogProvider().register('sales', new MemorySchemaProvider().register('orders', ints([10, 20]))));
    ctx.registerTable('orders', ints([1]));
    expect(await values(ctx, 'SELECT o.v FROM prod.sales.orders o JOIN orders l ON o.v > l.v ORDER BY o.v')).toEqual([{ v: 10 }, { v: 20 }]);
    expect((await ctx.table('prod.sales.orders').count())).toBe(2);
  });

  it('reach session tables as public.t and datafusion.public.t, unless a provider is named public', async () => {
    const ctx = await SessionContext.create();
    ctx.registerTable('t1', ints([7]));
    expect(await values(ctx, 'SELECT PUBLIC.t1.* FROM public.t1')).toEqual([{ v: 7 }]);
    expect(await values(ctx, 'SELECT v FROM datafusion.public.t1')).toEqual([{ v: 7 }]);
    ctx.catalog.registerSchema('public', new MemorySchemaProvider());
    await expect(ctx.sql('SELECT * FROM public.t1')).rejects.toThrow("table 'public.t1' not found");
  });
});
