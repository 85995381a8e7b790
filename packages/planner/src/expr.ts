/**
 * Logical expressions: a tagged union of immutable nodes, with constructors and display names.
 *
 * A column is referenced by (qualifier, name) and resolved against the input schema of the plan
 * node that holds the expression. `exprName` gives the canonical text used as an output column name.
 */
import { scalarToSql, typeToString, type DataType, type ScalarValue, Scalars } from '@quiver/common';
import type { AggregateFunction, ScalarFunction } from './function.js';
import type { LogicalPlan } from './plan.js';
import { frameToString, isBuiltinWindow, type WindowFrame, type WindowFunction } from './window.js';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type ComparisonOp = '=' | '<>' | '<' | '<=' | '>' | '>=' | 'IS DISTINCT FROM' | 'IS NOT DISTINCT FROM';
/** Bitwise operators on integers; `^` is XOR (PostgreSQL's `#`). */
export type BitwiseOp = '&' | '|' | '^' | '<<' | '>>';
export type BinaryOp = ArithmeticOp | ComparisonOp | BitwiseOp | 'AND' | 'OR' | '||';

export type UnaryOp = 'NOT' | '-' | 'IS NULL' | 'IS NOT NULL' | 'IS TRUE' | 'IS FALSE' | 'IS NOT TRUE' | 'IS NOT FALSE';

export type Expr =
  | { readonly kind: 'column'; readonly qualifier: string | null; readonly name: string }
  /** A column of an enclosing query, inside a correlated subquery; `type` is known at planning time. */
  | { readonly kind: 'outerColumn'; readonly qualifier: string | null; readonly name: string; readonly type: DataType }
  | { readonly kind: 'literal'; readonly value: ScalarValue }
  | { readonly kind: 'alias'; readonly expr: Expr; readonly name: string }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly expr: Expr }
  | { readonly kind: 'cast'; readonly expr: Expr; readonly type: DataType; readonly try: boolean }
  | {
      readonly kind: 'case';
      readonly operand: Expr | null;
      readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
      readonly else: Expr | null;
    }
  | { readonly kind: 'inList'; readonly expr: Expr; readonly list: readonly Expr[]; readonly negated: boolean }
  | { readonly kind: 'between'; readonly expr: Expr; readonly low: Expr; readonly high: Expr; readonly negated: boolean }
  | {
      readonly kind: 'like';
      readonly expr: Expr;
      readonly pattern: Expr;
      readonly negated: boolean;
      readonly caseInsensitive: boolean;
      readonly escape: string | null;
    }
  | { readonly kind: 'scalarFunction'; readonly func: ScalarFunction; readonly args: readonly Expr[] }
  | {
      readonly kind: 'aggregate';
      readonly func: AggregateFunction;
      readonly args: readonly Expr[];
      readonly distinct: boolean;
      readonly filter: Expr | null;
      /** `ORDER BY` inside the call, for an order-sensitive aggregate (`string_agg(x, ',' ORDER BY y)`); absent when none. */
      readonly orderBy?: readonly SortExpr[];
    }
  /** `func(args) OVER (PARTITION BY … ORDER BY … frame)`; only in the expressions of a Window node. */
  | {
      readonly kind: 'window';
      readonly func: WindowFunction;
      readonly args: readonly Expr[];
      readonly partitionBy: readonly Expr[];
      readonly orderBy: readonly SortExpr[];
      readonly frame: WindowFrame;
      readonly distinct: boolean;
      readonly filter: Expr | null;
    }
  | { readonly kind: 'scalarSubquery'; readonly plan: LogicalPlan }
  | { readonly kind: 'exists'; readonly plan: LogicalPlan; readonly negated: boolean }
  | { readonly kind: 'inSubquery'; readonly expr: Expr; readonly plan: LogicalPlan; readonly negated: boolean }
  /** `*` or `t.*` — only between SQL parsing and projection expansion. */
  | { readonly kind: 'wildcard'; readonly qualifier: string | null };

