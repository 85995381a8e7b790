/**
 * The input columns a physical expression reads, so an operator can materialize only those (a
 * join's residual filter is evaluated over candidate pairs). Expressions of a kind not listed here
 * make the answer null: the caller then provides every column.
 */
import type { PhysicalExpr } from '../physical-expr.js';
import { BinaryExpr } from './binary.js';
import { CaseExpr } from './case.js';
import { CastExpr } from './cast.js';
import { ColumnExpr } from './column.js';
import { InListExpr } from './in-list.js';
import { LikeExpr } from './like.js';
import { LiteralExpr } from './literal.js';
import { ScalarFunctionExpr } from './scalar-function.js';
import { IsExpr, NegativeExpr, NotExpr } from './unary.js';

/** The sorted indices of the columns `expr` reads, or null when it holds an expression of unknown kind. */
export function referencedColumns(expr: PhysicalExpr): number[] | null {
  const found = new Set<number>();
  return collect(expr, found) ? [...found].sort((a, b) => a - b) : null;
}

function collect(e: PhysicalExpr | null, out: Set<number>): boolean {
  if (e === null || e instanceof LiteralExpr) return true;
  if (e instanceof ColumnExpr) {
    out.add(e.index);
    return true;
  }
  if (e instanceof BinaryExpr) return collect(e.left, out) && collect(e.right, out);
  if (e instanceof NotExpr || e instanceof IsExpr || e instanceof NegativeExpr || e instanceof CastExpr || e instanceof InListExpr) {
    return collect(e.expr, out);
  }
  if (e instanceof LikeExpr) return collect(e.expr, out) && collect(e.pattern, out);
  if (e instanceof ScalarFunctionExpr) return e.args.every((a) => collect(a, out));
  if (e instanceof CaseExpr) {
    return collect(e.operand, out) && collect(e.elseExpr, out) && e.whens.every((w) => collect(w.when, out) && collect(w.then, out));
  }
  return false;
}

/** The union of the columns `exprs` read (plus `extra`), or null when some expression is of unknown kind. */
export function columnsReadBy(exprs: readonly PhysicalExpr[], extra: Iterable<number> = []): Set<number> | null {
  const found = new Set<number>(extra);
  for (const e of exprs) if (!collect(e, found)) return null;
  return found;
}
