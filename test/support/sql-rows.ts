/** A query's result rows as arrays of JSON values (column order), for tests that compare small results. */
import type { SessionContext } from 'quiver';

export async function rows(ctx: SessionContext, sql: string): Promise<unknown[][]> {
  const table = await (await ctx.sql(sql)).collect();
  return table.toArray().map((r) => Object.values(r.toJSON()));
}
