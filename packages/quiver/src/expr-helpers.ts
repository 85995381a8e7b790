/**
 * Typed expression helpers for the DataFrame API: `col('a').gt(lit(3))`, `sum(col('x')).alias('s')`,
 * `fn('upper', col('name'))`, `sum(col('x')).over({ partitionBy: ['k'], orderBy: [col('t').desc()] })`
 * (ranking and value window functions are in window-helpers.ts). An `Expression` is a recipe for a planner `Expr`; function names are
 * resolved through the session's function registry when a DataFrame method receives the expression,
 * so user-defined functions are called exactly like built-ins.
 */
import { didYouMean, QuiverError, Scalars, type DataType, type ScalarValue } from '@quiver/common';
import * as planner from '@quiver/planner';
import type { BinaryOp, Expr, FrameBound, FrameUnits, FunctionProvider, SortExpr, UnaryOp, WindowFunction } from '@quiver/planner';

/** A JavaScript value standing for a literal, or an expression. Dates become DATE literals. */
export type ExprArg = Expression | ScalarValue | string | number | bigint | boolean | Date | null;

/** One end of a window frame: unbounded, the current row, or `n` rows (ROWS), peer groups (GROUPS) or key distance (RANGE) away. */
export type FrameBoundArg = 'unboundedPreceding' | 'currentRow' | 'unboundedFollowing' | { readonly preceding: number } | { readonly following: number };

/** A window frame, as `ROWS BETWEEN start AND end` (`end` defaults to the current row, as in SQL). */
export interface FrameSpec {
  readonly units: FrameUnits;
  readonly start: FrameBoundArg;
  readonly end?: FrameBoundArg;
}

/**
 * The window of a window call, as `OVER (PARTITION BY … ORDER BY … frame)`: columns by name or
 * expressions; ORDER BY keys ascending unless given as `col('v').desc()`. Without a frame, the
 * default of SQL: up to the current row's peers with ORDER BY, else the whole partition.
 */
export interface WindowSpec {
  readonly partitionBy?: readonly (Expression | string)[];
  readonly orderBy?: readonly (SortExpression | Expression | string)[];
  readonly frame?: FrameSpec;
}

/** A planner `Expr` under construction; `toExpr` resolves function names against a registry. */
export class Expression {
  private constructor(private readonly build: (functions: FunctionProvider) => Expr) {}

  /** Wrap a planner expression as is. */
  static of(expr: Expr): Expression {
    return new Expression(() => expr);
  }

  /** An expression made by `make` from the planner expressions of `args`, once they are resolved. */
  static combine(args: readonly ExprArg[], make: (args: Expr[]) => Expr): Expression {
    return new Expression((f) => make(args.map((a) => toExpression(a).build(f))));
  }

  /** A call of the function registered under `name`; `distinct` only for aggregates. */
  static call(name: string, args: readonly ExprArg[], distinct = false): Expression {
    return new Expression((f) => resolveCall(f, name, args.map((a) => toExpression(a).build(f)), distinct));
  }

  /** `func(args) OVER (spec)` for a built-in window function (`rowNumber().over(…)` builds this). */
  static window(func: WindowFunction, args: readonly ExprArg[], spec: WindowSpec): Expression {
    return new Expression((f) => windowCall(func, args.map((a) => toExpression(a).build(f)), spec, f, false, null));
  }

  /** The planner expression, with function names looked up in `functions`. */
  toExpr(functions: FunctionProvider): Expr {
    return this.build(functions);
  }

  /** An expression computed from this one and `others`, once all are resolved. */
  private derive(others: readonly ExprArg[], make: (self: Expr, others: Expr[]) => Expr): Expression {
    return new Expression((f) => make(this.build(f), others.map((o) => toExpression(o).build(f))));
  }

  private binary(op: BinaryOp, other: ExprArg): Expression {
    return this.derive([other], (l, [r]) => planner.binary(l, op, r!));
  }

  private unary(op: UnaryOp): Expression {
    return this.derive([], (e) => ({ kind: 'unary', op, expr: e }));
  }

  eq(other: ExprArg): Expression {
    return this.binary('=', other);
  }
  notEq(other: ExprArg): Expression {
    return this.binary('<>', other);
  }
  lt(other: ExprArg): Expression {
    return this.binary('<', other);
  }
  ltEq(other: ExprArg): Expression {
    return this.binary('<=', other);
  }
  gt(other: ExprArg): Expression {
    return this.binary('>', other);
  }
  gtEq(other: ExprArg): Expression {
    return this.binary('>=', other);
  }
  isDistinctFrom(other: ExprArg): Expression {
    return this.binary('IS DISTINCT FROM', other);
  }
  isNotDistinctFrom(other: ExprArg): Expression {
    return this.binary('IS NOT DISTINCT FROM', other);
  }

