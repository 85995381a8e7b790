/**
 * The physical planner: turns an optimized logical plan into a tree of operators. It binds
 * expressions to column indices, picks the hash-join build side from estimated sizes (the smaller
 * input builds), turns ORDER BY … LIMIT into a top-k, plans a sub-plan the query repeats (an
 * aggregate) once for all its occurrences, and evaluates uncorrelated subqueries that the optimizer
 * left in expressions once, before the query runs.
 * A GROUP BY over UNION ALL runs in two phases (`two-phase-aggregate.ts`).
 */
import { DataTypes, QuiverError, Schema, typesEqual, type SessionConfig } from '@quiver/common';
import {
  cast,
  exprAny,
  exprField,
  exprName,
  exprType,
  planExprs,
  visitPlan,
  transformExprUp,
  unalias,
  type Expr,
  type LogicalPlan,
  type PlanOf,
} from '@quiver/planner';
import type { ExecutionPlan, TaskContext } from './execution-plan.js';
import { MemoryPool } from './memory.js';
import { createPhysicalExpr } from './expressions/create.js';
import { ColumnExpr } from './expressions/column.js';
import { scalarAt } from './kernels/scalar.js';
import { CardinalityEstimator } from '@quiver/optimizer';
import type { PhysicalJoinType } from './operators/join-type.js';
import { FilterExec } from './operators/filter-exec.js';
import { ProjectionExec } from './operators/projection-exec.js';
import { HashAggregateExec, type AggregateCall } from './operators/hash-aggregate-exec.js';
import { GroupingSetsAggregateExec } from './operators/grouping-sets-aggregate-exec.js';
import { HashJoinExec } from './operators/hash-join-exec.js';
import { NestedLoopJoinExec } from './operators/nested-loop-join-exec.js';
import { SortExec } from './operators/sort-exec.js';
import { WindowExec, type WindowCall } from './operators/window-exec.js';
import { TopKExec } from './operators/top-k-exec.js';
import { LimitExec } from './operators/limit-exec.js';
import { UnionExec } from './operators/union-exec.js';
import { LateralTableFunctionExec } from './operators/lateral-table-function-exec.js';
import { partialAggregateBranches, twoPhaseAggregate } from './two-phase-aggregate.js';
import { EmptyExec, ValuesExec } from './operators/values-exec.js';
import type { PhysicalSortKey } from './operators/sort-key.js';
import type { TableProvider } from './sources/table-provider.js';
import type { PhysicalExpr } from './physical-expr.js';
import { extractApplied, SubqueryApplyExec, type RunPlan } from './operators/subquery-apply-exec.js';
import type { PhysicalPlannerOptions } from './extension-planner.js';
import { SharedSubplanExec } from './operators/shared-subplan-exec.js';
import { repeatedSubplans, sharedSubplanKey } from './shared-subplans.js';

/** Run a plan to completion and return its batches. */
export async function collectBatches(plan: ExecutionPlan, ctx: TaskContext) {
  const out = [];
  for await (const batch of plan.execute(ctx)) out.push(batch);
  return out;
}

/**
 * Build the operator tree for `plan`; uncorrelated subqueries in expressions are run here, once.
 * User-defined nodes go to `options.extensionPlanners`; `options.physicalOptimizerRules` then
 * rewrite the tree in order.
 */
export async function createPhysicalPlan(plan: LogicalPlan, config: SessionConfig, options: PhysicalPlannerOptions = {}): Promise<ExecutionPlan> {
  let physical = await new PhysicalPlanner(config, options, repeatedSubplans(plan)).plan(plan);
  for (const rule of options.physicalOptimizerRules ?? []) physical = rule.optimize(physical, config);
  return physical;
}

class PhysicalPlanner {
  /** Row estimates of the logical plan, for choosing hash-join build sides. */
  private readonly estimator = new CardinalityEstimator();

  /** The one operator of each sub-plan that occurs more than once, by `sharedSubplanKey`. */
  private readonly shared = new Map<string, Promise<ExecutionPlan>>();

  constructor(
    private readonly config: SessionConfig,
    private readonly options: PhysicalPlannerOptions,
    /** How often each repeated sub-plan occurs (`repeatedSubplans`). */
    private readonly repeated: ReadonlyMap<string, number> = new Map(),
  ) {}

  /**
   * The operator for `plan`, labelled with the estimated rows of `plan` (for EXPLAIN ANALYZE); a
   * sub-plan the query repeats is planned once, as a `SharedSubplanExec` each occurrence reads.
   */
  async plan(plan: LogicalPlan): Promise<ExecutionPlan> {
    const key = this.repeated.size > 0 ? sharedSubplanKey(plan) : null;
    const consumers = key === null ? undefined : this.repeated.get(key);
    if (consumers === undefined) return this.planUnshared(plan);
    let exec = this.shared.get(key!);
    if (exec === undefined) {
      exec = this.planUnshared(plan).then((input) => {
        const sharedExec = new SharedSubplanExec(input, consumers);
        sharedExec.metrics.estimatedRows = input.metrics.estimatedRows;
        return sharedExec;
      });
      this.shared.set(key!, exec);
    }
    return exec;
  }

