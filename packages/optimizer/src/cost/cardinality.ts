/**
 * Cardinality and cost estimation through every logical operator, bottom-up from the tables'
 * statistics: filters by predicate selectivity, equi-joins by the distinct counts of their keys
 * (|L|·|R| / max(NDV_L, NDV_R)), aggregates by the distinct counts of their group keys. The cost of
 * a node is the rows handled by it and everything below it; hash joins charge their build side double.
 */

import type { Schema } from '@quiver/common';
import { conjunction, planInputs, splitConjunction, statValue, unalias, type Expr, type LogicalPlan, type PlanOf, type TableStatistics } from '@quiver/planner';
import { exprEquals } from '../expr-utils.js';
import { columnOf, filteredColumns, selectivity, DEFAULT_SELECTIVITY } from './selectivity.js';
import { capColumn, scalarToNumber, UNKNOWN, type ColumnEstimate, type RelationEstimate } from './relation-estimate.js';

/** Rows assumed for a table whose source reports no row count. */
export const UNKNOWN_TABLE_ROWS = 1000;
/** Building a hash table costs this many times probing it, per row. */
const BUILD_COST_FACTOR = 2;
/** Share of rows assumed to survive an anti join at least (its keys are rarely all matched). */
const MIN_ANTI_SELECTIVITY = 0.1;

/** Join output size from input sizes and the distinct counts of each key pair (null: unknown, taken as a key). */
export function equiJoinRows(leftRows: number, rightRows: number, keys: readonly (readonly [number | null, number | null])[]): number {
  const [l, r] = keyDistinct(leftRows, rightRows, keys);
  return (leftRows * rightRows) / Math.max(l, r, 1);
}

/**
 * Distinct key combinations on each side: the product of the keys' distinct counts (independence),
 * capped by the side's rows.
 */
function keyDistinct(leftRows: number, rightRows: number, keys: readonly (readonly [number | null, number | null])[]): [number, number] {
  let l = 1;
  let r = 1;
  for (const [a, b] of keys) {
    l *= a ?? leftRows;
    r *= b ?? rightRows;
  }
  return [Math.max(1, Math.min(l, leftRows)), Math.max(1, Math.min(r, rightRows))];
}

/** Hash join cost over inputs already produced: build the smaller side, probe with the larger, emit the output. */
export function hashJoinCost(leftRows: number, rightRows: number, outRows: number): number {
  return BUILD_COST_FACTOR * Math.min(leftRows, rightRows) + Math.max(leftRows, rightRows) + outRows;
}

/** Estimates of the table columns `read` (only those: a source may compute a column's statistics when first read). */
function tableColumns(stats: TableStatistics | undefined, read: readonly number[], rows: number): ColumnEstimate[] {
  return read.map((i) => {
    const c = stats?.columns[i];
    if (!c) return UNKNOWN;
    const nulls = statValue(c.nullCount);
    const min = statValue(c.min);
    const max = statValue(c.max);
    return capColumn(
      {
        ndv: statValue(c.distinctCount),
        nullFraction: nulls === null || rows === 0 ? 0 : nulls / rows,
        min: min === null ? null : scalarToNumber(min),
        max: max === null ? null : scalarToNumber(max),
      },
      rows,
    );
  });
}

/** Estimates plans bottom-up, remembering each node's estimate (plans are immutable). */
export class CardinalityEstimator {
  private readonly memo = new WeakMap<LogicalPlan, RelationEstimate>();

  estimate(plan: LogicalPlan): RelationEstimate {
    let e = this.memo.get(plan);
    if (!e) {
      e = this.compute(plan);
      this.memo.set(plan, e);
    }
    return e;
  }