  add(other: ExprArg): Expression {
    return this.binary('+', other);
  }
  sub(other: ExprArg): Expression {
    return this.binary('-', other);
  }
  mul(other: ExprArg): Expression {
    return this.binary('*', other);
  }
  /** SQL division: integers truncate toward zero, division by zero is NULL. */
  div(other: ExprArg): Expression {
    return this.binary('/', other);
  }
  mod(other: ExprArg): Expression {
    return this.binary('%', other);
  }
  /** String concatenation (`||`). */
  concat(other: ExprArg): Expression {
    return this.binary('||', other);
  }
  neg(): Expression {
    return this.unary('-');
  }

  and(other: ExprArg): Expression {
    return this.binary('AND', other);
  }
  or(other: ExprArg): Expression {
    return this.binary('OR', other);
  }
  not(): Expression {
    return this.unary('NOT');
  }
  isNull(): Expression {
    return this.unary('IS NULL');
  }
  isNotNull(): Expression {
    return this.unary('IS NOT NULL');
  }
  isTrue(): Expression {
    return this.unary('IS TRUE');
  }
  isFalse(): Expression {
    return this.unary('IS FALSE');
  }

  between(low: ExprArg, high: ExprArg, negated = false): Expression {
    return this.derive([low, high], (e, [l, h]) => ({ kind: 'between', expr: e, low: l!, high: h!, negated }));
  }
  inList(values: readonly ExprArg[], negated = false): Expression {
    return this.derive(values, (e, list) => ({ kind: 'inList', expr: e, list, negated }));
  }
  /** SQL LIKE (`%` any run, `_` one character); `caseInsensitive` makes it ILIKE. */
  like(pattern: ExprArg, { negated = false, caseInsensitive = false, escape = null as string | null } = {}): Expression {
    return this.derive([pattern], (e, [p]) => ({ kind: 'like', expr: e, pattern: p!, negated, caseInsensitive, escape }));
  }
  cast(type: DataType): Expression {
    return this.derive([], (e) => planner.cast(e, type));
  }
  /** CAST that yields NULL instead of failing. */
  tryCast(type: DataType): Expression {
    return this.derive([], (e) => planner.cast(e, type, true));
  }
  /** Name the output column. */
  alias(name: string): Expression {
    return this.derive([], (e) => planner.alias(e, name));
  }

  /** An aggregate over only the rows where `predicate` holds (`FILTER (WHERE …)`). */
  filter(predicate: ExprArg): Expression {
    return this.derive([predicate], (e, [p]) => {
      const agg = planner.unalias(e);
      if (agg.kind !== 'aggregate') throw new QuiverError('PLAN', `filter() applies to aggregate calls, not to ${planner.exprToString(e)}`);
      return reAlias(e, { ...agg, filter: p! });
    });
  }

  /** This aggregate call computed over a window of rows (`sum(col('x')).over({ orderBy: ['t'] })`), as SQL's `OVER (…)`. */
  over(spec: WindowSpec = {}): Expression {
    return new Expression((f) => {
      const e = this.build(f);
      const agg = planner.unalias(e);
      if (agg.kind !== 'aggregate') {
        throw new QuiverError('PLAN', `over() applies to aggregate calls and window functions such as rowNumber(), not to ${planner.exprToString(e)}`);
      }
      if (agg.orderBy?.length) throw new QuiverError('NOT_IMPLEMENTED', `an aggregate with ORDER BY inside the call over a window: ${planner.exprToString(e)}`);
      return reAlias(e, windowCall(agg.func, agg.args, spec, f, agg.distinct, agg.filter));
    });
  }

  /** Ascending sort key; NULLs last unless `nullsFirst` (PostgreSQL's default). */
  asc(nullsFirst = false): SortExpression {
    return new SortExpression(this, true, nullsFirst);
  }
  /** Descending sort key; NULLs first unless `nullsFirst` is false (PostgreSQL's default). */
  desc(nullsFirst = true): SortExpression {
    return new SortExpression(this, false, nullsFirst);
  }
}

/** A sort key: an expression with direction and NULL placement. */
export class SortExpression {
  constructor(
    readonly expr: Expression,
    readonly asc: boolean,
    readonly nullsFirst: boolean,
  ) {}

  toSortExpr(functions: FunctionProvider): SortExpr {
    return { expr: this.expr.toExpr(functions), asc: this.asc, nullsFirst: this.nullsFirst };
  }
}

function frameBound(b: FrameBoundArg): FrameBound {
  if (typeof b === 'string') return { kind: b };
  return 'preceding' in b ? { kind: 'preceding', offset: b.preceding } : { kind: 'following', offset: b.following };
}