export type ExprKind = Expr['kind'];
export type ExprOf<K extends ExprKind> = Extract<Expr, { kind: K }>;

export interface SortExpr {
  readonly expr: Expr;
  readonly asc: boolean;
  readonly nullsFirst: boolean;
}

// ---- constructors -------------------------------------------------------------------------------

export function col(name: string, qualifier: string | null = null): Expr {
  if (qualifier === null) {
    const dot = name.indexOf('.');
    if (dot > 0) return { kind: 'column', qualifier: name.slice(0, dot), name: name.slice(dot + 1) };
  }
  return { kind: 'column', qualifier, name };
}

export function lit(v: ScalarValue | string | number | bigint | boolean | null): Expr {
  if (v !== null && typeof v === 'object') return { kind: 'literal', value: v };
  if (v === null) return { kind: 'literal', value: Scalars.null() };
  if (typeof v === 'string') return { kind: 'literal', value: Scalars.utf8(v) };
  if (typeof v === 'boolean') return { kind: 'literal', value: Scalars.boolean(v) };
  if (typeof v === 'bigint') return { kind: 'literal', value: Scalars.int64(v) };
  if (Number.isInteger(v) && Math.abs(v) <= 2147483647) return { kind: 'literal', value: Scalars.int32(v) };
  if (Number.isSafeInteger(v)) return { kind: 'literal', value: Scalars.int64(BigInt(v)) };
  return { kind: 'literal', value: Scalars.float64(v) };
}

export function binary(left: Expr, op: BinaryOp, right: Expr): Expr {
  return { kind: 'binary', op, left, right };
}

export function and(...exprs: Expr[]): Expr {
  return exprs.reduce((a, b) => binary(a, 'AND', b));
}

export function or(...exprs: Expr[]): Expr {
  return exprs.reduce((a, b) => binary(a, 'OR', b));
}

export function not(expr: Expr): Expr {
  return { kind: 'unary', op: 'NOT', expr };
}

export function alias(expr: Expr, name: string): Expr {
  return { kind: 'alias', expr: expr.kind === 'alias' ? expr.expr : expr, name };
}

export function cast(expr: Expr, type: DataType, tryCast = false): Expr {
  return { kind: 'cast', expr, type, try: tryCast };
}

/** The conjuncts of a predicate: `a AND (b AND c)` → [a, b, c]. */
export function splitConjunction(expr: Expr): Expr[] {
  if (expr.kind === 'binary' && expr.op === 'AND') return [...splitConjunction(expr.left), ...splitConjunction(expr.right)];
  return [expr];
}

/** The predicate that holds when all of `exprs` hold, or null for none. */
export function conjunction(exprs: readonly Expr[]): Expr | null {
  return exprs.length === 0 ? null : exprs.reduce((a, b) => binary(a, 'AND', b));
}

/** The expression under any aliases. */
export function unalias(expr: Expr): Expr {
  return expr.kind === 'alias' ? unalias(expr.expr) : expr;
}

// ---- display ------------------------------------------------------------------------------------

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/**
 * Canonical text of an expression; it names the output column when the expression has no alias
 * (e.g. `sum(l.l_quantity)`), so it is deterministic and includes qualifiers.
 */