  private compute(plan: LogicalPlan): RelationEstimate {
    switch (plan.kind) {
      case 'tableScan':
        return this.scan(plan);
      case 'filter': {
        const input = this.estimate(plan.input);
        // Conjuncts also pushed into the scan below were already counted there.
        const scanFilters = plan.input.kind === 'tableScan' ? plan.input.filters : [];
        const pending = conjunction(splitConjunction(plan.predicate).filter((c) => !scanFilters.some((f) => exprEquals(f, c))));
        if (pending === null) return { ...input, cost: input.cost + input.rows };
        const sel = selectivity(pending, plan.input.schema, input);
        const rows = atLeastOneRow(input.rows, input.rows * sel);
        const columns = filteredColumns(pending, plan.input.schema, input, sel).map((c) => capColumn(c, rows));
        return { rows, columns, cost: input.cost + input.rows };
      }
      case 'projection': {
        const input = this.estimate(plan.input);
        const columns = plan.exprs.map((e) => {
          const inner = unalias(e);
          if (inner.kind === 'literal') return { ...UNKNOWN, ndv: 1 };
          const i = columnOf(inner, plan.input.schema);
          return i >= 0 ? input.columns[i]! : UNKNOWN;
        });
        return { rows: input.rows, columns, cost: input.cost };
      }
      case 'aggregate':
        return this.aggregate(plan);
      case 'distinct': {
        const input = this.estimate(plan.input);
        const rows = groupCount(input.rows, input.columns.map((c) => c.ndv));
        return { rows, columns: input.columns.map((c) => capColumn(c, rows)), cost: input.cost + input.rows };
      }
      case 'sort': {
        const input = this.estimate(plan.input);
        const rows = plan.fetch === null ? input.rows : Math.min(input.rows, plan.fetch);
        return { rows, columns: input.columns, cost: input.cost + input.rows * Math.log2(Math.max(2, plan.fetch ?? input.rows)) };
      }
      case 'limit': {
        const input = this.estimate(plan.input);
        const rows = plan.fetch === null ? Math.max(0, input.rows - plan.skip) : Math.min(Math.max(0, input.rows - plan.skip), plan.fetch);
        return { rows, columns: input.columns.map((c) => capColumn(c, rows)), cost: input.cost };
      }
      case 'subqueryAlias':
        return this.estimate(plan.input);
      case 'window': {
        const input = this.estimate(plan.input);
        const columns = [...input.columns, ...plan.windowExprs.map(() => UNKNOWN)];
        return { rows: input.rows, columns, cost: input.cost + input.rows * Math.log2(Math.max(2, input.rows)) };
      }
      case 'join':
        return this.join(plan);
      case 'crossJoin': {
        const l = this.estimate(plan.left);
        const r = this.estimate(plan.right);
        const rows = l.rows * r.rows;
        return { rows, columns: [...l.columns, ...r.columns], cost: l.cost + r.cost + rows };
      }
      case 'union': {
        const inputs = plan.inputs.map((p) => this.estimate(p));
        const rows = inputs.reduce((n, e) => n + e.rows, 0);
        return { rows, columns: plan.schema.fields.map(() => UNKNOWN), cost: inputs.reduce((n, e) => n + e.cost, 0) + rows };
      }
      case 'values':
        return { rows: plan.rows.length, columns: plan.schema.fields.map(() => UNKNOWN), cost: plan.rows.length };
      case 'emptyRelation': {
        const rows = plan.produceOneRow ? 1 : 0;
        return { rows, columns: plan.schema.fields.map(() => UNKNOWN), cost: 0 };
      }
      default: {
        // Statements and user-defined operators: as many rows as their largest input.
        const inputs = planInputs(plan).map((p) => this.estimate(p));
        const rows = inputs.length === 0 ? 1 : Math.max(...inputs.map((e) => e.rows));
        return { rows, columns: plan.schema.fields.map(() => UNKNOWN), cost: inputs.reduce((n, e) => n + e.cost, 0) + rows };
      }
    }
  }

  private scan(plan: PlanOf<'tableScan'>): RelationEstimate {
    const stats = plan.source.statistics?.();
    const tableRows = (stats && statValue(stats.rowCount)) ?? UNKNOWN_TABLE_ROWS;
    const columns = tableColumns(stats, plan.projection ?? plan.source.schema.fields.map((_, i) => i), tableRows);
    let estimate: RelationEstimate = { rows: tableRows, columns, cost: tableRows };
    for (const f of plan.filters) {
      const sel = selectivity(f, plan.schema, estimate);
      const rows = atLeastOneRow(estimate.rows, estimate.rows * sel);
      estimate = { rows, columns: filteredColumns(f, plan.schema, estimate, sel).map((c) => capColumn(c, rows)), cost: tableRows };
    }
    if (plan.fetch !== null && plan.fetch < estimate.rows) estimate = { ...estimate, rows: plan.fetch };
    return estimate;
  }

  private aggregate(plan: PlanOf<'aggregate'>): RelationEstimate {
    const input = this.estimate(plan.input);
    const keys = plan.groupExprs.map((g) => {
      const i = columnOf(g, plan.input.schema);
      return i >= 0 ? input.columns[i]! : UNKNOWN;
    });
    const sets = plan.groupingSets ?? [keys.map((_, i) => i)];
    const rows = sets.reduce((n, set) => n + (set.length === 0 ? 1 : groupCount(input.rows, set.map((i) => keys[i]!.ndv))), 0);
    const gid = plan.groupingSets ? [{ ...UNKNOWN, ndv: sets.length }] : [];
    const columns = [...keys.map((k) => capColumn(k, rows)), ...plan.aggrExprs.map((a) => aggregateColumn(a, plan.input.schema, input, rows)), ...gid];
    return { rows, columns, cost: input.cost + input.rows + rows };
  }

