import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataTypes, Field, Schema } from '@quiver/common';
import { exprToString, LogicalPlanBuilder, type Expr, type FilterPushdown, type LogicalPlan, type UserDefinedLogicalNode } from '@quiver/planner';
import { columnsOf, ExecBase, makeBatch, MemTable, type ExecutionPlan, type TableProvider, type TaskContext } from '@quiver/exec';
import { SessionContext } from './context.js';
import { col } from '../expr-helpers.js';

const numbers = () => new arrow.Table({ n: arrow.vectorFromArray([5, 6, 7, 8, 9], new arrow.Int32()) });

/** A user-defined logical node: its input's columns plus `row_number` (1, 2, …). */
class RowNumberNode implements UserDefinedLogicalNode {
  readonly name = 'RowNumber';
  readonly exprs: readonly Expr[] = [];
  readonly schema: Schema;
  constructor(readonly input: LogicalPlan) {
    this.schema = new Schema([...input.schema.fields, new Field('row_number', DataTypes.int64, false)]);
  }
  get inputs() {
    return [this.input];
  }
  describe() {
    return 'column=row_number';
  }
  withNewInputs(inputs: readonly LogicalPlan[]) {
    return new RowNumberNode(inputs[0]!);
  }
}

/** Its operator: a custom `ExecBase` that appends a BIGINT column built on a typed array. */
class RowNumberExec extends ExecBase {
  readonly name = 'RowNumberExec';
  constructor(readonly input: ExecutionPlan, schema: Schema) {
    super(schema, [input]);
  }
  describe() {
    return 'RowNumberExec';
  }
  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    let next = 1n;
    for await (const batch of this.pull(this.input, ctx)) {
      const values = new BigInt64Array(batch.numRows);
      for (let i = 0; i < values.length; i++) values[i] = next++;
      const numbers = arrow.makeData({ type: new arrow.Int64(), length: values.length, nullCount: 0, data: values });
      yield makeBatch(this.arrowSchema, [...columnsOf(batch), numbers], batch.numRows);
    }
  }
}

describe('user-defined logical nodes, extension planners and custom operators', () => {
  it('plans, optimizes (rules see through the node) and runs a user-defined node', async () => {
    const ctx = await SessionContext.create();
    ctx.registerTable('numbers', numbers());
    ctx.registerExtensionPlanner({
      planExtension: (node, inputs) => (node instanceof RowNumberNode ? new RowNumberExec(inputs[0]!, node.schema) : undefined),
    });
    const input = ctx.table('numbers').filter(col('n').gt(5)).plan;
    const df = ctx.dataFrame(LogicalPlanBuilder.extension(new RowNumberNode(input)).build()).filter(col('row_number').ltEq(2));
    const t = await df.collect();
    expect(t.toArray().map((r) => [r.n, r.row_number])).toEqual([
      [6, 1n],
      [7, 2n],
    ]);
    const text = await df.explain();
    expect(text).toContain('RowNumber: column=row_number');
    expect(text).toContain('Filter: row_number <= 2\n  RowNumber: column=row_number\n    Filter: n > 5\n      TableScan: numbers filters=[n > 5]'); // rules rewrite below the node, never move across it
    expect(text).toContain('RowNumberExec');
  });

  it('says which node no planner handles', async () => {
    const ctx = await SessionContext.create();
    ctx.registerTable('numbers', numbers());
    const df = ctx.dataFrame(LogicalPlanBuilder.extension(new RowNumberNode(ctx.table('numbers').plan)).build());
    await expect(df.collect()).rejects.toThrow("no extension planner handles the user-defined node 'RowNumber'");
  });

  it('applies physical optimizer rules to the operator tree', async () => {
    const ctx = await SessionContext.create();
    ctx.registerTable('numbers', numbers());
    ctx.physicalOptimizerRules.push({ name: 'number-rows', optimize: (plan) => new RowNumberExec(plan, new Schema([...plan.schema.fields, new Field('row_number', DataTypes.int64, false)])) });
    const t = await (await ctx.sql('SELECT n FROM numbers WHERE n > 7')).collect();
    expect(t.toArray().map((r) => [r.n, r.row_number])).toEqual([
      [8, 1n],
      [9, 2n],
    ]);
  });
});

/** A provider that evaluates `n > k` itself (exact), lets the engine re-check `n < k` (inexact), and ignores the rest. */
class ThresholdTable implements TableProvider {
  readonly received: string[] = [];
  private readonly inner = MemTable.fromArrow(numbers());
  readonly schema = this.inner.schema;
  supportsFiltersPushdown(filters: readonly Expr[]): FilterPushdown[] {
    return filters.map((f) => (f.kind === 'binary' && f.op === '>' ? 'exact' : f.kind === 'binary' && f.op === '<' ? 'inexact' : 'unsupported'));
  }
  scan(projection: readonly number[] | null, filters: readonly Expr[], limit: number | null): ExecutionPlan {
    this.received.push(...filters.map(exprToString));
    const k = filters.flatMap((f) => (f.kind === 'binary' && f.op === '>' && f.right.kind === 'literal' ? [Number(f.right.value.value)] : []));
    const rows = numbers().toArray().filter((r) => k.every((x) => r.n > x)).map((r) => r.n as number);
    return MemTable.fromArrow(new arrow.Table({ n: arrow.vectorFromArray(rows, new arrow.Int32()) })).scan(projection, [], limit);
  }
}

describe('TableProvider filter push-down answers', () => {
  it('drops the Filter for exact filters, keeps it for inexact ones, and passes no unsupported ones', async () => {
    const ctx = await SessionContext.create();
    const table = new ThresholdTable();
    ctx.registerTable('t', table);
    const df = await ctx.sql('SELECT n FROM t WHERE n > 5 AND n < 9 AND n <> 7 ORDER BY n');
    expect((await df.collect()).toArray().map((r) => r.n)).toEqual([6, 8]);
    expect(table.received).toEqual(['t.n > 5', 't.n < 9']);
    const physical = (await df.explain()).split('physical_plan:')[1]!;
    expect(physical).toContain('FilterExec: (n@0 < 9) AND (n@0 <> 7)\n    MemoryScanExec');
    expect(physical).not.toContain('> 5');
  });
});
