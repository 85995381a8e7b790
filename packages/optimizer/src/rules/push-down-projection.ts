/**
 * `push-down-projection` (column pruning): walks the plan top-down carrying the set of output
 * columns the parent needs, and drops everything else — unused projected expressions and aggregate
 * expressions, and table columns (`tableScan.projection`). It passes through filters, sorts, limits,
 * joins, subquery aliases, lateral table functions and window nodes (into their input) and UNION ALL (whose inputs get
 * a projection of the needed columns);
 * DISTINCT needs all its columns. Parents reference columns by name, so a child may keep extra
 * columns; the plan's own output never changes. A node left needing no column keeps one, so row
 * counts survive (e.g. under `count(*)`).
 */
import {
  planExprs,
  rebuildPlan,
  withNewInputs,
  type Expr,
  type LogicalPlan,
  type PlanOf,
} from '@quiver/planner';
import type { Schema } from '@quiver/common';
import { colRef, referencedColumns } from '../expr-utils.js';
import type { OptimizerRule } from '../rule.js';

type Needed = Set<number>;

function all(schema: Schema): Needed {
  return new Set(schema.fields.map((_, i) => i));
}

/** Add to `into` the indices in `schema` of the columns `exprs` read; an ambiguous reference needs all. */
function addColumns(into: Needed, schema: Schema, exprs: readonly Expr[]): Needed {
  for (const e of exprs) {
    for (const c of referencedColumns(e)) {
      let i: number;
      try {
        i = schema.indexOf(c.name, c.qualifier);
      } catch {
        for (let k = 0; k < schema.length; k++) into.add(k);
        continue;
      }
      if (i >= 0) into.add(i);
    }
  }
  return into;
}

function sorted(needed: Needed): number[] {
  return [...needed].sort((a, b) => a - b);
}

function pruneProjection(plan: PlanOf<'projection'>, needed: Needed): LogicalPlan {
  let keep = sorted(needed);
  if (keep.length === 0 && plan.exprs.length > 0) keep = [0];
  const exprs = keep.length === plan.exprs.length ? plan.exprs : keep.map((i) => plan.exprs[i]!);
  const input = prune(plan.input, addColumns(new Set(), plan.input.schema, exprs));
  if (exprs === plan.exprs) return withNewInputs(plan, [input]);
  return rebuildPlan(plan, [input], exprs);
}

function pruneAggregate(plan: PlanOf<'aggregate'>, needed: Needed): LogicalPlan {
  const groups = plan.groupExprs.length;
  let aggrs = plan.aggrExprs.filter((_, j) => needed.has(groups + j));
  if (aggrs.length === 0 && groups === 0 && plan.aggrExprs.length > 0) aggrs = [plan.aggrExprs[0]!];
  const kept = aggrs.length === plan.aggrExprs.length ? plan.aggrExprs : aggrs;
  const input = prune(plan.input, addColumns(new Set(), plan.input.schema, [...plan.groupExprs, ...kept]));
  if (kept === plan.aggrExprs) return withNewInputs(plan, [input]);
  return rebuildPlan(plan, [input], [...plan.groupExprs, ...kept]);
}

function pruneScan(plan: PlanOf<'tableScan'>, needed: Needed): LogicalPlan {
  const wanted = addColumns(new Set(needed), plan.schema, plan.filters);
  let keep = sorted(wanted);
  if (keep.length === 0 && plan.schema.length > 0) keep = [0];
  if (keep.length === plan.schema.length) return plan;
  const projection = keep.map((i) => (plan.projection === null ? i : plan.projection[i]!));
  const schema = plan.source.schema.withQualifier(plan.tableName).project(projection);
  return { ...plan, projection, schema };
}

