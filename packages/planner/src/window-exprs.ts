/**
 * Window calls inside expressions: finding them (to compute in a Window node), reading them back as
 * that node's columns, and checking a call's frame against its ORDER BY — shared by SQL planning and
 * the DataFrame API.
 */
import { isNumeric, typeToString, type DataType, type Schema } from '@quiver/common';
import { exprToString, type Expr, type SortExpr } from './expr.js';
import { transformExprDown, visitExpr } from './tree.js';
import type { WindowFrame } from './window.js';

/** The window calls in `exprs`, distinct by text, in order of first appearance. */
export function collectWindows(exprs: readonly Expr[]): Expr[] {
  const found = new Map<string, Expr>();
  for (const e of exprs) {
    visitExpr(e, (x) => {
      if (x.kind !== 'window') return true;
      const key = exprToString(x);
      if (!found.has(key)) found.set(key, x);
      return false;
    });
  }
  return [...found.values()];
}

/** `e` with each window call replaced by the Window node's column for it (field `first + i` of `schema` for `windows[i]`). */
export function rebaseOnWindow(e: Expr, windows: readonly Expr[], schema: Schema, first: number): Expr {
  const byText = new Map(
    windows.map((w, i): [string, Expr] => {
      const f = schema.field(first + i);
      return [exprToString(w), { kind: 'column', qualifier: f.qualifier, name: f.name }];
    }),
  );
  return transformExprDown(e, (x) => (x.kind === 'window' ? (byText.get(exprToString(x)) ?? x) : x));
}

/**
 * Why `frame` cannot be computed over `orderBy` (bounds out of order, RANGE offsets without exactly
 * one numeric key, GROUPS without ORDER BY), or null when it can; `keyType` types an ORDER BY key.
 */
export function frameError(frame: WindowFrame, orderBy: readonly SortExpr[], keyType: (e: Expr) => DataType): string | null {
  const { units, start, end } = frame;
  if (start.kind === 'unboundedFollowing') return 'frame start cannot be UNBOUNDED FOLLOWING';
  if (end.kind === 'unboundedPreceding') return 'frame end cannot be UNBOUNDED PRECEDING';
  if (start.kind === 'currentRow' && end.kind === 'preceding') return 'frame starting from current row cannot have preceding rows';
  if (start.kind === 'following' && (end.kind === 'preceding' || end.kind === 'currentRow')) return 'frame starting from following row cannot have preceding rows';
  const offsets = [start, end].filter((b) => b.kind === 'preceding' || b.kind === 'following');
  for (const b of offsets) {
    if (!(Number.isFinite(b.offset) && b.offset >= 0 && (units === 'range' || Number.isInteger(b.offset)))) {
      return `a window frame offset must be ${units === 'range' ? 'a non-negative number' : 'a non-negative integer'} constant`;
    }
  }
  if (units === 'range' && offsets.length > 0) {
    if (orderBy.length !== 1) return 'RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column';
    const t = keyType(orderBy[0]!.expr);
    if (!isNumeric(t)) return `RANGE with offset PRECEDING/FOLLOWING is supported only for a numeric ORDER BY column, not ${typeToString(t)}`;
  }
  if (units === 'groups' && orderBy.length === 0) return 'GROUPS mode requires an ORDER BY clause';
  return null;
}
