/**
 * Function calls: aggregates (with DISTINCT, FILTER, ORDER BY and WITHIN GROUP, see `aggregate-call.ts`;
 * `count(*)` takes no arguments), window
 * calls (`… OVER`, see `window-planner.ts`) and scalar functions, looked up only through the `FunctionProvider`. `EXTRACT(f FROM x)` and
 * `SUBSTRING(x FROM a FOR b)` become the scalar functions `date_part('f', x)` and `substring(x, a, b)`;
 * `FLOOR(x)`, `CEIL(x)`, `POSITION(a IN b)` and `OVERLAY(x PLACING r FROM s [FOR n])` become the functions of those names;
 * `NULLIF(a, b)` becomes a CASE typed by `a`, COALESCE drops the arguments after a constant, and
 * NVL/IFNULL(a, b) are COALESCE(a, b), and `arrow_cast(x, 'Utf8')` a CAST to the named Arrow type's equivalent.
 */
import { DataTypes, didYouMean, QuiverError, type DataType, type TimeUnit } from '@quiver/common';
import { cast, lit, type Expr, type ScalarFunction } from '@quiver/planner';
import { array, field, isObject, locationOf, objectNameParts, unsupported, variant, type Node } from './ast.js';
import type { ExprEnv } from './expr-planner.js';
import { normalizeIdent } from './scope.js';
import { planAggregateArgs } from './aggregate-call.js';
import { planWindowCall } from './window-planner.js';

/** Plans an argument expression (the expression planner, passed in to keep the modules acyclic). */
export type PlanArg = (node: Node, env: ExprEnv) => Expr;

/** Aggregates other engines spell differently: MEAN is AVG; APPROX_DISTINCT is answered exactly, as COUNT(DISTINCT). */
const AGGREGATE_ALIASES: Record<string, { name: string; distinct: boolean }> = {
  mean: { name: 'avg', distinct: false },
  approx_distinct: { name: 'count', distinct: true },
};

export function planFunction(tag: string, p: Node, node: Node, env: ExprEnv, planExpr: PlanArg): Expr {
  if (tag === 'Extract') {
    const [unit] = variant(field(p, 'field'));
    const unitText = lit(unit.toLowerCase());
    return { kind: 'scalarFunction', func: scalarFunction('date_part', node, env), args: [unitText, planExpr(field(p, 'expr'), env)] };
  }
  if (tag === 'Substring') {
    const from = field(p, 'substring_from');
    const len = field(p, 'substring_for');
    const args = [
      planExpr(field(p, 'expr'), env),
      from === undefined ? lit(1) : planExpr(from, env),
      ...(len === undefined ? [] : [planExpr(len, env)]),
    ];
    return { kind: 'scalarFunction', func: scalarFunction('substring', node, env), args };
  }
  if (tag === 'Trim') {
    // TRIM([BOTH|LEADING|TRAILING] [chars] FROM x) and TRIM(x, chars) map to trim/ltrim/rtrim(x[, chars]).
    const where = field(p, 'trim_where');
    const name = where === 'Leading' ? 'ltrim' : where === 'Trailing' ? 'rtrim' : 'trim';
    const what = field(p, 'trim_what') ?? array(field(p, 'trim_characters'))[0];
    const args = [planExpr(field(p, 'expr'), env), ...(what === undefined ? [] : [planExpr(what, env)])];
    return { kind: 'scalarFunction', func: scalarFunction(name, node, env), args };
  }
  if (tag === 'Floor' || tag === 'Ceil') {
    // FLOOR(x) / CEIL(x); the `FLOOR(x TO unit)` date form is not supported.
    const unit = field(p, 'field');
    if (!(isObject(unit) && unit.DateTimeField === 'NoDateTime')) throw unsupported(`${tag.toUpperCase()}(… TO unit)`, node);
    return { kind: 'scalarFunction', func: scalarFunction(tag.toLowerCase(), node, env), args: [planExpr(field(p, 'expr'), env)] };
  }
  if (tag === 'Overlay') {
    // OVERLAY(x PLACING r FROM start [FOR count])
    const count = field(p, 'overlay_for');
    const args = ['expr', 'overlay_what', 'overlay_from'].map((k) => planExpr(field(p, k), env));
    if (count !== undefined) args.push(planExpr(count, env));
    return { kind: 'scalarFunction', func: scalarFunction('overlay', node, env), args };
  }
  if (tag === 'Position') {
    // POSITION(needle IN haystack)
    return { kind: 'scalarFunction', func: scalarFunction('position', node, env), args: [planExpr(field(p, 'expr'), env), planExpr(field(p, 'in'), env)] };
  }
  return planCall(p, node, env, planExpr);
}

