/**
 * SubqueryApplyExec: the fallback for subqueries the optimizer could not turn into joins (correlated
 * below an aggregate or a limit, a correlated count, subqueries outside filters and projections, …),
 * and for uncorrelated EXISTS/IN that are not WHERE conjuncts, answered once. For each input row it binds the
 * outer columns the subquery reads to that row's values, runs the subquery and appends its answer as
 * a column: the scalar value, whether EXISTS found a row, or IN's three-valued result. Answers are
 * memoized per distinct outer values, so an uncorrelated subquery runs once. Row-at-a-time by
 * nature: correct for any subquery, fast only for small outer inputs.
 */
import type * as arrow from 'apache-arrow';
import { Field, QuiverError, Schema, toArrowType, type DataType, type ScalarValue } from '@quiver/common';
import { exprAny, mapPlanExprs, transformExprUp, transformPlanUp, visitPlan, planExprs, visitExpr, type Expr, type LogicalPlan } from '@quiver/planner';
import type { ExecutionPlan, TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { broadcastScalar, scalarAt } from '../kernels/scalar.js';
import { concatData } from '../selection/concat.js';
import { columnsOf, makeBatch } from '../selection/record-batch.js';
import { ExecBase } from './exec-base.js';

export type ApplySubquery = Extract<Expr, { kind: 'scalarSubquery' | 'exists' | 'inSubquery' }>;

/** One subquery to apply: its expression, and for IN the needle evaluated over the input. */
export interface AppliedSubquery {
  readonly expr: ApplySubquery;
  readonly needle: PhysicalExpr | null;
}

/** Runs a (bound, uncorrelated) logical plan to its batches. */
export type RunPlan = (plan: LogicalPlan, ctx: TaskContext) => Promise<arrow.RecordBatch[]>;

/** The type of the column a subquery expression contributes. */
export function appliedType(e: ApplySubquery): DataType {
  return e.kind === 'scalarSubquery' ? e.plan.schema.field(0).type : { kind: 'Boolean' };
}

/** The outer columns (of `input`) that `plan` reads, anywhere inside it, as indices into `input`. */
function outerColumnsRead(plan: LogicalPlan, input: Schema): number[] {
  const found = new Set<number>();
  const visit = (p: LogicalPlan) =>
    visitPlan(p, (node) => {
      for (const e of planExprs(node)) {
        visitExpr(e, (x) => {
          if (x.kind === 'outerColumn') {
            const i = indexIn(input, x);
            if (i >= 0) found.add(i);
          } else if (x.kind === 'scalarSubquery' || x.kind === 'exists' || x.kind === 'inSubquery') visit(x.plan);
        });
      }
    });
  visit(plan);
  return [...found].sort((a, b) => a - b);
}

function indexIn(schema: Schema, c: { qualifier: string | null; name: string }): number {
  try {
    return schema.indexOf(c.name, c.qualifier);
  } catch {
    return -1;
  }
}

/** `plan` with the outer columns found in `input` replaced by the literal values of one row. */
function bindOuter(plan: LogicalPlan, input: Schema, row: ReadonlyMap<number, ScalarValue>): LogicalPlan {
  const bindExpr = (e: Expr): Expr =>
    transformExprUp(e, (x) => {
      if (x.kind === 'outerColumn') {
        const value = row.get(indexIn(input, x));
        return value === undefined ? x : { kind: 'literal', value: { type: x.type, value: value.value } };
      }
      if (x.kind === 'scalarSubquery' || x.kind === 'exists' || x.kind === 'inSubquery') return { ...x, plan: bindOuter(x.plan, input, row) };
      return x;
    });
  return transformPlanUp(plan, (node) => mapPlanExprs(node, bindExpr));
}

/** A value for IN comparisons across numeric types (decimals as numbers). */
function comparable(s: ScalarValue): unknown {
  if (s.type.kind === 'Decimal128') return Number(s.value as bigint) / 10 ** s.type.scale;
  return typeof s.value === 'bigint' ? Number(s.value) : s.value;
}

function readsOuter(plan: LogicalPlan): boolean {
  let found = false;
  visitPlan(plan, (node) => {
    for (const e of planExprs(node)) {
      visitExpr(e, (x) => {
        if (x.kind === 'outerColumn') found = true;
        else if (x.kind === 'scalarSubquery' || x.kind === 'exists' || x.kind === 'inSubquery') found ||= readsOuter(x.plan);
      });
    }
  });
  return found;
}

/** Whether `e` is a subquery the physical planner cannot run once up front: EXISTS, IN, or a correlated scalar subquery. */
function needsApply(e: Expr): e is ApplySubquery {
  return e.kind === 'exists' || e.kind === 'inSubquery' || (e.kind === 'scalarSubquery' && readsOuter(e.plan));
}

export interface ExtractedSubqueries {
  /** `exprs` with each applied subquery replaced by a reference to its column. */
  readonly exprs: Expr[];
  readonly subqueries: ApplySubquery[];
  readonly names: string[];
}

/** Take out of `exprs` the subqueries that need `SubqueryApplyExec`; null when there are none. */
export function extractApplied(exprs: readonly Expr[], input: Schema): ExtractedSubqueries | null {
  if (!exprs.some((e) => exprAny(e, (x) => x.kind === 'exists' || x.kind === 'inSubquery' || x.kind === 'scalarSubquery'))) return null;
  const subqueries: ApplySubquery[] = [];
  const names: string[] = [];
  const rewritten = exprs.map((e) =>
    transformExprUp(e, (x) => {
      if (!needsApply(x)) return x;
      let name = `__subquery_${subqueries.length + 1}`;
      while (indexIn(input, { qualifier: null, name }) >= 0) name = `_${name}`;
      subqueries.push(x);
      names.push(name);
      return { kind: 'column', qualifier: null, name };
    }),
  );
  return subqueries.length === 0 ? null : { exprs: rewritten, subqueries, names };
}

export class SubqueryApplyExec extends ExecBase {
  readonly name = 'SubqueryApplyExec';

  /** Output: `input`'s columns, then one column per subquery named `names[i]`. */
  constructor(
    readonly input: ExecutionPlan,
    /** The logical schema of `input` (with qualifiers), which outer references are resolved against. */
    readonly inputSchema: Schema,
    readonly subqueries: readonly AppliedSubquery[],
    readonly names: readonly string[],
    private readonly runPlan: RunPlan,
  ) {
    super(new Schema([...input.schema.fields, ...subqueries.map((s, i) => new Field(names[i]!, appliedType(s.expr), true))]), [input]);
  }

  describe(): string {
    return `SubqueryApplyExec: subqueries=${this.subqueries.length}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const reads = this.subqueries.map((s) => outerColumnsRead(s.expr.plan, this.inputSchema));
    const memo = this.subqueries.map(() => new Map<string, ScalarValue[]>());
    for await (const batch of this.pull(this.input, ctx)) {
      const columns = columnsOf(batch);
      const added = [];
      for (let s = 0; s < this.subqueries.length; s++) {
        const sub = this.subqueries[s]!;
        const type = appliedType(sub.expr);
        const needle = sub.needle ? sub.needle.evaluate(batch) : null;
        const cells: arrow.Data[] = [];
        for (let r = 0; r < batch.numRows; r++) {
          const row = new Map<number, ScalarValue>();
          for (const c of reads[s]!) row.set(c, scalarAt(columns[c]!, r, this.inputSchema.field(c).type));
          const key = JSON.stringify([...row.values()].map((v) => (typeof v.value === 'bigint' ? `${v.value}n` : v.value)));
          let values = memo[s]!.get(key);
          if (values === undefined) {
            values = await this.subqueryValues(sub.expr, bindOuter(sub.expr.plan, this.inputSchema, row), ctx);
            memo[s]!.set(key, values);
          }
          const answer = this.answer(sub.expr, values, needle === null ? null : scalarAt(needle, r, sub.needle!.type));
          cells.push(broadcastScalar({ type, value: answer }, 1));
        }
        added.push(cells.length === 0 ? broadcastScalar({ type, value: null }, 0) : concatData(toArrowType(type), cells));
      }
      yield makeBatch(this.arrowSchema, [...columns, ...added], batch.numRows);
    }
  }

  /** The first column of the subquery's rows (EXISTS needs at most one row). */
  private async subqueryValues(e: ApplySubquery, plan: LogicalPlan, ctx: TaskContext): Promise<ScalarValue[]> {
    const out: ScalarValue[] = [];
    const type = plan.schema.length > 0 ? plan.schema.field(0).type : null;
    for (const b of await this.runPlan(plan, ctx)) {
      for (let i = 0; i < b.numRows; i++) out.push(type === null ? { type: { kind: 'Null' }, value: null } : scalarAt(columnsOf(b)[0]!, i, type));
      if (e.kind === 'exists' && out.length > 0) break;
    }
    if (e.kind === 'scalarSubquery' && out.length > 1) throw new QuiverError('EXECUTION', `a scalar subquery returned ${out.length} rows; it must return at most one`);
    return out;
  }

  private answer(e: ApplySubquery, values: readonly ScalarValue[], needle: ScalarValue | null): ScalarValue['value'] {
    switch (e.kind) {
      case 'scalarSubquery':
        return values[0]?.value ?? null;
      case 'exists':
        return (values.length > 0) !== e.negated;
      case 'inSubquery': {
        if (values.length === 0) return e.negated;
        if (needle === null || needle.value === null) return null;
        const x = comparable(needle);
        let sawNull = false;
        for (const v of values) {
          if (v.value === null) sawNull = true;
          else if (comparable(v) === x) return !e.negated;
        }
        return sawNull ? null : e.negated;
      }
    }
  }
}
