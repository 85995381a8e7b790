/**
 * The arguments of an aggregate call, from the SQL forms that order its rows:
 * - `f(args ORDER BY keys)`: the keys are kept (as the call's `orderBy`) for an order-sensitive
 *   aggregate (STRING_AGG, ARRAY_AGG) and dropped for the others, whose result does not depend on order;
 *   with DISTINCT, every key must be one of the arguments.
 * - ordered-set (percentile) calls: `f(p) WITHIN GROUP (ORDER BY x [DESC])`, and `f(p ORDER BY x)`
 *   whose first argument is a constant, pass the ordered value first, as `f(x, p)` (DataFusion's
 *   `quantile_cont(x, p)` form, which may also carry `ORDER BY x`); DESC asks for the complementary
 *   fraction, so the percentile becomes 1 − p.
 * - `f(x) IGNORE NULLS` aggregates only the rows where x is not NULL (as a FILTER).
 * Arguments the aggregate requires to be constant (`constantArgs`) are checked; a percentile must be
 * a number in [0, 1].
 */
import { QuiverError } from '@quiver/common';
import { exprToString, lit, type AggregateFunction, type Expr, type SortExpr } from '@quiver/planner';
import { array, field, locationOf, unsupported, variant, type Node } from './ast.js';
import type { ExprEnv } from './expr-planner.js';
import type { PlanArg } from './function-call.js';

export interface AggregateArgs {
  readonly args: Expr[];
  readonly orderBy: SortExpr[];
  /** FILTER (WHERE …), with `x IS NOT NULL` added for `f(x) IGNORE NULLS`. */
  readonly filter: Expr | null;
}

interface OrderNode {
  readonly expr: Node;
  readonly asc: boolean;
  readonly nullsFirst: boolean;
}

/** The ORDER BY items of a WITHIN GROUP list or an `ORDER BY` clause (PostgreSQL's default NULL placement). */
function orderNodes(items: readonly Node[]): OrderNode[] {
  return items.map((item) => {
    const options = field(item, 'options');
    const asc = field(options, 'asc') !== false;
    const nulls = field(options, 'nulls_first');
    return { expr: field(item, 'expr'), asc, nullsFirst: typeof nulls === 'boolean' ? nulls : !asc };
  });
}

/** `call` is the Function node, `list` its argument list; `outer` is the environment of the call. */
export function planAggregateArgs(agg: AggregateFunction, name: string, argNodes: readonly Node[], distinct: boolean, call: Node, list: Node, outer: ExprEnv, planExpr: PlanArg): AggregateArgs {
  const env: ExprEnv = { ...outer, noAggregates: 'the arguments of an aggregate function' };
  const withinGroup = orderNodes(array(field(call, 'within_group')));
  let orderItems: OrderNode[] = [];
  for (const clause of array(field(list, 'clauses'))) {
    const [tag, items] = variant(clause);
    if (tag !== 'OrderBy') throw unsupported(`${tag.toUpperCase()} inside ${name}(…)`, clause);
    orderItems = orderNodes(array(items));
  }
  let args = argNodes.map((a) => planExpr(a, env));
  const keys = [...withinGroup, ...orderItems];
  // An ordered-set (percentile) aggregate: not order-sensitive, with a constant percentile argument.
  const orderedSet = !agg.orderSensitive && (agg.constantArgs ?? []).length > 0 && keys.length > 0;
  const valueFromKey = orderedSet && (withinGroup.length > 0 || (args.length > 0 && constantValue(args[0]!) !== undefined));
  let orderBy: SortExpr[] = [];
  if (orderedSet) {
    if (keys.length !== 1) throw new QuiverError('PLAN', `${name}(…) WITHIN GROUP takes exactly one ORDER BY expression`, locOpt(call));
    const key = keys[0]!;
    if (valueFromKey) args = [planExpr(key.expr, env), ...args];
    if (!key.asc) args = complementPercentile(agg, name, args, call);
  } else if (keys.length > 0 && agg.orderSensitive) {
    orderBy = keys.map((k) => ({ expr: planExpr(k.expr, env), asc: k.asc, nullsFirst: k.nullsFirst }));
    if (distinct) {
      const argTexts = new Set(args.map(exprToString));
      if (!orderBy.every((k) => argTexts.has(exprToString(k.expr)))) {
        throw new QuiverError('PLAN', `in ${name}(DISTINCT …), the ORDER BY expressions must appear in the argument list`, locOpt(call));
      }
    }
  }
  for (const i of agg.constantArgs ?? []) {
    const arg = args[i];
    if (arg !== undefined && constantValue(arg) === undefined) throw new QuiverError('PLAN', `argument ${i + 1} of ${name}(…) must be a constant`, locOpt(argNodes[i - (valueFromKey ? 1 : 0)] ?? call));
  }
  const filterNode = field(call, 'filter');
  let filter = filterNode === undefined ? null : planExpr(filterNode, { ...outer, noAggregates: 'FILTER' });
  if (field(call, 'null_treatment') === 'IgnoreNulls' && args.length > 0) {
    const present: Expr = { kind: 'unary', op: 'IS NOT NULL', expr: args[0]! };
    filter = filter === null ? present : { kind: 'binary', op: 'AND', left: filter, right: present };
  }
  return { args, orderBy, filter };
}

/** `args` with the percentile (the first constant argument) replaced by 1 − p. */
function complementPercentile(agg: AggregateFunction, name: string, args: Expr[], call: Node): Expr[] {
  const at = agg.constantArgs?.[0];
  const p = at === undefined ? undefined : constantValue(args[at]!);
  if (at === undefined || typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new QuiverError('PLAN', `${name}(…) WITHIN GROUP (ORDER BY … DESC) needs a constant percentile between 0.0 and 1.0`, locOpt(call));
  }
  return args.map((a, i) => (i === at ? lit(1 - p) : a));
}

/**
 * The value of a constant argument (a literal, possibly negated or cast): a number for numeric
 * literals (decimals scaled), the raw value otherwise, null for NULL; undefined when not constant.
 */
function constantValue(e: Expr): unknown {
  if (e.kind === 'cast') return constantValue(e.expr);
  if (e.kind === 'unary' && e.op === '-') {
    const v = constantValue(e.expr);
    return typeof v === 'number' ? -v : undefined;
  }
  if (e.kind !== 'literal') return undefined;
  const { type, value } = e.value;
  if (value === null) return null;
  if (type.kind === 'Decimal128') return Number(value as bigint) / 10 ** type.scale;
  if (typeof value === 'bigint') return Number(value);
  return value;
}

function locOpt(at: Node) {
  const location = locationOf(at);
  return location ? { location } : undefined;
}
