/**
 * Expression helpers the rules share: column references and where they resolve, structural
 * equality, and the properties that decide whether an expression may be moved (volatility,
 * subqueries, outer references).
 */
import { scalarToSql, typesEqual, type IntervalValue, type Schema, type ScalarValue } from '@quiver/common';
import {
  exprAny,
  exprChildren,
  planExprs,
  transformExprUp,
  visitExpr,
  visitPlan,
  type Expr,
  type ExprOf,
} from '@quiver/planner';

export type ColumnExpr = ExprOf<'column'>;

/** A column reference; unlike `col`, never splits a dotted name into a qualifier. */
export function colRef(qualifier: string | null, name: string): Expr {
  return { kind: 'column', qualifier, name };
}

/** Index of `c` in `schema`, or -1 when absent or ambiguous. */
export function columnIndex(schema: Schema, c: { qualifier: string | null; name: string }): number {
  try {
    return schema.indexOf(c.name, c.qualifier);
  } catch {
    return -1;
  }
}

/** Whether `e` references at least one column. */
export function hasColumns(e: Expr): boolean {
  return exprAny(e, (x) => x.kind === 'column');
}

function isVolatile(e: Expr): boolean {
  return exprAny(e, (x) => x.kind === 'scalarFunction' && x.func.volatility === 'volatile');
}

export function hasSubquery(e: Expr): boolean {
  return exprAny(e, (x) => x.kind === 'scalarSubquery' || x.kind === 'exists' || x.kind === 'inSubquery');
}

export function hasOuterColumn(e: Expr): boolean {
  return exprAny(e, (x) => x.kind === 'outerColumn');
}

/** Whether `e` may be evaluated at another place in the plan than where it was written. */
export function isMovable(e: Expr): boolean {
  return !isVolatile(e) && !hasSubquery(e);
}

/**
 * The columns `e` needs from the rows it is evaluated over: its own column references, plus the
 * outer references made from inside its subqueries (at any depth).
 */
export function referencedColumns(e: Expr): ColumnExpr[] {
  const out: ColumnExpr[] = [];
  const add = (q: string | null, name: string) => {
    if (!out.some((c) => c.name === name && c.qualifier === q)) out.push({ kind: 'column', qualifier: q, name });
  };
  const visit = (x: Expr): void =>
    visitExpr(x, (n) => {
      if (n.kind === 'column' || n.kind === 'outerColumn') add(n.qualifier, n.name);
      if (n.kind === 'scalarSubquery' || n.kind === 'exists' || n.kind === 'inSubquery') {
        visitPlan(n.plan, (p) => planExprs(p).forEach((pe) => visitExpr(pe, (m) => {
          if (m.kind === 'outerColumn') add(m.qualifier, m.name);
          if (m.kind === 'scalarSubquery' || m.kind === 'exists' || m.kind === 'inSubquery') visit(m);
          return true;
        })));
      }
    });
  visit(e);
  return out;
}

/** `e` with each column reference replaced by `fn(column)` (kept when `fn` returns undefined). */
export function replaceColumns(e: Expr, fn: (c: ColumnExpr) => Expr | undefined): Expr {
  return transformExprUp(e, (x) => (x.kind === 'column' ? fn(x) ?? x : x));
}

function scalarEquals(a: ScalarValue, b: ScalarValue): boolean {
  if (!typesEqual(a.type, b.type)) return false;
  const x = a.value;
  const y = b.value;
  if (Array.isArray(x) || Array.isArray(y)) return scalarToSql(a) === scalarToSql(b);
  if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
    const [i, j] = [x as IntervalValue, y as IntervalValue];
    return i.months === j.months && i.days === j.days && i.nanos === j.nanos;
  }
  return x === y || (typeof x === 'number' && typeof y === 'number' && Number.isNaN(x) && Number.isNaN(y));
}

/** The attributes of a node other than its children. */
function sameNode(a: Expr, b: Expr): boolean {
  switch (a.kind) {
    case 'column':
    case 'outerColumn': {
      const o = b as typeof a;
      return a.qualifier === o.qualifier && a.name === o.name;
    }
    case 'literal':
      return scalarEquals(a.value, (b as typeof a).value);
    case 'alias':
      return a.name === (b as typeof a).name;
    case 'binary':
    case 'unary':
      return a.op === (b as typeof a).op;
    case 'cast': {
      const o = b as typeof a;
      return a.try === o.try && typesEqual(a.type, o.type);
    }
    case 'case': {
      const o = b as typeof a;
      return (a.operand === null) === (o.operand === null) && a.whens.length === o.whens.length && (a.else === null) === (o.else === null);
    }
    case 'inList':
      return a.negated === (b as typeof a).negated && a.list.length === (b as typeof a).list.length;
    case 'between':
      return a.negated === (b as typeof a).negated;
    case 'like': {
      const o = b as typeof a;
      return a.negated === o.negated && a.caseInsensitive === o.caseInsensitive && a.escape === o.escape;
    }
    case 'scalarFunction':
      return a.func === (b as typeof a).func;
    case 'aggregate': {
      const o = b as typeof a;
      const ao = a.orderBy ?? [];
      const oo = o.orderBy ?? [];
      return (
        a.func === o.func && a.distinct === o.distinct && (a.filter === null) === (o.filter === null) && a.args.length === o.args.length &&
        ao.length === oo.length && ao.every((s, i) => s.asc === oo[i]!.asc && s.nullsFirst === oo[i]!.nullsFirst)
      );
    }
    case 'window': {
      const o = b as typeof a;
      return (
        a.func === o.func &&
        a.distinct === o.distinct &&
        (a.filter === null) === (o.filter === null) &&
        a.args.length === o.args.length &&
        a.partitionBy.length === o.partitionBy.length &&
        a.orderBy.length === o.orderBy.length &&
        a.orderBy.every((s, i) => s.asc === o.orderBy[i]!.asc && s.nullsFirst === o.orderBy[i]!.nullsFirst) &&
        JSON.stringify(a.frame) === JSON.stringify(o.frame)
      );
    }
    case 'scalarSubquery':
      return a.plan === (b as typeof a).plan;
    case 'exists':
    case 'inSubquery':
      return a.plan === (b as typeof a).plan && a.negated === (b as typeof a).negated;
    case 'wildcard':
      return a.qualifier === (b as typeof a).qualifier;
  }
}

/** Structural equality of two expressions (functions and subquery plans compared by identity). */
export function exprEquals(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || !sameNode(a, b)) return false;
  const ka = exprChildren(a);
  const kb = exprChildren(b);
  return ka.length === kb.length && ka.every((k, i) => exprEquals(k, kb[i]!));
}