  private async planUnshared(plan: LogicalPlan): Promise<ExecutionPlan> {
    const exec = await this.planNode(plan);
    exec.metrics.estimatedRows ??= this.estimator.estimate(plan).rows;
    return exec;
  }

  private async planNode(plan: LogicalPlan): Promise<ExecutionPlan> {
    switch (plan.kind) {
      case 'tableScan':
        return (plan.source as TableProvider).scan(plan.projection, plan.filters, plan.fetch);
      case 'projection': {
        const { input, schema, exprs } = await this.applySubqueries(plan.input, plan.exprs);
        return new ProjectionExec(input, await this.exprs(exprs, schema), plan.schema.fields.map((f) => f.name));
      }
      case 'filter': {
        const { input, schema, exprs } = await this.applySubqueries(plan.input, [plan.predicate]);
        const filter = new FilterExec(input, (await this.exprs(exprs, schema))[0]!);
        if (schema === plan.input.schema) return filter;
        const keep = plan.schema.fields.map((f, i) => new ColumnExpr(f.name, i, f.type) as PhysicalExpr);
        return new ProjectionExec(filter, keep, plan.schema.fields.map((f) => f.name));
      }
      case 'aggregate':
        return this.aggregate(plan);
      case 'window':
        return this.window(plan);
      case 'sort': {
        const input = await this.plan(plan.input);
        const keys: PhysicalSortKey[] = [];
        for (const s of plan.exprs) {
          const [expr] = await this.exprs([s.expr], plan.input.schema);
          keys.push({ expr: expr!, asc: s.asc, nullsFirst: s.nullsFirst });
        }
        return plan.fetch === null ? new SortExec(input, keys) : new TopKExec(input, keys, plan.fetch);
      }
      case 'limit':
        return new LimitExec(await this.plan(plan.input), plan.skip, plan.fetch);
      case 'join':
        return this.join(plan);
      case 'crossJoin':
        return new NestedLoopJoinExec(await this.plan(plan.left), await this.plan(plan.right), 'inner', null);
      case 'lateralTableFunction':
        return new LateralTableFunctionExec(await this.plan(plan.input), plan.func, await this.exprs(plan.args, plan.input.schema), plan.outer, plan.schema);
      case 'subqueryAlias':
        return this.plan(plan.input);
      case 'values': {
        const empty = Schema.empty();
        const rows = [];
        for (const row of plan.rows) {
          rows.push(await this.exprs(row.map((e, i) => castIfNeeded(e, empty, plan.schema.field(i).type)), empty));
        }
        return new ValuesExec(plan.schema, rows);
      }
      case 'union': {
        const inputs = [];
        for (const input of plan.inputs) inputs.push(await this.conform(input, plan.schema));
        return new UnionExec(inputs);
      }
      case 'distinct': {
        const input = await this.plan(plan.input);
        const groups = plan.schema.fields.map((f, i) => ({ expr: new ColumnExpr(f.name, i, f.type) as ColumnExpr, name: f.name }));
        return new HashAggregateExec(input, groups, []);
      }
      case 'emptyRelation':
        return new EmptyExec(plan.schema, plan.produceOneRow);
      case 'extension':
        return this.extension(plan);
      case 'explain':
      case 'ddl':
        throw new QuiverError('INTERNAL', `${plan.kind} statements are executed by the session, not by operators`);
    }
  }

  private async extension(plan: PlanOf<'extension'>): Promise<ExecutionPlan> {
    const inputs = [];
    for (const input of plan.node.inputs) inputs.push(await this.plan(input));
    for (const planner of this.options.extensionPlanners ?? []) {
      const exec = await planner.planExtension(plan.node, inputs, this.config);
      if (exec) return exec;
    }
    throw new QuiverError('PLAN', `no extension planner handles the user-defined node '${plan.node.name}'; register one with registerExtensionPlanner`);
  }

