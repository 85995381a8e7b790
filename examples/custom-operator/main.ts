/**
 * Example: a custom operator reached through a user-defined logical node. `SampleNode` keeps every
 * n-th row of its input; the optimizer rewrites around it (it treats the node as opaque), an
 * `ExtensionPlanner` turns it into `SampleExec`, which joins the batch-stream protocol by extending
 * `ExecBase` (metrics, EXPLAIN ANALYZE) and selects rows with `takeBatch` on an Int32Array of indices.
 *
 *   node examples/dist/custom-operator/main.js
 */
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import { col, SessionContext, sum, type DataFrame } from 'quiver';
import type { Schema } from '@quiver/common';
import { LogicalPlanBuilder, type Expr, type LogicalPlan, type UserDefinedLogicalNode } from '@quiver/planner';
import { ExecBase, takeBatch, type ExecutionPlan, type ExtensionPlanner, type TaskContext } from '@quiver/exec';

export class SampleNode implements UserDefinedLogicalNode {
  readonly name = 'Sample';
  readonly exprs: readonly Expr[] = [];

  constructor(
    readonly input: LogicalPlan,
    readonly every: number,
  ) {}

  get inputs(): LogicalPlan[] {
    return [this.input];
  }
  get schema(): Schema {
    return this.input.schema;
  }
  describe(): string {
    return `every=${this.every}`;
  }
  withNewInputs(inputs: readonly LogicalPlan[]): SampleNode {
    return new SampleNode(inputs[0]!, this.every);
  }
}

export class SampleExec extends ExecBase {
  readonly name = 'SampleExec';

  constructor(
    readonly input: ExecutionPlan,
    readonly every: number,
  ) {
    super(input.schema, [input]);
  }

  describe(): string {
    return `SampleExec: every=${this.every}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    let position = 0; // rows seen so far, across batches
    for await (const batch of this.pull(this.input, ctx)) {
      const first = (this.every - (position % this.every)) % this.every;
      const picked = new Int32Array(Math.max(0, Math.ceil((batch.numRows - first) / this.every)));
      for (let i = 0; i < picked.length; i++) picked[i] = first + i * this.every;
      position += batch.numRows;
      if (picked.length > 0) yield takeBatch(batch, picked);
    }
  }
}

export const samplePlanner: ExtensionPlanner = {
  planExtension: (node, inputs) => (node instanceof SampleNode ? new SampleExec(inputs[0]!, node.every) : undefined),
};

/** `df` sampled: every `every`-th row. */
export function sample(df: DataFrame, ctx: SessionContext, every: number): DataFrame {
  return ctx.dataFrame(LogicalPlanBuilder.extension(new SampleNode(df.plan, every)).build());
}

export async function run(): Promise<{ total: bigint; explain: string }> {
  const ctx = await SessionContext.create({ batchSize: 1000 });
  ctx.registerExtensionPlanner(samplePlanner);
  const n = arrow.vectorFromArray(Array.from({ length: 10_000 }, (_, i) => i), new arrow.Int32());
  ctx.registerTable('numbers', new arrow.Table({ n }));
  const sampled = sample(ctx.table('numbers').filter(col('n').gtEq(100)), ctx, 3).aggregate([], [sum(col('n')).alias('total')]);
  const total = (await sampled.collect()).getChild('total')!.get(0) as bigint;
  return { total, explain: await sampled.explain(true) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { total, explain } = await run();
  console.log(`${explain}\n\nsum of every 3rd n >= 100: ${total}`);
}