function pruneJoin(plan: PlanOf<'join'> | PlanOf<'crossJoin'>, needed: Needed): LogicalPlan {
  const n = plan.left.schema.length;
  const left: Needed = new Set();
  const right: Needed = new Set();
  for (const i of needed) {
    if (i < n) left.add(i);
    else if (plan.kind === 'crossJoin' || plan.joinType !== 'leftMark') right.add(i - n); // a leftMark's mark is its own
  }
  if (plan.kind === 'join') {
    addColumns(left, plan.left.schema, plan.on.map(([l]) => l));
    addColumns(right, plan.right.schema, plan.on.map(([, r]) => r));
    if (plan.filter) {
      addColumns(left, plan.left.schema, [plan.filter]);
      addColumns(right, plan.right.schema, [plan.filter]);
    }
  }
  return withNewInputs(plan, [prune(plan.left, left), prune(plan.right, right)]);
}

function pruneUnion(plan: PlanOf<'union'>, needed: Needed): LogicalPlan {
  if (needed.size === plan.schema.length) return withNewInputs(plan, plan.inputs.map((p) => prune(p, all(p.schema))));
  let keep = sorted(needed);
  if (keep.length === 0) keep = [0];
  const inputs = plan.inputs.map((branch) => {
    const exprs = keep.map((i) => colRef(branch.schema.field(i).qualifier, branch.schema.field(i).name));
    const projection = rebuildPlan({ kind: 'projection', input: branch, exprs: [], schema: branch.schema }, [branch], exprs);
    return prune(projection, all(projection.schema));
  });
  return withNewInputs(plan, inputs);
}

/** The input keeps the columns read above and those the arguments read; the function's columns all stay. */
function pruneLateral(plan: PlanOf<'lateralTableFunction'>, needed: Needed): LogicalPlan {
  const n = plan.input.schema.length;
  const input = addColumns(new Set([...needed].filter((i) => i < n)), plan.input.schema, plan.args);
  return withNewInputs(plan, [prune(plan.input, input)]);
}

/**
 * A Window node keeps the window expressions read above; its input keeps the columns read above
 * and those the kept expressions read (arguments, PARTITION BY, ORDER BY). Without any, the node goes.
 */
function pruneWindow(plan: PlanOf<'window'>, needed: Needed): LogicalPlan {
  const n = plan.input.schema.length;
  const kept = plan.windowExprs.filter((_, j) => needed.has(n + j));
  const input = prune(plan.input, addColumns(new Set([...needed].filter((i) => i < n)), plan.input.schema, kept));
  if (kept.length === 0) return input;
  if (kept.length === plan.windowExprs.length) return withNewInputs(plan, [input]);
  return rebuildPlan(plan, [input], kept);
}

/** `plan` with the columns not in `needed` (indices into its output) pruned wherever possible. */
function prune(plan: LogicalPlan, needed: Needed): LogicalPlan {
  switch (plan.kind) {
    case 'projection':
      return pruneProjection(plan, needed);
    case 'aggregate':
      return pruneAggregate(plan, needed);
    case 'tableScan':
      return pruneScan(plan, needed);
    case 'filter':
    case 'sort':
      return withNewInputs(plan, [prune(plan.input, addColumns(new Set(needed), plan.input.schema, planExprs(plan)))]);
    case 'limit':
    case 'subqueryAlias':
      return withNewInputs(plan, [prune(plan.input, needed)]);
    case 'distinct':
      return withNewInputs(plan, [prune(plan.input, all(plan.input.schema))]);
    case 'join':
    case 'crossJoin':
      return pruneJoin(plan, needed);
    case 'union':
      return pruneUnion(plan, needed);
    case 'lateralTableFunction':
      return pruneLateral(plan, needed);
    case 'window':
      return pruneWindow(plan, needed);
    case 'explain':
      return withNewInputs(plan, [prune(plan.plan, all(plan.plan.schema))]);
    case 'extension':
      return withNewInputs(plan, plan.node.inputs.map((p) => prune(p, all(p.schema))));
    case 'values':
    case 'emptyRelation':
    case 'ddl':
      return plan;
  }
}

export class PushDownProjection implements OptimizerRule {
  readonly name = 'push-down-projection';

  rewrite(plan: LogicalPlan): LogicalPlan {
    return prune(plan, all(plan.schema));
  }
}
