/**
 * Window function calls, `f(args) OVER (PARTITION BY … ORDER BY … frame)` or `OVER w` for a window
 * of the SELECT's WINDOW clause, planned into `window` expressions with their frame resolved
 * (PostgreSQL's default when none is written and checked by `frameError`); the named windows of
 * a SELECT. Collecting the calls into a Window node is `collectWindows`/`rebaseOnWindow` (@quiver/planner).
 */
import { didYouMean, QuiverError } from '@quiver/common';
import {
  builtinWindowFunction,
  builtinWindowNames,
  defaultFrame,
  exprAny,
  frameError,
  type Expr,
  type FrameBound,
  type FrameUnits,
  type SortExpr,
  type WindowFrame,
  type WindowFunction,
} from '@quiver/planner';
import { array, asIdent, field, locationOf, unsupported, variant, type Ident, type Node } from './ast.js';
import { typeOf, type ExprEnv } from './expr-planner.js';
import { normalizeIdent } from './scope.js';

/** What the function-call planner parsed before it saw OVER. */
export interface WindowCall {
  readonly name: string;
  readonly nameIdent: Ident;
  readonly node: Node;
  readonly over: Node;
  readonly argNodes: readonly Node[];
  readonly star: boolean;
  readonly distinct: boolean;
  readonly filterNode: Node;
  /** The aggregate `name` stands for, if it is one (after aliases such as MEAN). */
  readonly aggregate: WindowFunction | undefined;
}

type PlanArg = (node: Node, env: ExprEnv) => Expr;

function locOpt(at: Node) {
  const location = locationOf(at);
  return location ? { location } : undefined;
}

export function planWindowCall(call: WindowCall, env: ExprEnv, planExpr: PlanArg): Expr {
  const { name, node } = call;
  if (env.noAggregates !== null) {
    throw new QuiverError('PLAN', `window function ${name} is not allowed in ${env.noAggregates}`, locOpt(call.nameIdent));
  }
  const builtin = builtinWindowFunction(name);
  const func: WindowFunction | undefined = builtin ?? call.aggregate;
  if (func === undefined) {
    const known = [...builtinWindowNames(), ...env.ctx.functions.functionNames()];
    const what = env.ctx.functions.scalarFunction(name) ? `'${name}' is not a window or aggregate function` : `window function '${name}' not found${didYouMean(name, known)}`;
    throw new QuiverError('PLAN', what, locOpt(call.nameIdent));
  }
  if (call.star && (call.argNodes.length > 0 || name !== 'count')) throw unsupported(`${name}(*)`, node);
  if (builtin && (call.distinct || call.filterNode !== undefined)) {
    throw new QuiverError('PLAN', `${name} is not an aggregate function, so it takes no DISTINCT or FILTER`, locOpt(call.nameIdent));
  }
  const args = call.argNodes.map((a) => planExpr(a, env));
  const filter = call.filterNode === undefined ? null : planExpr(call.filterNode, { ...env, noAggregates: 'FILTER' });
  const spec = windowSpec(call.over, env);
  const partitionBy = array(field(spec, 'partition_by')).map((p) => planExpr(p, env));
  const orderBy = array(field(spec, 'order_by')).map((o): SortExpr => {
    const options = field(o, 'options');
    const asc = field(options, 'asc') !== false;
    const nulls = field(options, 'nulls_first');
    return { expr: planExpr(field(o, 'expr'), env), asc, nullsFirst: typeof nulls === 'boolean' ? nulls : !asc };
  });
  const frameNode = field(spec, 'window_frame');
  const frame = frameNode === undefined ? defaultFrame(orderBy.length > 0) : planFrame(frameNode, orderBy, env, planExpr);
  const parts = [...args, ...partitionBy, ...orderBy.map((s) => s.expr), ...(filter ? [filter] : [])];
  if (parts.some((e) => exprAny(e, (x) => x.kind === 'window'))) {
    throw new QuiverError('PLAN', `window function calls cannot be nested (in ${name})`, locOpt(call.nameIdent));
  }
  return { kind: 'window', func, args, partitionBy, orderBy, frame, distinct: call.distinct, filter };
}

