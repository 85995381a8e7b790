/**
 * `DataFrame`: a lazy query — a logical plan bound to its session. Nothing runs until `collect`,
 * `stream` or `show`.
 */
import * as arrow from 'apache-arrow';
import type { Schema } from '@quiver/common';
import { planToString, type LogicalPlan } from '@quiver/planner';
import { collectBatches, createPhysicalPlan, MemoryPool, physicalPlanToString, type ExecutionPlan, type TaskContext } from '@quiver/exec';
import type { SessionContext } from './session/context.js';
import { renderTable } from './format/render.js';

export class DataFrame {
  constructor(
    private readonly ctx: SessionContext,
    readonly plan: LogicalPlan,
  ) {}

  get schema(): Schema {
    return this.plan.schema;
  }

  /** Whether this is a statement with an effect on the session (CREATE/DROP …) rather than a query. */
  get isDdl(): boolean {
    return this.plan.kind === 'ddl';
  }

  logicalPlan(): LogicalPlan {
    return this.plan;
  }

  optimizedPlan(): LogicalPlan {
    return this.ctx.optimize(this.plan);
  }

  physicalPlan(): Promise<ExecutionPlan> {
    return createPhysicalPlan(this.optimizedPlan(), this.ctx.config);
  }

  private taskContext(): TaskContext {
    return { config: this.ctx.config, memory: new MemoryPool(this.ctx.config.memoryLimit) };
  }

  /** Run the query and gather its result as one Arrow table. */
  async collect(): Promise<arrow.Table> {
    const plan = this.plan;
    // A DDL statement took effect when it was planned (see SessionContext.executeScript).
    if (plan.kind === 'ddl') return new arrow.Table(plan.schema.toArrow());
    if (plan.kind === 'explain') return this.explainTable(plan);
    const physical = await this.physicalPlan();
    const batches = await collectBatches(physical, this.taskContext());
    return batches.length ? new arrow.Table(batches) : new arrow.Table(physical.schema.toArrow());
  }

  /** Run the query, yielding record batches as they are produced. */
  async *stream(): AsyncGenerator<arrow.RecordBatch> {
    yield* (await this.physicalPlan()).execute(this.taskContext());
  }

  /** Print the first rows as a text table. */
  async show(maxRows = 20): Promise<void> {
    console.log(renderTable(await this.collect(), maxRows));
  }

  /** The logical, optimized and physical plans as text (and measured metrics when `analyze`). */
  async explain(analyze = false): Promise<string> {
    const table = await new DataFrame(this.ctx, { kind: 'explain', plan: this.plan, analyze, verbose: false, schema: this.plan.schema }).collect();
    const types = table.getChildAt(0)!;
    const plans = table.getChildAt(1)!;
    const out: string[] = [];
    for (let i = 0; i < table.numRows; i++) out.push(`${String(types.get(i))}:\n${String(plans.get(i))}`);
    return out.join('\n\n');
  }

  private async explainTable(plan: Extract<LogicalPlan, { kind: 'explain' }>): Promise<arrow.Table> {
    const optimized = this.ctx.optimize(plan.plan);
    const physical = await createPhysicalPlan(optimized, this.ctx.config);
    const rows: Array<[string, string]> = [];
    if (plan.verbose) rows.push(['initial_logical_plan', planToString(plan.plan)]);
    rows.push(['logical_plan', planToString(optimized)]);
    if (plan.analyze) {
      const start = performance.now();
      await collectBatches(physical, this.taskContext());
      rows.push(['physical_plan', `${physicalPlanToString(physical, true)}\nTotal: ${(performance.now() - start).toFixed(1)} ms`]);
    } else {
      rows.push(['physical_plan', physicalPlanToString(physical, false)]);
    }
    const utf8 = (values: string[]) => arrow.vectorFromArray(values, new arrow.Utf8());
    return new arrow.Table({ plan_type: utf8(rows.map((r) => r[0])), plan: utf8(rows.map((r) => r[1])) });
  }
}