function windowCall(func: WindowFunction, args: readonly Expr[], spec: WindowSpec, f: FunctionProvider, distinct: boolean, filter: Expr | null): Expr {
  const partitionBy = (spec.partitionBy ?? []).map((p) => (typeof p === 'string' ? col(p) : p).toExpr(f));
  const orderBy = (spec.orderBy ?? []).map((o) => (o instanceof SortExpression ? o : (typeof o === 'string' ? col(o) : o).asc()).toSortExpr(f));
  const frame = spec.frame
    ? { units: spec.frame.units, start: frameBound(spec.frame.start), end: frameBound(spec.frame.end ?? 'currentRow') }
    : planner.defaultFrame(orderBy.length > 0);
  return { kind: 'window', func, args, partitionBy, orderBy, frame, distinct, filter };
}

function reAlias(original: Expr, replaced: Expr): Expr {
  return original.kind === 'alias' ? planner.alias(replaced, original.name) : replaced;
}

const MS_PER_DAY = 86_400_000;

/** `value` as an expression: expressions pass through, other values become literals. */
export function toExpression(value: ExprArg): Expression {
  return value instanceof Expression ? value : lit(value);
}

/** A column by name; `'t.a'` (or a second argument) qualifies it by table. */
export function col(name: string, qualifier: string | null = null): Expression {
  return Expression.of(planner.col(name, qualifier));
}

/** A literal: numbers are INT (or BIGINT/DOUBLE as needed), bigints BIGINT, Dates DATE (UTC day). */
export function lit(value: Exclude<ExprArg, Expression>): Expression {
  if (value instanceof Date) return Expression.of({ kind: 'literal', value: Scalars.date32(Math.floor(value.getTime() / MS_PER_DAY)) });
  return Expression.of(planner.lit(value));
}

/**
 * A call of the scalar or aggregate function registered under `name` (built-in or user-defined).
 * Arguments that are not expressions are literals: `fn('date_part', 'year', col('d'))`.
 */
export function fn(name: string, ...args: ExprArg[]): Expression {
  return Expression.call(name, args);
}

/** The call of `name`: an aggregate function is looked up first, as SQL planning does. */
function resolveCall(functions: FunctionProvider, name: string, args: Expr[], distinct: boolean): Expr {
  const aggregate = functions.aggregateFunction(name);
  if (aggregate) return { kind: 'aggregate', func: aggregate, args, distinct, filter: null };
  const scalar = functions.scalarFunction(name);
  if (!scalar) throw new QuiverError('PLAN', `function '${name}' not found${didYouMean(name, functions.functionNames())}`);
  if (distinct) throw new QuiverError('PLAN', `${name} is not an aggregate function, so it takes no DISTINCT`);
  return { kind: 'scalarFunction', func: scalar, args };
}

/** An aggregate's argument: an expression, or a column by name (`sum('amount')`). */
export type AggregateArg = Expression | string;

function aggregate(name: string, arg: AggregateArg, distinct = false): Expression {
  return Expression.call(name, [typeof arg === 'string' ? col(arg) : arg], distinct);
}

/** `sum(x)`: the sum of the non-NULL values (exact for integers and decimals). */
export function sum(arg: AggregateArg): Expression {
  return aggregate('sum', arg);
}
export function avg(arg: AggregateArg): Expression {
  return aggregate('avg', arg);
}
export function min(arg: AggregateArg): Expression {
  return aggregate('min', arg);
}
export function max(arg: AggregateArg): Expression {
  return aggregate('max', arg);
}
/** `count(x)` counts the non-NULL values of `x`; `count()` counts rows, like `count(*)`. */
export function count(arg?: AggregateArg): Expression {
  return arg === undefined ? Expression.call('count', []) : aggregate('count', arg);
}
/** `count(DISTINCT x)`. */
export function countDistinct(arg: AggregateArg): Expression {
  return aggregate('count', arg, true);
}

/** `CASE WHEN condition THEN value …`: continue with `.when(…)`, finish with `.otherwise(…)` or `.end()`. */
export function when(condition: ExprArg, then: ExprArg): CaseBuilder {
  return new CaseBuilder([[condition, then]]);
}

export class CaseBuilder {
  constructor(private readonly branches: ReadonlyArray<readonly [ExprArg, ExprArg]>) {}

  when(condition: ExprArg, then: ExprArg): CaseBuilder {
    return new CaseBuilder([...this.branches, [condition, then]]);
  }

  /** The CASE expression, yielding `value` when no branch matches. */
  otherwise(value: ExprArg): Expression {
    return this.build(value);
  }

  /** The CASE expression, yielding NULL when no branch matches. */
  end(): Expression {
    return this.build(undefined);
  }

  private build(elseValue: ExprArg | undefined): Expression {
    const args = [...this.branches.flat(), ...(elseValue === undefined ? [] : [elseValue])];
    return Expression.combine(args, (exprs) => {
      const whens = this.branches.map((_, i) => ({ when: exprs[2 * i]!, then: exprs[2 * i + 1]! }));
      return { kind: 'case', operand: null, whens, else: elseValue === undefined ? null : exprs.at(-1)! };
    });
  }
}