  /**
   * `input`'s operator; when `exprs` hold subqueries that cannot run once up front (correlated,
   * EXISTS, IN), a `SubqueryApplyExec` appends their per-row answers as columns that `exprs` then read.
   */
  private async applySubqueries(input: LogicalPlan, exprs: readonly Expr[]): Promise<{ input: ExecutionPlan; schema: Schema; exprs: readonly Expr[] }> {
    const exec = await this.plan(input);
    const extracted = extractApplied(exprs, input.schema);
    if (extracted === null) return { input: exec, schema: input.schema, exprs };
    const subqueries = [];
    for (const expr of extracted.subqueries) {
      const needle = expr.kind === 'inSubquery' ? (await this.exprs([expr.expr], input.schema))[0]! : null;
      subqueries.push({ expr, needle });
    }
    const run: RunPlan = async (plan, ctx) => collectBatches(await this.plan(plan), ctx);
    const apply = new SubqueryApplyExec(exec, input.schema, subqueries, extracted.names, run);
    const schema = new Schema([...input.schema.fields, ...apply.schema.fields.slice(input.schema.length)]);
    return { input: apply, schema, exprs: extracted.exprs };
  }

  /** `input`'s operator, with casts added where its column types differ from `schema`'s (UNION inputs). */
  private async conform(input: LogicalPlan, schema: Schema): Promise<ExecutionPlan> {
    const exec = await this.plan(input);
    const needsCast = input.schema.fields.some((f, i) => !typesEqual(f.type, schema.field(i).type));
    if (!needsCast) return exec;
    const exprs = input.schema.fields.map((f, i) => castIfNeeded({ kind: 'column', qualifier: f.qualifier, name: f.name }, input.schema, schema.field(i).type));
    return new ProjectionExec(exec, await this.exprs(exprs, input.schema), schema.fields.map((f) => f.name));
  }

  private async aggregate(plan: PlanOf<'aggregate'>): Promise<ExecutionPlan> {
    const branches = partialAggregateBranches(plan);
    const input = branches === null ? await this.plan(plan.input) : null;
    const inSchema = plan.input.schema;
    const groups = [];
    for (const g of plan.groupExprs) {
      const [expr] = await this.exprs([g], inSchema);
      groups.push({ expr: expr!, name: exprField(g, inSchema).name });
    }
    const aggregates: AggregateCall[] = [];
    for (const a of plan.aggrExprs) {
      const agg = unalias(a);
      if (agg.kind !== 'aggregate') throw new QuiverError('INTERNAL', `aggregate expression expected, got ${exprName(a)}`);
      aggregates.push({
        func: agg.func,
        // ORDER BY keys inside the call are evaluated as extra arguments after the real ones.
        args: await this.exprs([...agg.args, ...(agg.orderBy ?? []).map((s) => s.expr)], inSchema),
        ordering: (agg.orderBy ?? []).map((s) => ({ asc: s.asc, nullsFirst: s.nullsFirst })),
        distinct: agg.distinct,
        filter: agg.filter ? (await this.exprs([agg.filter], inSchema))[0]! : null,
        returnType: exprType(agg, inSchema),
        name: exprField(a, inSchema).name,
      });
    }
    if (plan.groupingSets) return new GroupingSetsAggregateExec(input!, groups, plan.groupingSets, aggregates);
    if (branches === null) return new HashAggregateExec(input!, groups, aggregates);
    const conformed = [];
    for (const branch of branches) conformed.push(await this.conform(branch, plan.input.schema));
    return twoPhaseAggregate(conformed, groups, aggregates);
  }

  private async window(plan: PlanOf<'window'>): Promise<ExecutionPlan> {
    const input = await this.plan(plan.input);
    const inSchema = plan.input.schema;
    const calls: WindowCall[] = [];
    for (const e of plan.windowExprs) {
      const w = unalias(e);
      if (w.kind !== 'window') throw new QuiverError('INTERNAL', `window expression expected, got ${exprName(e)}`);
      const orderBy: PhysicalSortKey[] = [];
      for (const s of w.orderBy) orderBy.push({ expr: (await this.exprs([s.expr], inSchema))[0]!, asc: s.asc, nullsFirst: s.nullsFirst });
      const offsets = [w.frame.start, w.frame.end].some((b) => b.kind === 'preceding' || b.kind === 'following');
      const rangeKey = w.frame.units === 'range' && offsets ? (await this.exprs([castIfNeeded(w.orderBy[0]!.expr, inSchema, DataTypes.float64)], inSchema))[0]! : null;
      calls.push({
        func: w.func,
        args: await this.exprs(w.args, inSchema),
        partitionBy: await this.exprs(w.partitionBy, inSchema),
        orderBy,
        frame: w.frame,
        rangeKey,
        distinct: w.distinct,
        filter: w.filter ? (await this.exprs([w.filter], inSchema))[0]! : null,
        returnType: exprType(w, inSchema),
        name: exprField(e, inSchema).name,
      });
    }
    return new WindowExec(input, calls, plan.schema);
  }