function planCall(p: Node, node: Node, env: ExprEnv, planExpr: PlanArg): Expr {
  const parts = objectNameParts(field(p, 'name'));
  if (parts.length !== 1) throw unsupported('a schema-qualified function name', node);
  const nameIdent = parts[0]!;
  const name = normalizeIdent(nameIdent);
  const [argsTag, list] = variant(field(p, 'args'));
  if (argsTag !== 'List' && argsTag !== 'None') throw unsupported(`function arguments ${argsTag}`, node);
  const distinct = field(list, 'duplicate_treatment') === 'Distinct';
  let star = false;
  const argNodes: Node[] = [];
  for (const a of array(field(list, 'args'))) {
    const [at, ap] = variant(a);
    if (at !== 'Unnamed') throw unsupported(`named argument in ${name}(…)`, a);
    const [kind, e] = variant(ap);
    if (kind === 'Wildcard') star = true;
    else if (kind === 'Expr') argNodes.push(e);
    else throw unsupported(`argument ${kind} in ${name}(…)`, a);
  }
  const filterNode = field(p, 'filter');

  const alias = env.ctx.functions.aggregateFunction(name) ? undefined : AGGREGATE_ALIASES[name];
  const agg = env.ctx.functions.aggregateFunction(alias?.name ?? name);
  const over = field(p, 'over');
  if (over !== undefined) {
    if (field(p, 'null_treatment') !== undefined) throw unsupported(`${name}(…) IGNORE/RESPECT NULLS`, node);
    if (array(field(list, 'clauses')).length > 0 || array(field(p, 'within_group')).length > 0) throw unsupported(`ORDER BY or WITHIN GROUP in window function ${name}(…)`, node);
    const call = { name, nameIdent, node, over, argNodes, star, distinct: distinct || alias?.distinct === true, filterNode, aggregate: agg };
    return planWindowCall(call, env, planExpr);
  }
  if (agg) {
    if (env.noAggregates !== null) {
      throw new QuiverError('PLAN', `aggregate function ${name} is not allowed in ${env.noAggregates}`, locOpt(nameIdent));
    }
    if (star && (argNodes.length > 0 || name !== 'count')) throw unsupported(`${name}(*)`, node);
    const { args, orderBy, filter } = planAggregateArgs(agg, name, argNodes, distinct, p, list, env, planExpr);
    return { kind: 'aggregate', func: agg, args, distinct: distinct || alias?.distinct === true, filter, ...(orderBy.length > 0 ? { orderBy } : {}) };
  }
  if (array(field(p, 'within_group')).length > 0) throw unsupported(`${name}(…) WITHIN GROUP`, node);
  if (array(field(list, 'clauses')).length > 0) throw unsupported(`ORDER BY or LIMIT inside ${name}(…)`, node);
  if (star) throw unsupported(`${name}(*)`, node);
  if (distinct || filterNode !== undefined) {
    throw new QuiverError('PLAN', `${name} is not an aggregate function, so it takes no DISTINCT or FILTER`, locOpt(nameIdent));
  }
  const args = argNodes.map((a) => planExpr(a, env));
  if (name === 'nullif' && args.length === 2) return nullIf(args[0]!, args[1]!);
  if (name === 'arrow_cast' && args.length === 2 && !env.ctx.functions.scalarFunction(name)) return arrowCast(args[0]!, args[1]!, node);
  // NVL(a, b) and IFNULL(a, b) are COALESCE(a, b) (unless registered under their own names).
  if ((name === 'nvl' || name === 'ifnull') && args.length === 2 && !env.ctx.functions.scalarFunction(name)) {
    return planCoalesce(args, () => scalarFunction('coalesce', nameIdent, env));
  }
  if (name === 'coalesce') return planCoalesce(args, () => scalarFunction(name, nameIdent, env));
  return { kind: 'scalarFunction', func: scalarFunction(name, nameIdent, env), args };
}

