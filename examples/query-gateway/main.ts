/**
 * Example: a query gateway. Every query is planned and optimized by Quiver; the gateway then
 * routes it by cost: when the optimizer's cardinality estimates say it reads few rows, it runs
 * in-process; otherwise it reports the optimized plan it would ship to a remote warehouse. The
 * warehouse's table is a `TableProvider` that knows its statistics but cannot be scanned here.
 *
 *   node examples/dist/query-gateway/main.js ["SELECT ..."]
 */
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import { DataTypes, Field, QuiverError, Schema, SessionContext, renderTable } from 'quiver';
import { exact, planToString, unknownStatistics, visitPlan, type LogicalPlan, type TableStatistics } from '@quiver/planner';
import { estimateRows } from '@quiver/optimizer';
import type { ExecutionPlan, TableProvider } from '@quiver/exec';

/** A table that lives in the warehouse: statistics only. */
class RemoteTable implements TableProvider {
  constructor(
    readonly schema: Schema,
    private readonly rows: number,
  ) {}
  statistics(): TableStatistics {
    return { ...unknownStatistics(this.schema.length), rowCount: exact(this.rows) };
  }
  scan(): ExecutionPlan {
    throw new QuiverError('EXECUTION', 'remote tables are scanned by the warehouse, not in-process');
  }
}

export type Routed =
  | { readonly route: 'local'; readonly estimatedRows: number; readonly result: arrow.Table }
  | { readonly route: 'remote'; readonly estimatedRows: number; readonly plan: string };

export class Gateway {
  private constructor(
    readonly ctx: SessionContext,
    private readonly maxLocalRows: number,
  ) {}

  static async create(maxLocalRows = 100_000): Promise<Gateway> {
    const ctx = await SessionContext.create();
    ctx.registerTable(
      'regions',
      new arrow.Table({
        id: arrow.vectorFromArray([1, 2, 3], new arrow.Int32()),
        name: arrow.vectorFromArray(['emea', 'amer', 'apac'], new arrow.Utf8()),
      }),
    );
    const events = new Schema([new Field('region_id', DataTypes.int32, false), new Field('amount', DataTypes.float64, false)]);
    ctx.registerTable('events', new RemoteTable(events, 250_000_000));
    return new Gateway(ctx, maxLocalRows);
  }

  /** Rows the query reads: the estimated output of every table scan of the optimized plan. */
  static scannedRows(plan: LogicalPlan): number {
    let rows = 0;
    visitPlan(plan, (p) => {
      if (p.kind === 'tableScan') rows += estimateRows(p);
    });
    return rows;
  }

  async route(sql: string): Promise<Routed> {
    const df = await this.ctx.sql(sql);
    const optimized = df.optimizedPlan();
    const estimatedRows = Gateway.scannedRows(optimized);
    if (estimatedRows <= this.maxLocalRows) return { route: 'local', estimatedRows, result: await df.collect() };
    return { route: 'remote', estimatedRows, plan: planToString(optimized) };
  }
}

export const QUERIES = [
  "SELECT name FROM regions WHERE id <> 2 ORDER BY name",
  'SELECT r.name, sum(e.amount) AS total FROM events e JOIN regions r ON e.region_id = r.id GROUP BY r.name',
];

export async function run(queries = QUERIES): Promise<string> {
  const gateway = await Gateway.create();
  const out: string[] = [];
  for (const sql of queries) {
    const routed = await gateway.route(sql);
    out.push(`> ${sql}\n  route=${routed.route} (about ${Math.round(routed.estimatedRows)} rows read)`);
    out.push(routed.route === 'local' ? renderTable(routed.result) : `plan sent to the warehouse:\n${routed.plan}`);
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await run(process.argv.length > 2 ? process.argv.slice(2) : undefined));
}