/** The WindowSpec of `OVER (…)` or `OVER w`, with a referenced named window's clauses filled in. */
function windowSpec(over: Node, env: ExprEnv): Node {
  const [tag, p] = variant(over);
  if (tag === 'NamedWindow') return namedWindow(asIdent(p), env, 0);
  if (tag !== 'WindowSpec') throw unsupported(`OVER ${tag}`, over);
  const base = field(p, 'window_name');
  if (base === undefined) return p;
  const inherited = namedWindow(asIdent(base), env, 0);
  if (array(field(p, 'partition_by')).length > 0) {
    throw new QuiverError('PLAN', `cannot override PARTITION BY clause of window '${normalizeIdent(asIdent(base))}'`, locOpt(base));
  }
  const ownOrder = array(field(p, 'order_by'));
  return {
    partition_by: field(inherited, 'partition_by'),
    order_by: ownOrder.length > 0 ? ownOrder : field(inherited, 'order_by'),
    window_frame: field(p, 'window_frame') ?? field(inherited, 'window_frame'),
  };
}

function namedWindow(ident: Ident, env: ExprEnv, depth: number): Node {
  const name = normalizeIdent(ident);
  const found = env.windows?.get(name);
  if (found === undefined || depth > 16) {
    throw new QuiverError('PLAN', `window '${name}' does not exist${didYouMean(name, env.windows?.keys() ?? [])}`, locOpt(ident));
  }
  const [tag, p] = variant(found);
  if (tag === 'NamedWindow') return namedWindow(asIdent(p), env, depth + 1);
  return windowSpec(found, env);
}

/** The named windows of a SELECT's WINDOW clause, by name (each entry `[ident, NamedWindowExpr]`). */
export function namedWindows(select: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const entry of array(field(select, 'named_window'))) {
    const [ident, def] = array(entry);
    out.set(normalizeIdent(asIdent(ident)), def);
  }
  return out;
}

const UNITS: Record<string, FrameUnits> = { Rows: 'rows', Range: 'range', Groups: 'groups' };

function planFrame(frame: Node, orderBy: readonly SortExpr[], env: ExprEnv, planExpr: PlanArg): WindowFrame {
  const units = UNITS[field(frame, 'units') as string];
  if (units === undefined) throw unsupported(`window frame units ${JSON.stringify(field(frame, 'units'))}`, frame);
  const endNode = field(frame, 'end_bound');
  const bound = (b: Node) => planBound(b, units, (x) => planExpr(x, env));
  const start = bound(field(frame, 'start_bound'));
  const end = endNode === undefined ? ({ kind: 'currentRow' } as const) : bound(endNode);
  const error = frameError({ units, start, end }, orderBy, (e) => typeOf(e, env));
  if (error !== null) throw new QuiverError('PLAN', error, locOpt(frame));
  return { units, start, end };
}

function planBound(bound: Node, units: FrameUnits, planOffset: (n: Node) => Expr): FrameBound {
  const [tag, p] = variant(bound);
  if (tag === 'CurrentRow') return { kind: 'currentRow' };
  if (tag !== 'Preceding' && tag !== 'Following') throw unsupported(`frame bound ${tag}`, bound);
  if (p === undefined || p === null) return { kind: tag === 'Preceding' ? 'unboundedPreceding' : 'unboundedFollowing' };
  const offset = frameOffset(planOffset(p), units, bound);
  return { kind: tag === 'Preceding' ? 'preceding' : 'following', offset };
}

/** A frame offset: a non-negative constant, an integer for ROWS and GROUPS. */
function frameOffset(e: Expr, units: FrameUnits, at: Node): number {
  const v = e.kind === 'literal' ? e.value.value : null;
  const n = typeof v === 'bigint' || typeof v === 'number' ? Number(v) : NaN;
  const scaled = e.kind === 'literal' && e.value.type.kind === 'Decimal128' ? n / 10 ** e.value.type.scale : n;
  if (!Number.isFinite(scaled) || scaled < 0 || (units !== 'range' && !Number.isInteger(scaled))) {
    const what = units === 'range' ? 'a non-negative number' : 'a non-negative integer';
    throw new QuiverError('PLAN', `a window frame offset must be ${what} constant`, locOpt(at));
  }
  return scaled;
}