/** COALESCE: arguments after a non-NULL constant are never reached and are dropped (as SQLite and DuckDB do), so
 * they neither widen the type nor count as ungrouped columns; a leading constant is the value. */
function planCoalesce(args: Expr[], func: () => ScalarFunction): Expr {
  const constant = args.findIndex(isNonNullConstant);
  if (constant === 0) return args[0]!;
  return { kind: 'scalarFunction', func: func(), args: constant > 0 ? args.slice(0, constant + 1) : args };
}

/** A non-NULL literal, possibly negated (`-(22)`). */
function isNonNullConstant(e: Expr): boolean {
  if (e.kind === 'unary' && e.op === '-') return isNonNullConstant(e.expr);
  return e.kind === 'literal' && e.value.value !== null;
}

/** Arrow type names (as DataFusion's `arrow_cast` takes them) of the types Quiver has. */
const ARROW_TYPE_NAMES: Record<string, DataType> = {
  Utf8: DataTypes.utf8,
  LargeUtf8: DataTypes.utf8,
  Utf8View: DataTypes.utf8,
  Boolean: DataTypes.boolean,
  Int8: DataTypes.int8,
  Int16: DataTypes.int16,
  Int32: DataTypes.int32,
  Int64: DataTypes.int64,
  Float32: DataTypes.float32,
  Float64: DataTypes.float64,
  Date32: DataTypes.date32,
};

/** `arrow_cast(x, 'Utf8')`: a CAST to the Quiver type of an Arrow type name (DataFusion compatibility). */
function arrowCast(value: Expr, typeName: Expr, node: Node): Expr {
  const text = typeName.kind === 'literal' && typeof typeName.value.value === 'string' ? typeName.value.value.trim() : null;
  const decimal = text === null ? null : /^Decimal128\((\d+),\s*(-?\d+)\)$/.exec(text);
  const timestamp = text === null ? null : /^Timestamp\((Second|Millisecond|Microsecond|Nanosecond),\s*None\)$/.exec(text);
  const type = text === null ? undefined
    : decimal ? DataTypes.decimal(Number(decimal[1]), Number(decimal[2]))
    : timestamp ? DataTypes.timestamp(timestamp[1]!.toLowerCase() as TimeUnit)
    : ARROW_TYPE_NAMES[text];
  if (type === undefined) throw unsupported(`arrow_cast to ${text === null ? 'a non-constant type' : `'${text}'`}`, node);
  return cast(value, type);
}

/** NULLIF(a, b): NULL where `a = b`, else `a`, keeping `a`'s type (as SQLite and DuckDB do). */
function nullIf(a: Expr, b: Expr): Expr {
  return { kind: 'case', operand: null, whens: [{ when: { kind: 'binary', op: '=', left: a, right: b }, then: lit(null) }], else: a };
}

function scalarFunction(name: string, at: Node, env: ExprEnv): ScalarFunction {
  const f = env.ctx.functions.scalarFunction(name);
  if (f) return f;
  throw new QuiverError('PLAN', `function '${name}' not found${didYouMean(name, env.ctx.functions.functionNames())}`, locOpt(at));
}

function locOpt(at: Node) {
  const location = locationOf(at);
  return location ? { location } : undefined;
}