  private join(plan: PlanOf<'join'>): RelationEstimate {
    const l = this.estimate(plan.left);
    const r = this.estimate(plan.right);
    const keys = plan.on.map(([a, b]) => {
      const i = columnOf(a, plan.left.schema);
      const j = columnOf(b, plan.right.schema);
      return [i >= 0 ? l.columns[i]!.ndv : null, j >= 0 ? r.columns[j]!.ndv : null] as const;
    });
    const both: RelationEstimate = { rows: l.rows * r.rows, columns: [...l.columns, ...r.columns], cost: 0 };
    const filterSel = plan.filter ? selectivity(plan.filter, plan.left.schema.concat(plan.right.schema), both) : 1;
    const inner = atLeastOneRow(Math.min(l.rows, r.rows), (plan.on.length > 0 ? equiJoinRows(l.rows, r.rows, keys) : l.rows * r.rows) * filterSel);
    const cost = l.cost + r.cost + (plan.on.length > 0 ? hashJoinCost(l.rows, r.rows, inner) : l.rows * r.rows);
    if (plan.joinType === 'leftMark') return { rows: l.rows, columns: [...l.columns, { ...UNKNOWN, ndv: 2 }], cost };
    if (plan.joinType === 'semi' || plan.joinType === 'anti') {
      const [ld, rd] = keyDistinct(l.rows, r.rows, keys);
      const matched = Math.min(1, (rd / ld) * filterSel);
      const sel = plan.joinType === 'semi' ? matched : Math.max(MIN_ANTI_SELECTIVITY, 1 - matched);
      const rows = l.rows * sel;
      return { rows, columns: l.columns.map((c) => capColumn(c, rows)), cost };
    }
    const rows =
      plan.joinType === 'inner' ? inner
      : plan.joinType === 'left' ? Math.max(inner, l.rows)
      : plan.joinType === 'right' ? Math.max(inner, r.rows)
      : Math.max(inner, l.rows + r.rows);
    const columns = [...l.columns, ...r.columns].map((c) => capColumn(c, rows));
    if (plan.joinType === 'inner') {
      // Joined keys keep only the values both sides have.
      plan.on.forEach(([a, b]) => {
        const i = columnOf(a, plan.left.schema);
        const j = columnOf(b, plan.right.schema);
        if (i < 0 || j < 0) return;
        const ndv = Math.min(columns[i]!.ndv ?? Infinity, columns[l.columns.length + j]!.ndv ?? Infinity);
        if (ndv === Infinity) return;
        columns[i] = { ...columns[i]!, ndv };
        columns[l.columns.length + j] = { ...columns[l.columns.length + j]!, ndv };
      });
    }
    return { rows, columns, cost };
  }
}

/**
 * The value range of an aggregate's result over `groups` groups of `input`: min, max and avg stay
 * within their argument's range; a sum is taken as that of an average-sized group (so HAVING
 * `sum(x) > c` is estimated from the argument's range and the rows per group).
 */
function aggregateColumn(e: Expr, inputSchema: Schema, input: RelationEstimate, groups: number): ColumnEstimate {
  const a = unalias(e);
  const unknown = { ...UNKNOWN, ndv: groups };
  if (a.kind !== 'aggregate' || a.args.length !== 1 || a.filter !== null) return unknown;
  const i = columnOf(a.args[0]!, inputSchema);
  const arg = i >= 0 ? input.columns[i]! : UNKNOWN;
  if (arg.min === null || arg.max === null) return unknown;
  const name = a.func.name.toLowerCase();
  if (name === 'min' || name === 'max' || name === 'avg') return { ...unknown, min: arg.min, max: arg.max };
  if (name !== 'sum' || a.distinct) return unknown;
  const perGroup = Math.max(1, input.rows / Math.max(groups, 1));
  return { ...unknown, min: Math.min(arg.min, arg.min * perGroup), max: Math.max(arg.max, arg.max * perGroup) };
}

/** Estimates are not taken below one row unless the input is empty: a predicate rarely removes everything. */
function atLeastOneRow(inputRows: number, rows: number): number {
  return Math.max(rows, Math.min(1, inputRows));
}

/** Groups formed by keys with these distinct counts (unknown: a tenth of the rows), at most one per row. */
function groupCount(rows: number, ndvs: readonly (number | null)[]): number {
  let groups = 1;
  for (const n of ndvs) groups *= n ?? Math.max(1, rows * DEFAULT_SELECTIVITY.like);
  return Math.max(Math.min(rows, groups), rows > 0 ? 1 : 0);
}

/** Estimated output rows of `plan` (a fresh estimator; use `CardinalityEstimator` to share work). */
export function estimateRows(plan: LogicalPlan): number {
  return new CardinalityEstimator().estimate(plan).rows;
}

