/**
 * `DataFrame`: a lazy query — an immutable logical plan bound to its session. Transformations
 * (`select`, `filter`, `aggregate`, `join`, …) return new DataFrames built with the planner's
 * `LogicalPlanBuilder`; nothing runs until `collect`, `stream`, `show`, `count` or a write.
 * SQL and DataFrames meet in the same plans: `ctx.sql(…)` returns a DataFrame and a DataFrame can
 * be registered as a view.
 */
import * as arrow from 'apache-arrow';
import { QuiverError, type Schema } from '@quiver/common';
import { alias, col as columnRef, exprToString, LogicalPlanBuilder, planToString, unalias, type Expr, type JoinType, type LogicalPlan } from '@quiver/planner';
import { planWithEstimatesToString } from '@quiver/optimizer';
import { collectBatches, MemoryPool, physicalPlanToString, type ExecutionPlan, type TaskContext } from '@quiver/exec';
import type { SessionContext } from './session/context.js';
import { renderTable } from './format/render.js';
import { Expression, SortExpression, col, type ExprArg } from './expr-helpers.js';
import { projectWithWindows } from './window-projection.js';

/** A column: its name (`'a'`, `'t.a'`) or an expression. */
export type ColumnArg = Expression | string;
/** A sort key: a `SortExpression` (`col('a').desc()`), or a column / expression sorted ascending, NULLs last. */
export type SortArg = SortExpression | ColumnArg;

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
    return this.ctx.createPhysicalPlan(this.optimizedPlan());
  }

  // ---- transformations (lazy) -----------------------------------------------------------------

  /**
   * Project columns or expressions: `select('a', col('b').mul(2).alias('b2'))`; `'*'` keeps all.
   * Window expressions (`rowNumber().over({ orderBy: ['t'] })`) are computed over this frame's rows.
   */
  select(...columns: ColumnArg[]): DataFrame {
    return this.derive((b) => projectWithWindows(b, columns.map((c) => (c === '*' ? { kind: 'wildcard', qualifier: null } : this.expr(c)))));
  }

  /** Keep the rows where `predicate` is true (NULL counts as false). */
  filter(predicate: Expression): DataFrame {
    return this.derive((b) => b.filter(this.expr(predicate)));
  }

  /**
   * Group by `groupBy` (none: one group over all rows) and compute `aggregates`, each an aggregate
   * call, optionally aliased: `aggregate(['k'], [sum(col('x')).alias('total'), count()])`.
   * The output is the group columns, then the aggregates.
   */
  aggregate(groupBy: readonly ColumnArg[], aggregates: readonly Expression[]): DataFrame {
    const aggrExprs = aggregates.map((a) => this.expr(a));
    for (const a of aggrExprs) {
      if (unalias(a).kind !== 'aggregate') {
        throw new QuiverError('PLAN', `aggregate() takes aggregate calls such as sum(col('x')), got ${exprToString(a)}; compute over aggregates with select() afterwards`);
      }
    }
    return this.derive((b) => b.aggregate(groupBy.map((g) => this.expr(g)), aggrExprs));
  }

  /**
   * Join with `right` on equal keys: `leftKeys[i] = rightKeys[i]` for every i, plus an optional
   * residual `filter` over both sides' columns. Semi and anti joins output only this side's columns.
   */
  join(right: DataFrame, joinType: JoinType, leftKeys: readonly ColumnArg[], rightKeys: readonly ColumnArg[], filter?: Expression): DataFrame {
    this.sameSession(right);
    if (leftKeys.length !== rightKeys.length) {
      throw new QuiverError('PLAN', `join needs as many left keys as right keys, got ${leftKeys.length} and ${rightKeys.length}`);
    }
    const on = leftKeys.map((l, i) => [this.expr(l), this.expr(rightKeys[i]!)] as const);
    return this.derive((b) => b.join(right.plan, joinType, on, filter ? this.expr(filter) : null));
  }

  /** Join with `right` where all `predicates` hold; equalities between the two sides become hash-join keys. */
  joinOn(right: DataFrame, joinType: JoinType, ...predicates: Expression[]): DataFrame {
    this.sameSession(right);
    const condition = predicates.map((p) => this.expr(p)).reduce<Expr | null>((a, p) => (a === null ? p : { kind: 'binary', op: 'AND', left: a, right: p }), null);
    return this.derive((b) => b.join(right.plan, joinType, [], condition));
  }

  /** Every pairing of this frame's rows with `right`'s. */
  crossJoin(right: DataFrame): DataFrame {
    this.sameSession(right);
    return this.derive((b) => b.crossJoin(right.plan));
  }

  /** Name this relation: its columns become `name.column`, as a table alias does in SQL (needed for self-joins). */
  alias(name: string): DataFrame {
    return this.derive((b) => b.alias(name));
  }

  /** Order rows by `keys`, the first key first. */
  sort(...keys: SortArg[]): DataFrame {
    return this.derive((b) => b.sort(keys.map((k) => (k instanceof SortExpression ? k : (typeof k === 'string' ? col(k) : k).asc()).toSortExpr(this.ctx.functions))));
  }

  /** At most `fetch` rows (all when null), after skipping `skip` rows. */
  limit(fetch: number | null, skip = 0): DataFrame {
    if ((fetch !== null && !(Number.isInteger(fetch) && fetch >= 0)) || !(Number.isInteger(skip) && skip >= 0)) {
      throw new QuiverError('PLAN', `limit() takes non-negative integers, got fetch=${fetch} skip=${skip}`);
    }
    return this.derive((b) => b.limit(skip, fetch));
  }

  /** UNION ALL: this frame's rows, then `others'` (same number of columns; types are unified). */
  union(...others: DataFrame[]): DataFrame {
    for (const o of others) this.sameSession(o);
    return this.derive((b) => b.union(...others.map((o) => o.plan)));
  }

  /** UNION: the distinct rows of this frame and `others`. */
  unionDistinct(...others: DataFrame[]): DataFrame {
    return this.union(...others).distinct();
  }

  /** The distinct rows. */
  distinct(): DataFrame {
    return this.derive((b) => b.distinct());
  }

  /** All columns plus `name` computed by `expr` (a window expression too); an existing column of that name is replaced in place. */
  withColumn(name: string, expr: Expression): DataFrame {
    const computed = alias(this.expr(expr), name);
    const fields = this.schema.fields;
    const exprs = fields.map((f) => (f.name === name ? computed : columnRef(f.name, f.qualifier)));
    if (!fields.some((f) => f.name === name)) exprs.push(computed);
    return this.derive((b) => projectWithWindows(b, exprs));
  }

  /** All columns, with `from` (`'a'` or `'t.a'`) renamed to `to`. */
  withColumnRenamed(from: string, to: string): DataFrame {
    const target = columnRef(from) as Extract<Expr, { kind: 'column' }>;
    const index = this.schema.resolve(target.name, target.qualifier);
    const exprs = this.schema.fields.map((f, i) => (i === index ? alias(columnRef(f.name, f.qualifier), to) : columnRef(f.name, f.qualifier)));
    return this.derive((b) => b.project(exprs));
  }

  // ---- actions (run the query) ---------------------------------------------------------------

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

  /** The result as an Arrow table (the same as `collect`). */
  toArrow(): Promise<arrow.Table> {
    return this.collect();
  }

  /** Run the query, yielding record batches as they are produced. */
  async *stream(): AsyncGenerator<arrow.RecordBatch> {
    yield* (await this.physicalPlan()).execute(this.taskContext());
  }

  /** The number of rows the query returns. */
  async count(): Promise<number> {
    let n = 0;
    for await (const b of this.stream()) n += b.numRows;
    return n;
  }

  /** Print the first rows as a text table. */
  async show(maxRows = 20): Promise<void> {
    console.log(renderTable(await this.limit(maxRows).collect(), maxRows));
  }

  /** Write the result to `path` in the named file format (by default the one its extension names). */
  async write(path: string, format?: string): Promise<void> {
    await this.ctx.formats.write(path, this.stream(), this.schema, format);
  }

  /** Write the result as one Parquet file (zstd-compressed). */
  writeParquet(path: string): Promise<void> {
    return this.write(path, 'parquet');
  }

  /** Write the result as CSV with a header line. */
  writeCsv(path: string): Promise<void> {
    return this.write(path, 'csv');
  }

  /** The logical, optimized and physical plans as text (and measured metrics when `analyze`). */
  async explain(analyze = false): Promise<string> {
    const table = await new DataFrame(this.ctx, LogicalPlanBuilder.from(this.plan).explain(analyze, false).build()).collect();
    const types = table.getChildAt(0)!;
    const plans = table.getChildAt(1)!;
    const out: string[] = [];
    for (let i = 0; i < table.numRows; i++) out.push(`${String(types.get(i))}:\n${String(plans.get(i))}`);
    return out.join('\n\n');
  }

  // ---- internals ------------------------------------------------------------------------------

  private derive(step: (b: LogicalPlanBuilder) => LogicalPlanBuilder): DataFrame {
    if (this.plan.kind === 'ddl' || this.plan.kind === 'explain') {
      throw new QuiverError('PLAN', `a ${this.plan.kind === 'ddl' ? 'DDL statement' : 'EXPLAIN'} has no rows to transform`);
    }
    return new DataFrame(this.ctx, step(LogicalPlanBuilder.from(this.plan)).build());
  }

  private expr(c: ColumnArg): Expr {
    return (typeof c === 'string' ? col(c) : c).toExpr(this.ctx.functions);
  }

  private sameSession(other: DataFrame): void {
    if (other.ctx !== this.ctx) throw new QuiverError('PLAN', 'cannot combine DataFrames of different sessions');
  }

  private taskContext(): TaskContext {
    return { config: this.ctx.config, memory: new MemoryPool(this.ctx.config.memoryLimit) };
  }

  private async explainTable(plan: Extract<LogicalPlan, { kind: 'explain' }>): Promise<arrow.Table> {
    const optimized = this.ctx.optimize(plan.plan);
    const physical = await this.ctx.createPhysicalPlan(optimized);
    const rows: Array<[string, string]> = [];
    if (plan.verbose) rows.push(['initial_logical_plan', planToString(plan.plan)]);
    rows.push(['logical_plan', planToString(optimized)]);
    rows.push(['logical_plan_estimates', planWithEstimatesToString(optimized)]);
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
