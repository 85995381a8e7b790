/**
 * `push-down-filter`: moves each conjunct of a filter as close to the data as semantics allow —
 * below projections (substituting the projected expressions), subquery aliases, sorts without a
 * fetch, DISTINCT, UNION ALL inputs, aggregates (only predicates on grouping columns), lateral table
 * functions (predicates on their input's columns), window nodes (only predicates on columns every
 * window expression partitions by), into the
 * inputs of inner joins and the preserved side of outer joins, and into `tableScan.filters` as the
 * table allows (`filterPushdownOf`): the filter stays above the scan unless the table answers `exact`,
 * and predicates it cannot use stay only above. Predicates over both sides of an inner or
 * cross join become join conditions: equalities become equi-join keys (a cross join with equi keys
 * becomes an inner join), the rest the join's residual filter. A join's own ON predicates over one
 * side move into that side when the join type allows it.
 * Volatile predicates, predicates holding subqueries and predicates reading no column never move.
 */
import {
  conjunction,
  filterPushdownOf,
  splitConjunction,
  transformPlanDown,
  unalias,
  withNewInputs,
  type Expr,
  type LogicalPlan,
  type PlanOf,
} from '@quiver/planner';
import {
  colRef,
  columnIndex,
  exprEquals,
  hasColumns,
  hasOuterColumn,
  isMovable,
  replaceColumns,
  type ColumnExpr,
} from '../expr-utils.js';
import { equiPair, onPushable, sideOf, wherePushable } from '../join-sides.js';
import type { OptimizerRule } from '../rule.js';

type Filter = PlanOf<'filter'>;

function makeFilter(input: LogicalPlan, conjuncts: readonly Expr[]): LogicalPlan {
  const predicate = conjunction(conjuncts);
  return predicate === null ? input : { kind: 'filter', input, predicate, schema: input.schema };
}

/** `e` with every column mapped by `fn`, or null when some column cannot be mapped. */
function rewriteColumns(e: Expr, fn: (c: ColumnExpr) => Expr | null): Expr | null {
  let ok = true;
  const out = replaceColumns(e, (c) => {
    const r = fn(c);
    if (r === null) ok = false;
    return r ?? c;
  });
  return ok ? out : null;
}

/**
 * Push the conjuncts `rewrite` accepts (rewritten for the child) into `child`; `rebuild` puts the
 * filtered child back under its parent. Returns `f` when nothing moves.
 */
function pushInto(
  f: Filter,
  child: LogicalPlan,
  rewrite: (e: Expr) => Expr | null,
  rebuild: (newChild: LogicalPlan) => LogicalPlan,
): LogicalPlan {
  const pushed: Expr[] = [];
  const kept: Expr[] = [];
  for (const c of splitConjunction(f.predicate)) {
    const r = isMovable(c) && hasColumns(c) ? rewrite(c) : null;
    if (r === null) kept.push(c);
    else pushed.push(r);
  }
  if (pushed.length === 0) return f;
  return makeFilter(rebuild(makeFilter(child, pushed)), kept);
}

function pushIntoScan(f: Filter, scan: PlanOf<'tableScan'>): LogicalPlan {
  const conjuncts = splitConjunction(f.predicate);
  const candidates = conjuncts.filter((c) => isMovable(c) && hasColumns(c) && !hasOuterColumn(c) && !scan.filters.some((s) => exprEquals(s, c)));
  if (candidates.length === 0) return f;
  const answers = filterPushdownOf(scan.source, candidates);
  const added = candidates.filter((_, i) => answers[i] !== 'unsupported');
  if (added.length === 0) return f;
  const exact = candidates.filter((_, i) => answers[i] === 'exact');
  return makeFilter({ ...scan, filters: [...scan.filters, ...added] }, conjuncts.filter((c) => !exact.includes(c)));
}

/** Filters above an inner/outer/semi/anti join or a cross join. */
function pushIntoJoin(f: Filter, join: PlanOf<'join'> | PlanOf<'crossJoin'>): LogicalPlan {
  const joinType = join.kind === 'join' ? join.joinType : 'inner';
  const ls = join.left.schema;
  const rs = join.right.schema;
  const toLeft: Expr[] = [];
  const toRight: Expr[] = [];
  const newOn: (readonly [Expr, Expr])[] = [];
  const toJoinFilter: Expr[] = [];
  const kept: Expr[] = [];
  for (const c of splitConjunction(f.predicate)) {
    const side = isMovable(c) && hasColumns(c) ? sideOf(c, ls, rs) : 'none';
    if ((side === 'left' || side === 'right') && wherePushable(joinType, side)) {
      (side === 'left' ? toLeft : toRight).push(c);
    } else if (side === 'both' && joinType === 'inner') {
      const pair = equiPair(c, ls, rs);
      if (pair) newOn.push(pair);
      else toJoinFilter.push(c);
    } else kept.push(c);
  }
  if (join.kind === 'crossJoin' && newOn.length === 0) {
    kept.push(...toJoinFilter);
    toJoinFilter.length = 0;
  }
  if (toLeft.length + toRight.length + newOn.length + toJoinFilter.length === 0) return f;
  const left = makeFilter(join.left, toLeft);
  const right = makeFilter(join.right, toRight);
  const newJoin: LogicalPlan =
    join.kind === 'crossJoin' && newOn.length === 0
      ? { ...join, left, right }
      : {
          kind: 'join',
          left,
          right,
          joinType,
          on: [...(join.kind === 'join' ? join.on : []), ...newOn],
          filter: conjunction([...(join.kind === 'join' && join.filter ? [join.filter] : []), ...toJoinFilter]),
          nullEqualsNull: join.kind === 'join' ? join.nullEqualsNull : false,
          schema: join.schema,
        };
  return makeFilter(newJoin, kept);
}

