/**
 * Table functions with arguments from the FROM items before them: `FROM t, LATERAL f(t.x)`,
 * `t CROSS JOIN LATERAL f(t.x)`, `t JOIN LATERAL f(t.x) AS w ON …` and `t LEFT JOIN LATERAL f(t.x) ON
 * true` become a `lateralTableFunction` node over the preceding items. As in PostgreSQL, a function
 * call in FROM is lateral even without the keyword when an argument reads a preceding column; a
 * call whose arguments are all constants is left to the ordinary (scanned) table-function path.
 */
import { Field, QuiverError, Schema, typesEqual } from '@quiver/common';
import { cast, exprAny, exprType, lateralSchema, LogicalPlanBuilder, type LogicalPlan } from '@quiver/planner';
import { array, asIdent, field, locationOf, objectNameParts, unsupported, variant, type Node } from './ast.js';
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

/** The argument expressions of a table-function call node (`Function` or `Table` with args). */
export function tableFunctionArgNodes(rel: Node): { name: string; at: Node; args: readonly Node[] } | null {
  const [tag, p] = variant(rel);
  if (tag === 'Function') return { ...functionName(p), args: array(field(p, 'args')) };
  if (tag === 'Table' && field(p, 'args') !== undefined) return { ...functionName(p), args: array(field(field(p, 'args'), 'args')) };
  return null;
}

function functionName(p: Node): { name: string; at: Node } {
  const parts = objectNameParts(field(p, 'name'));
  return { name: parts.map(normalizeIdent).join('.'), at: parts[0] };
}

/** A function argument node's expression (named and wildcard arguments are not supported). */
export function argExpr(a: Node, fn: string): Node {
  const [tag, arg] = variant(a);
  const [kind, e] = tag === 'Unnamed' ? variant(arg) : [tag, arg];
  if (kind !== 'Expr') throw unsupported(`argument ${kind} of table function ${fn}`, a);
  return e;
}

/**
 * `left` joined with the table function `rel` applied to each of its rows, or null when `rel` is not
 * a table-function call with a column argument (the caller then plans it as an ordinary FROM item).
 */
export function planLateral(left: FromItem, rel: Node, join: LateralJoin, ctx: PlannerContext, outer: Scope | null): LogicalPlan | null {
  const call = tableFunctionArgNodes(rel);
  if (call === null) return null;
  const scope = new Scope(left.plan.schema, outer, left.using);
  const env = { ctx, scope, noAggregates: `the arguments of table function ${call.name}` };
  const args = call.args.map((a) => planExpr(argExpr(a, call.name), env));
  if (!args.some((e) => exprAny(e, (x) => x.kind === 'column'))) return null;
  const fn = ctx.functions.tableFunction?.(call.name);
  if (!fn) return null; // the ordinary path reports the unknown name
  if (join.kind === 'unsupported') throw unsupported(join.what, join.at);
  const lateral = fn.lateral;
  if (!lateral) {
    const location = locationOf(call.at);
    throw new QuiverError('NOT_IMPLEMENTED', `table function ${call.name} takes only constant arguments (it has no batch form for LATERAL use)`, location ? { location } : undefined);
  }
  const argTypes = args.map((e) => exprType(e, left.plan.schema));
  const params = lateral.coerceArgs(argTypes);
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
