/**
 * Table functions with arguments from the FROM items before them: `FROM t, LATERAL f(t.x)`,
 * `t CROSS JOIN LATERAL f(t.x)`, `t JOIN LATERAL f(t.x) AS w ON …` and `t LEFT JOIN LATERAL f(t.x) ON
 * true` become a `lateralTableFunction` node over the preceding items. As in PostgreSQL, a function
 * call in FROM is lateral even without the keyword when an argument reads a preceding column; a
 * call whose arguments are all constants is left to the ordinary (scanned) table-function path; one
 * with computed arguments that read no column runs through its LATERAL form over one empty row.
 */
import { Field, QuiverError, Schema, typesEqual, type ScalarValue } from '@quiver/common';
import { cast, exprAny, exprType, lateralSchema, LogicalPlanBuilder, type Expr, type LogicalPlan, type TableFunction } from '@quiver/planner';
import { array, asIdent, field, locationOf, objectNameParts, unsupported, variant, withLocation, type Node } from './ast.js';
import type { PlannerContext } from './context.js';
import { planExpr } from './expr-planner.js';
import type { FromItem } from './from-planner.js';
import { normalizeIdent, Scope } from './scope.js';

/** How the lateral item is joined to the items before it. */
export type LateralJoin =
  | { readonly kind: 'cross' }
  | { readonly kind: 'inner' | 'left'; readonly on: Node }
  /** A join a lateral function cannot take part in: an error if the joined item is one. */
  | { readonly kind: 'unsupported'; readonly what: string; readonly at: Node };

/**
 * The name and argument expressions of a table-function call node: `Function`, `Table` with args,
 * or `UNNEST` (the parser's own node for `unnest(…)` in FROM); null for other FROM items.
 */
export function tableFunctionArgNodes(rel: Node): { name: string; at: Node; args: readonly Node[] } | null {
  const [tag, p] = variant(rel);
  if (tag === 'Function') return argExprs(functionName(p), array(field(p, 'args')));
  if (tag === 'Table' && field(p, 'args') !== undefined) return argExprs(functionName(p), array(field(field(p, 'args'), 'args')));
  if (tag === 'UNNEST') {
    if (field(p, 'with_offset') === true || field(p, 'with_ordinality') === true) throw unsupported('unnest(…) WITH OFFSET/ORDINALITY', rel);
    return { name: 'unnest', at: rel, args: array(field(p, 'array_exprs')) };
  }
  return null;
}

function functionName(p: Node): { name: string; at: Node } {
  const parts = objectNameParts(field(p, 'name'));
  return { name: parts.map(normalizeIdent).join('.'), at: parts[0] };
}

/** The expressions of function argument nodes (named and wildcard arguments are not supported). */
function argExprs(call: { name: string; at: Node }, argNodes: readonly Node[]): { name: string; at: Node; args: readonly Node[] } {
  const args = argNodes.map((a) => {
    const [tag, arg] = variant(a);
    const [kind, e] = tag === 'Unnamed' ? variant(arg) : [tag, arg];
    if (kind !== 'Expr') throw unsupported(`argument ${kind} of table function ${call.name}`, a);
    return e;
  });
  return { ...call, args };
}

/**
 * `left` joined with the table function `rel` applied to each of its rows, or null when `rel` is not
 * a table-function call with a column argument (the caller then plans it as an ordinary FROM item).
 */
export function planLateral(left: FromItem, rel: Node, join: LateralJoin, ctx: PlannerContext, outer: Scope | null): LogicalPlan | null {
  return planCall(left, rel, join, ctx, outer, (args) => args.some((e) => exprAny(e, (x) => x.kind === 'column')));
}

/**
 * A table function whose arguments are computed but read no column (`FROM unnest([1, 2])`,
 * `generate_series(1, 1 + 1)`), applied to one empty row through its LATERAL form; null when the
 * arguments are all constants or the function has no LATERAL form (the ordinary path takes those).
 */
export function planComputedTableFunction(rel: Node, ctx: PlannerContext): LogicalPlan | null {
  const oneRow: FromItem = { plan: LogicalPlanBuilder.empty(true).build(), using: new Map() };
  return planCall(oneRow, rel, { kind: 'cross' }, ctx, null, (args, fn) => fn.lateral !== undefined && args.some((e) => constantValue(e) === null));
}