  /**
   * Hash join with the smaller estimated input as the build (left) side. When the inputs are
   * swapped, semi/anti/leftMark become rightSemi/rightAnti/rightMark, outer joins mirror, and a projection restores
   * the logical column order.
   */
  private async join(plan: PlanOf<'join'>): Promise<ExecutionPlan> {
    const left = await this.plan(plan.left);
    const right = await this.plan(plan.right);
    const bothSchema = plan.left.schema.concat(plan.right.schema);
    if (plan.on.length === 0) {
      const filter = plan.filter ? (await this.exprs([plan.filter], bothSchema))[0]! : null;
      return new NestedLoopJoinExec(left, right, plan.joinType, filter);
    }
    const swap = this.estimator.estimate(plan.right).rows < this.estimator.estimate(plan.left).rows;
    const [build, probe] = swap ? [plan.right, plan.left] : [plan.left, plan.right];
    const [buildExec, probeExec] = swap ? [right, left] : [left, right];
    const on: Array<readonly [ReturnType<typeof createPhysicalExpr>, ReturnType<typeof createPhysicalExpr>]> = [];
    for (const [l, r] of plan.on) {
      const [b, p] = swap ? [r, l] : [l, r];
      on.push([(await this.exprs([b], build.schema))[0]!, (await this.exprs([p], probe.schema))[0]!]);
    }
    const filterSchema = build.schema.concat(probe.schema);
    const filter = plan.filter ? (await this.exprs([plan.filter], filterSchema))[0]! : null;
    const joinType = swap ? SWAPPED[plan.joinType] : plan.joinType;
    const join = new HashJoinExec(buildExec, probeExec, on, joinType, filter, plan.nullEqualsNull);
    join.metrics.estimatedRows = this.estimator.estimate(plan).rows;
    if (!swap || joinType === 'rightSemi' || joinType === 'rightAnti' || joinType === 'rightMark') return join;
    // Restore left-then-right column order.
    const nb = build.schema.length;
    const np = probe.schema.length;
    const fields = join.schema.fields;
    const order = [...Array.from({ length: np }, (_, i) => nb + i), ...Array.from({ length: nb }, (_, i) => i)];
    const exprs = order.map((i) => new ColumnExpr(fields[i]!.name, i, fields[i]!.type));
    return new ProjectionExec(join, exprs, order.map((i) => fields[i]!.name));
  }

  /** Physical expressions for `exprs` over `schema`, with uncorrelated subqueries replaced by their value. */
  private async exprs(exprs: readonly Expr[], schema: Schema) {
    const out = [];
    for (const e of exprs) out.push(createPhysicalExpr(await this.inlineSubqueries(e), schema));
    return out;
  }

  private async inlineSubqueries(e: Expr): Promise<Expr> {
    if (!exprAny(e, (x) => x.kind === 'scalarSubquery' || x.kind === 'exists' || x.kind === 'inSubquery')) return e;
    const values = new Map<Expr, Expr>();
    const pending: Expr[] = [];
    transformExprUp(e, (x) => {
      if (x.kind === 'scalarSubquery' || x.kind === 'exists' || x.kind === 'inSubquery') pending.push(x);
      return x;
    });
    for (const sub of pending) values.set(sub, await this.subqueryValue(sub));
    return transformExprUp(e, (x) => values.get(x) ?? x);
  }

  private async subqueryValue(sub: Expr): Promise<Expr> {
    if (sub.kind !== 'scalarSubquery') {
      throw new QuiverError('NOT_IMPLEMENTED', `${exprName(sub)} could not be turned into a join; this subquery form is not supported yet`);
    }
    if (planHasOuterColumns(sub.plan)) {
      throw new QuiverError('NOT_IMPLEMENTED', 'this correlated scalar subquery could not be decorrelated into a join');
    }
    const exec = await this.plan(sub.plan);
    const batches = await collectBatches(exec, { config: this.config, memory: new MemoryPool(this.config.memoryLimit) });
    const rows = batches.reduce((n, b) => n + b.numRows, 0);
    if (rows > 1) throw new QuiverError('EXECUTION', `a scalar subquery returned ${rows} rows; it must return at most one`);
    const type = sub.plan.schema.field(0).type;
    const first = batches.find((b) => b.numRows > 0);
    const value = first ? scalarAt(first.data.children[0]!, 0, type) : { type, value: null };
    return { kind: 'literal', value };
  }
}

const SWAPPED: Record<PlanOf<'join'>['joinType'], PhysicalJoinType> = {
  inner: 'inner',
  left: 'right',
  right: 'left',
  full: 'full',
  semi: 'rightSemi',
  anti: 'rightAnti',
  leftMark: 'rightMark',
};

function castIfNeeded(e: Expr, schema: Schema, type: Parameters<typeof cast>[1]): Expr {
  return typesEqual(exprType(e, schema), type) ? e : cast(e, type);
}

function planHasOuterColumns(plan: LogicalPlan): boolean {
  let found = false;
  visitPlan(plan, (p) => {
    if (planExprs(p).some((e) => exprAny(e, (x) => x.kind === 'outerColumn'))) found = true;
  });
  return found;
}
