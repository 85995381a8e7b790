/**
 * Example: a custom logical optimizer rule, added to a session's rule list. `RowCapRule` is a
 * policy a shared service might enforce: every query returns at most `cap` rows — a query without
 * a LIMIT gets one, and a larger LIMIT is lowered. The default rules then push the new limit down
 * (into a top-k sort). The example also removes a standard rule to show the list is the session's own.
 *
 *   node examples/dist/custom-rule/main.js
 */
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import { SessionContext } from 'quiver';
import type { LogicalPlan } from '@quiver/planner';
import type { OptimizerRule } from '@quiver/optimizer';

/** Caps the rows of the whole query. It rewrites only the root, so it is idempotent: the fixed-point driver stops. */
export class RowCapRule implements OptimizerRule {
  readonly name = 'row-cap';

  constructor(private readonly cap: number) {}

  rewrite(plan: LogicalPlan): LogicalPlan {
    if (plan.kind === 'limit') {
      if (plan.fetch !== null && plan.fetch <= this.cap) return plan; // unchanged: the same object
      return { ...plan, fetch: this.cap };
    }
    if (plan.kind === 'ddl' || plan.kind === 'explain') return plan;
    return { kind: 'limit', input: plan, skip: 0, fetch: this.cap, schema: plan.schema };
  }
}

export async function run(): Promise<{ capped: string; rows: number; withoutPushdown: string }> {
  const ctx = await SessionContext.create();
  const n = arrow.vectorFromArray(Array.from({ length: 1000 }, (_, i) => i), new arrow.Int32());
  ctx.registerTable('numbers', new arrow.Table({ n }));

  ctx.optimizer.addRule(new RowCapRule(5), { before: 'push-down-limit' });
  const df = await ctx.sql('SELECT n FROM numbers WHERE n % 7 = 0 ORDER BY n DESC');
  const capped = await df.explain();
  const rows = (await df.collect()).numRows;

  ctx.optimizer.removeRule('push-down-filter');
  const withoutPushdown = await (await ctx.sql('SELECT n FROM numbers WHERE n % 7 = 0')).explain();
  return { capped, rows, withoutPushdown };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { capped, rows, withoutPushdown } = await run();
  console.log(`With the row-cap rule (${rows} rows returned):\n${capped}\n\nAfter removing push-down-filter:\n${withoutPushdown}`);
}
