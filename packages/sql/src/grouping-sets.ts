/**
 * GROUP BY with grouping sets, as PostgreSQL, DuckDB and DataFusion read it: `GROUPING SETS ((a),
 * (a, b), ())`, `ROLLUP (a, b)` (the prefixes: (a, b), (a), ()), `CUBE (a, b)` (every subset), and
 * MySQL's `GROUP BY a, b WITH ROLLUP`. Items of a GROUP BY list multiply: `GROUP BY a, ROLLUP (b, c)`
 * is (a, b, c), (a, b), (a). The distinct expressions become the aggregate's group expressions and
 * each set the list of their positions.
 *
 * `grouping(x, …)` (planned as a call to the `grouping` aggregate) becomes bits of the aggregate's
 * grouping-id column: 1 for each argument the row's set does not group by, first argument highest;
 * without grouping sets it is 0. Its arguments must be GROUP BY expressions.
 */
import { DataTypes, QuiverError, type SourceLocation } from '@quiver/common';
import { cast, exprToString, GROUPING_ID_COLUMN, lit, transformExprDown, type Expr } from '@quiver/planner';
import { array, locationOf, unsupported, variant, type Node } from './ast.js';

/** More sets than this (a CUBE of 13 expressions) is refused rather than run. */
const MAX_GROUPING_SETS = 4096;

export interface GroupBy {
  readonly exprs: Expr[];
  /** Positions in `exprs` per set; null for a plain GROUP BY. */
  readonly sets: number[][] | null;
}

/**
 * The group expressions and grouping sets of a GROUP BY list (`items`, with MySQL's `WITH
 * ROLLUP/CUBE` `modifiers`); `plan` plans one expression (ordinals and aliases included).
 */
export function planGroupingSets(items: readonly Node[], modifiers: readonly Node[], plan: (node: Node) => Expr, at: Node): GroupBy {
  const exprs: Expr[] = [];
  const position = (node: Node): number => {
    const e = plan(node);
    const text = exprToString(e);
    const i = exprs.findIndex((x) => exprToString(x) === text);
    if (i >= 0) return i;
    exprs.push(e);
    return exprs.length - 1;
  };
  const lists = (groups: Node): number[][] => array(groups).map((g) => array(g).map(position));
  let grouping = false;
  // Each item: the alternatives it contributes to a set (a plain expression has one).
  const factors = items.map((item): number[][] => {
    const [tag, p] = variant(item);
    if (tag !== 'GroupingSets' && tag !== 'Rollup' && tag !== 'Cube') return [[position(item)]];
    grouping = true;
    const parts = lists(p);
    return tag === 'Rollup' ? rollup(parts) : tag === 'Cube' ? cube(parts, at) : parts;
  });
  if (modifiers.length > 0) {
    const [modifier] = variant(modifiers[0]);
    if (modifiers.length > 1 || (modifier !== 'Rollup' && modifier !== 'Cube') || grouping) throw unsupported(`GROUP BY … WITH ${modifier.toUpperCase()}`, at);
    const parts = factors.map((f) => f[0]!);
    return { exprs, sets: modifier === 'Rollup' ? rollup(parts) : cube(parts, at) };
  }
  if (!grouping) return { exprs, sets: null };
  let sets: number[][] = [[]];
  for (const alternatives of factors) {
    checkCount(sets.length * alternatives.length, at);
    sets = sets.flatMap((set) => alternatives.map((alt) => [...set, ...alt]));
  }
  return { exprs, sets: sets.map((set) => [...new Set(set)]) };
}

/** ROLLUP's sets: every prefix of `parts`, longest first, down to the empty set. */
function rollup(parts: readonly number[][]): number[][] {
  return [...parts.map((_, k) => parts.slice(0, parts.length - k).flat()), []];
}

/** CUBE's sets: every subset of `parts`, the full set first and the empty set last. */
function cube(parts: readonly number[][], at: Node): number[][] {
  checkCount(2 ** parts.length, at);
  return Array.from({ length: 2 ** parts.length }, (_, mask) => parts.filter((_, k) => (mask >> (parts.length - 1 - k)) & 1).flat()).reverse();
}

function checkCount(n: number, at: Node): void {
  if (n > MAX_GROUPING_SETS) {
    const location = locationOf(at);
    throw new QuiverError('PLAN', `GROUP BY makes ${n} grouping sets, more than the ${MAX_GROUPING_SETS} Quiver runs`, location ? { location } : undefined);
  }
}

/** Whether `e` is a call of `grouping(…)`. */
export function isGroupingCall(e: Expr): boolean {
  return e.kind === 'aggregate' && e.func.name === 'grouping';
}

/** `e` with every `grouping(…)` call replaced by its value over the grouping id (0 without sets). */
export function rewriteGroupingCalls(e: Expr, groupExprs: readonly Expr[], sets: readonly (readonly number[])[] | null, locations: WeakMap<Expr, SourceLocation>): Expr {
  return transformExprDown(e, (x) => {
    if (x.kind !== 'aggregate' || !isGroupingCall(x)) return x;
    const n = groupExprs.length;
    const texts = groupExprs.map(exprToString);
    const gid: Expr = { kind: 'column', qualifier: null, name: GROUPING_ID_COLUMN };
    let value: Expr | null = null;
    x.args.forEach((arg, j) => {
      const i = texts.indexOf(exprToString(arg));
      if (i < 0) {
        const location = locations.get(arg);
        throw new QuiverError('PLAN', `the arguments of grouping() must be GROUP BY expressions, and ${exprToString(arg)} is not one`, location ? { location } : undefined);
      }
      if (sets === null) return;
      const shift = x.args.length - 1 - j;
      let bit: Expr = { kind: 'binary', op: '&', left: { kind: 'binary', op: '>>', left: gid, right: lit(BigInt(n - 1 - i)) }, right: lit(1n) };
      if (shift > 0) bit = { kind: 'binary', op: '<<', left: bit, right: lit(BigInt(shift)) };
      value = value === null ? bit : { kind: 'binary', op: '|', left: value, right: bit };
    });
    return value === null ? lit({ type: DataTypes.int32, value: 0 }) : cast(value, DataTypes.int32);
  });
}