export function exprToString(e: Expr): string {
  switch (e.kind) {
    case 'column':
    case 'outerColumn':
      return e.qualifier === null ? quoteIdent(e.name) : `${quoteIdent(e.qualifier)}.${quoteIdent(e.name)}`;
    case 'literal':
      return scalarToSql(e.value);
    case 'alias':
      return `${exprToString(e.expr)} AS ${quoteIdent(e.name)}`;
    case 'binary':
      return `${wrap(e.left)} ${e.op} ${wrap(e.right)}`;
    case 'unary':
      if (e.op === 'NOT') return `NOT ${wrap(e.expr)}`;
      if (e.op === '-') return `-${wrap(e.expr)}`;
      return `${wrap(e.expr)} ${e.op}`;
    case 'cast':
      return `${e.try ? 'TRY_CAST' : 'CAST'}(${exprToString(e.expr)} AS ${typeToString(e.type)})`;
    case 'case': {
      const parts = ['CASE'];
      if (e.operand) parts.push(exprToString(e.operand));
      for (const w of e.whens) parts.push(`WHEN ${exprToString(w.when)} THEN ${exprToString(w.then)}`);
      if (e.else) parts.push(`ELSE ${exprToString(e.else)}`);
      parts.push('END');
      return parts.join(' ');
    }
    case 'inList':
      return `${wrap(e.expr)} ${e.negated ? 'NOT IN' : 'IN'} (${e.list.map(exprToString).join(', ')})`;
    case 'between':
      return `${wrap(e.expr)} ${e.negated ? 'NOT BETWEEN' : 'BETWEEN'} ${wrap(e.low)} AND ${wrap(e.high)}`;
    case 'like': {
      const op = `${e.negated ? 'NOT ' : ''}${e.caseInsensitive ? 'ILIKE' : 'LIKE'}`;
      const esc = e.escape === null ? '' : ` ESCAPE '${e.escape}'`;
      return `${wrap(e.expr)} ${op} ${wrap(e.pattern)}${esc}`;
    }
    case 'scalarFunction':
      return `${e.func.name}(${e.args.map(exprToString).join(', ')})`;
    case 'aggregate': {
      const args = e.args.length === 0 ? '*' : e.args.map(exprToString).join(', ');
      const filter = e.filter ? ` FILTER (WHERE ${exprToString(e.filter)})` : '';
      const order = e.orderBy?.length ? ` ORDER BY ${e.orderBy.map((s) => `${exprToString(s.expr)} ${s.asc ? 'ASC' : 'DESC'} NULLS ${s.nullsFirst ? 'FIRST' : 'LAST'}`).join(', ')}` : '';
      return `${e.func.name}(${e.distinct ? 'DISTINCT ' : ''}${args}${order})${filter}`;
    }
    case 'window':
      return windowToString(e);
    case 'scalarSubquery':
      return '(<subquery>)';
    case 'exists':
      return `${e.negated ? 'NOT ' : ''}EXISTS (<subquery>)`;
    case 'inSubquery':
      return `${wrap(e.expr)} ${e.negated ? 'NOT IN' : 'IN'} (<subquery>)`;
    case 'wildcard':
      return e.qualifier === null ? '*' : `${quoteIdent(e.qualifier)}.*`;
  }
}

function windowToString(e: ExprOf<'window'>): string {
  const filter = e.filter ? ` FILTER (WHERE ${exprToString(e.filter)})` : '';
  const spec: string[] = [];
  if (e.partitionBy.length > 0) spec.push(`PARTITION BY ${e.partitionBy.map(exprToString).join(', ')}`);
  if (e.orderBy.length > 0) {
    const keys = e.orderBy.map((s) => `${exprToString(s.expr)} ${s.asc ? 'ASC' : 'DESC'} NULLS ${s.nullsFirst ? 'FIRST' : 'LAST'}`);
    spec.push(`ORDER BY ${keys.join(', ')}`);
  }
  spec.push(frameToString(e.frame));
  const args = e.args.length === 0 && !isBuiltinWindow(e.func) ? '*' : e.args.map(exprToString).join(', ');
  return `${e.func.name}(${e.distinct ? 'DISTINCT ' : ''}${args})${filter} OVER (${spec.join(' ')})`;
}

function wrap(e: Expr): string {
  const text = exprToString(e);
  return e.kind === 'binary' || e.kind === 'between' || e.kind === 'like' || e.kind === 'inList' ? `(${text})` : text;
}

/** The output column name of a projected expression: its alias, a column's own name, or its text. */
export function exprName(e: Expr): string {
  if (e.kind === 'alias') return e.name;
  if (e.kind === 'column') return e.name;
  return exprToString(e);
}