function pushFilter(f: Filter): LogicalPlan {
  const input = f.input;
  switch (input.kind) {
    case 'filter': {
      const outer = splitConjunction(f.predicate);
      if (!outer.every(isMovable)) return f;
      return pushFilter(makeFilter(input.input, [...splitConjunction(input.predicate), ...outer]) as Filter);
    }
    case 'projection':
      return pushInto(
        f,
        input.input,
        (e) =>
          rewriteColumns(e, (c) => {
            const i = columnIndex(input.schema, c);
            const def = i < 0 ? null : unalias(input.exprs[i]!);
            return def !== null && isMovable(def) ? def : null;
          }),
        (child) => ({ ...input, input: child }),
      );
    case 'subqueryAlias':
      return pushInto(
        f,
        input.input,
        (e) =>
          rewriteColumns(e, (c) => {
            const i = columnIndex(input.schema, c);
            if (i < 0) return null;
            const field = input.input.schema.field(i);
            return colRef(field.qualifier, field.name);
          }),
        (child) => ({ ...input, input: child }),
      );
    case 'aggregate':
      return pushInto(
        f,
        input.input,
        (e) =>
          rewriteColumns(e, (c) => {
            const i = columnIndex(input.schema, c);
            // With grouping sets, only a column every set groups by is the same above and below.
            const everySet = input.groupingSets?.every((set) => set.includes(i)) ?? true;
            return i >= 0 && i < input.groupExprs.length && everySet ? unalias(input.groupExprs[i]!) : null;
          }),
        (child) => ({ ...input, input: child }),
      );
    case 'sort':
      if (input.fetch !== null) return f;
      return pushInto(f, input.input, (e) => e, (child) => ({ ...input, input: child }));
    case 'distinct':
      return pushInto(f, input.input, (e) => e, (child) => ({ ...input, input: child }));
    case 'union': {
      const conjuncts = splitConjunction(f.predicate);
      if (!conjuncts.every((c) => isMovable(c) && hasColumns(c))) return f;
      const inputs: LogicalPlan[] = [];
      for (const branch of input.inputs) {
        const rewritten: Expr[] = [];
        for (const c of conjuncts) {
          const r = rewriteColumns(c, (col) => {
            const i = columnIndex(input.schema, col);
            if (i < 0) return null;
            const field = branch.schema.field(i);
            return colRef(field.qualifier, field.name);
          });
          if (r === null) return f;
          rewritten.push(r);
        }
        inputs.push(makeFilter(branch, rewritten));
      }
      return { ...input, inputs };
    }
    case 'lateralTableFunction':
      // Predicates on the input's columns only: the function's rows for a dropped input row are dropped too.
      return pushInto(
        f,
        input.input,
        (e) => (rewriteColumns(e, (c) => (columnIndex(input.input.schema, c) >= 0 ? c : null)) === null ? null : e),
        (child) => withNewInputs(input, [child]),
      );
    case 'window': {
      // Only predicates on columns every window partitions by: they keep or drop whole partitions.
      const keys = partitionColumns(input);
      return pushInto(
        f,
        input.input,
        (e) => rewriteColumns(e, (c) => (keys.has(columnIndex(input.input.schema, c)) ? c : null)),
        (child) => withNewInputs(input, [child]),
      );
    }
    case 'join':
    case 'crossJoin':
      return pushIntoJoin(f, input);
    case 'tableScan':
      return pushIntoScan(f, input);
    default:
      return f;
  }
}

/** The input columns (by index) that are plain PARTITION BY keys of every window expression of `w`. */
function partitionColumns(w: PlanOf<'window'>): Set<number> {
  let common: Set<number> | null = null;
  for (const e of w.windowExprs) {
    const x = unalias(e);
    const cols = new Set<number>(x.kind === 'window' ? x.partitionBy.map((p) => (p.kind === 'column' ? columnIndex(w.input.schema, p) : -1)) : []);
    common = common === null ? cols : new Set([...common].filter((i: number) => cols.has(i)));
  }
  common?.delete(-1);
  return common ?? new Set();
}

/** Move a join's own ON predicates: equalities become keys, one-sided ones go into their input. */
function pushJoinCondition(join: PlanOf<'join'>): LogicalPlan {
  if (join.filter === null) return join;
  const ls = join.left.schema;
  const rs = join.right.schema;
  const toLeft: Expr[] = [];
  const toRight: Expr[] = [];
  const newOn: (readonly [Expr, Expr])[] = [];
  const kept: Expr[] = [];
  for (const c of splitConjunction(join.filter)) {
    const side = isMovable(c) && hasColumns(c) ? sideOf(c, ls, rs) : 'none';
    const pair = side === 'both' ? equiPair(c, ls, rs) : null;
    if (pair) newOn.push(pair);
    else if ((side === 'left' || side === 'right') && onPushable(join.joinType, side)) (side === 'left' ? toLeft : toRight).push(c);
    else kept.push(c);
  }
  if (kept.length === splitConjunction(join.filter).length) return join;
  return {
    ...join,
    left: makeFilter(join.left, toLeft),
    right: makeFilter(join.right, toRight),
    on: [...join.on, ...newOn],
    filter: conjunction(kept),
  };
}

export class PushDownFilter implements OptimizerRule {
  readonly name = 'push-down-filter';

  rewrite(plan: LogicalPlan): LogicalPlan {
    return transformPlanDown(plan, (node) => {
      if (node.kind === 'filter') return pushFilter(node);
      if (node.kind === 'join') return pushJoinCondition(node);
      return node;
    });
  }
}