/** The value of a literal or a negated numeric literal, else null. */
export function constantValue(e: Expr): ScalarValue | null {
  if (e.kind === 'literal') return e.value;
  if (e.kind !== 'unary' || e.op !== '-') return null;
  const inner = constantValue(e.expr);
  const v = inner?.value;
  if (typeof v === 'number') return { ...inner!, value: -v };
  if (typeof v === 'bigint') return { ...inner!, value: -v };
  return null;
}

/** The lateral node for the call `rel` over `left`, when `applies` to its planned arguments (else null). */
function planCall(
  left: FromItem,
  rel: Node,
  join: LateralJoin,
  ctx: PlannerContext,
  outer: Scope | null,
  applies: (args: readonly Expr[], fn: TableFunction) => boolean,
): LogicalPlan | null {
  const call = tableFunctionArgNodes(rel);
  if (call === null) return null;
  const scope = new Scope(left.plan.schema, outer, left.using);
  const env = { ctx, scope, noAggregates: `the arguments of table function ${call.name}` };
  const fn = ctx.functions.tableFunction?.(call.name);
  if (!fn) return null; // the ordinary path reports the unknown name
  const args = call.args.map((e) => planExpr(e, env));
  if (!applies(args, fn)) return null;
  if (join.kind === 'unsupported') throw unsupported(join.what, join.at);
  const lateral = fn.lateral;
  if (!lateral) {
    const location = locationOf(call.at);
    throw new QuiverError('NOT_IMPLEMENTED', `table function ${call.name} takes only constant arguments (it has no batch form for LATERAL use)`, location ? { location } : undefined);
  }
  const argTypes = args.map((e) => exprType(e, left.plan.schema));
  const params = withLocation(locationOf(call.at), () => lateral.coerceArgs(argTypes));
  const coerced = args.map((e, i) => (typesEqual(argTypes[i]!, params[i]!) ? e : cast(e, params[i]!)));
  const functionSchema = outputSchema(lateral.outputFields(params), field(variant(rel)[1], 'alias'), call.name);
  const clash = functionSchema.fields[0]?.qualifier;
  if (left.plan.schema.fields.some((f) => f.qualifier === clash)) {
    const location = locationOf(rel);
    throw new QuiverError('PLAN', `table name '${clash}' is used more than once in FROM; give one an alias`, location ? { location } : undefined);
  }
  const isOuter = join.kind === 'left';
  const plan: LogicalPlan = {
    kind: 'lateralTableFunction',
    input: left.plan,
    func: fn,
    args: coerced,
    outer: isOuter,
    functionSchema,
    schema: lateralSchema(left.plan.schema, functionSchema, isOuter),
  };
  if (join.kind === 'cross') return plan;
  const predicate = planExpr(join.on, { ctx, scope: new Scope(plan.schema, outer, left.using), noAggregates: 'JOIN conditions' });
  if (join.kind === 'inner') return LogicalPlanBuilder.from(plan).filter(predicate).build();
  if (predicate.kind === 'literal' && predicate.value.value === true) return plan;
  throw unsupported('LEFT JOIN LATERAL with an ON condition other than true', join.on);
}

/** The function's columns, renamed and qualified by `AS alias(c1, …)` (else by the function's name). */
function outputSchema(fields: readonly Field[], aliasNode: Node, name: string): Schema {
  const qualifier = aliasNode === undefined ? name : normalizeIdent(asIdent(field(aliasNode, 'name')));
  const columns = array(field(aliasNode, 'columns')).map((c) => normalizeIdent(asIdent(field(c, 'name'))));
  if (columns.length > fields.length) {
    const location = locationOf(aliasNode);
    throw new QuiverError('PLAN', `'${qualifier}' has ${fields.length} columns but ${columns.length} column names were given`, location ? { location } : undefined);
  }
  return new Schema(fields.map((f, i) => new Field(columns[i] ?? f.name, f.type, f.nullable, qualifier)));
}
