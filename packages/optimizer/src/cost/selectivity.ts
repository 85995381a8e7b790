/**
 * Selectivity of predicates from column statistics, under the usual assumptions (uniform values
 * within [min, max], independent conjuncts): `col = lit` is 1/NDV, ranges interpolate min/max,
 * IN sums its equalities, IS NULL uses the null fraction; AND multiplies, OR adds less the overlap,
 * NOT complements. Also narrows the column estimates a predicate constrains.
 */
import type { Schema } from '@quiver/common';
import { splitConjunction, type ComparisonOp, type Expr } from '@quiver/planner';
import { columnIndex } from '../expr-utils.js';
import { scalarToNumber, scaleNdv, type ColumnEstimate, type RelationEstimate } from './relation-estimate.js';

/** Selectivities used when statistics say nothing. */
export const DEFAULT_SELECTIVITY = {
  equality: 0.05,
  range: 1 / 3,
  like: 0.1,
  other: 0.5,
};

/** The index of the column `e` reads (under casts), or -1. */
export function columnOf(e: Expr, schema: Schema): number {
  while (e.kind === 'cast' || e.kind === 'alias') e = e.expr;
  return e.kind === 'column' ? columnIndex(schema, e) : -1;
}

/** The numeric value of a constant (under casts), `undefined` when `e` is not a literal, null for non-numeric literals. */
function literalNumber(e: Expr): number | null | undefined {
  let cast: Expr = e;
  while (cast.kind === 'cast') cast = cast.expr;
  if (cast.kind !== 'literal') return undefined;
  if (e.kind === 'cast' && cast.value.type.kind === 'Utf8' && e.type.kind === 'Date32') {
    const ms = Date.parse(cast.value.value as string);
    return Number.isNaN(ms) ? null : ms / 86_400_000;
  }
  return scalarToNumber(cast.value);
}

function isLiteral(e: Expr): boolean {
  while (e.kind === 'cast') e = e.expr;
  return e.kind === 'literal';
}

const FLIPPED: Partial<Record<ComparisonOp, ComparisonOp>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>' };

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** Fraction of `c`'s non-null values within [lo, hi] (either bound may be open: null). */
function rangeFraction(c: ColumnEstimate, lo: number | null, hi: number | null): number {
  if (c.min === null || c.max === null) return DEFAULT_SELECTIVITY.range;
  if (lo !== null && hi !== null && lo > hi) return 0;
  const width = c.max - c.min;
  const from = Math.max(lo ?? c.min, c.min);
  const to = Math.min(hi ?? c.max, c.max);
  if (to < from) return 0;
  if (width <= 0) return 1;
  // Discrete values: a closed range over k of the ndv values holds about k/ndv of them.
  const step = c.ndv !== null && c.ndv > 1 ? width / (c.ndv - 1) : 0;
  return clamp((to - from + step) / (width + step));
}

/** Fraction of rows where `pred` holds. */
export function selectivity(pred: Expr, schema: Schema, input: RelationEstimate): number {
  const col = (i: number) => input.columns[i]!;
  const nonNull = (i: number) => 1 - col(i).nullFraction;
  switch (pred.kind) {
    case 'literal':
      return pred.value.value === true ? 1 : 0;
    case 'unary':
      switch (pred.op) {
        case 'NOT':
          return clamp(1 - selectivity(pred.expr, schema, input));
        case 'IS NULL':
        case 'IS NOT NULL': {
          const i = columnOf(pred.expr, schema);
          const nulls = i >= 0 ? col(i).nullFraction : 0;
          return pred.op === 'IS NULL' ? nulls : 1 - nulls;
        }
        default:
          return DEFAULT_SELECTIVITY.other;
      }
    case 'binary': {
      if (pred.op === 'AND') return selectivity(pred.left, schema, input) * selectivity(pred.right, schema, input);
      if (pred.op === 'OR') {
        const a = selectivity(pred.left, schema, input);
        const b = selectivity(pred.right, schema, input);
        return clamp(a + b - a * b);
      }
      const op = pred.op as ComparisonOp;
      if (!(op in FLIPPED)) return DEFAULT_SELECTIVITY.other;
      let i = columnOf(pred.left, schema);
      let other = pred.right;
      let cmp = op;
      if (i < 0 || !isLiteral(other)) {
        i = columnOf(pred.right, schema);
        other = pred.left;
        cmp = FLIPPED[op]!;
      }
      if (i >= 0 && isLiteral(other)) return compareSelectivity(col(i), cmp, literalNumber(other)!) * nonNull(i);
      // Column against column of the same relation.
      const a = columnOf(pred.left, schema);
      const b = columnOf(pred.right, schema);
      if (op === '=' && a >= 0 && b >= 0) {
        const ndv = Math.max(col(a).ndv ?? 0, col(b).ndv ?? 0);
        return ndv > 0 ? 1 / ndv : DEFAULT_SELECTIVITY.equality;
      }
      return op === '=' ? DEFAULT_SELECTIVITY.equality : op === '<>' ? 1 - DEFAULT_SELECTIVITY.equality : DEFAULT_SELECTIVITY.range;
    }
    case 'between': {
      const i = columnOf(pred.expr, schema);
      const lo = literalNumber(pred.low);
      const hi = literalNumber(pred.high);
      const s = i >= 0 && lo !== undefined && hi !== undefined ? rangeFraction(col(i), lo, hi) * nonNull(i) : DEFAULT_SELECTIVITY.range / 2;
      return pred.negated ? clamp(1 - s) : s;
    }
    case 'inList': {
      const i = columnOf(pred.expr, schema);
      const ndv = i >= 0 ? col(i).ndv : null;
      const s = clamp(ndv ? pred.list.length / ndv : pred.list.length * DEFAULT_SELECTIVITY.equality) * (i >= 0 ? nonNull(i) : 1);
      return pred.negated ? clamp(1 - s) : s;
    }
    case 'like': {
      const s = likeSelectivity(pred.pattern);
      return pred.negated ? 1 - s : s;
    }
    case 'alias':
      return selectivity(pred.expr, schema, input);
    default:
      return DEFAULT_SELECTIVITY.other;
  }
}

function compareSelectivity(c: ColumnEstimate, op: ComparisonOp, value: number | null): number {
  switch (op) {
    case '=':
    case 'IS NOT DISTINCT FROM':
      if (value !== null && c.min !== null && c.max !== null && (value < c.min || value > c.max)) return 0;
      return c.ndv ? 1 / c.ndv : DEFAULT_SELECTIVITY.equality;
    case '<>':
    case 'IS DISTINCT FROM':
      return 1 - (c.ndv ? 1 / c.ndv : DEFAULT_SELECTIVITY.equality);
    case '<':
    case '<=':
      return value === null ? DEFAULT_SELECTIVITY.range : rangeFraction(c, null, value) - (op === '<' && c.ndv ? Math.min(1 / c.ndv, rangeFraction(c, null, value)) : 0);
    case '>':
    case '>=':
      return value === null ? DEFAULT_SELECTIVITY.range : rangeFraction(c, value, null) - (op === '>' && c.ndv ? Math.min(1 / c.ndv, rangeFraction(c, value, null)) : 0);
  }
}

/** A pattern's selectivity: fixed prefixes select less than substrings, more literal text selects less. */
function likeSelectivity(pattern: Expr): number {
  if (pattern.kind !== 'literal' || typeof pattern.value.value !== 'string') return DEFAULT_SELECTIVITY.like;
  const text = pattern.value.value;
  if (!/[%_]/.test(text)) return DEFAULT_SELECTIVITY.equality;
  const literalChars = text.replace(/[%_]/g, '').length;
  return clamp(DEFAULT_SELECTIVITY.like * 0.9 ** Math.max(0, literalChars - 4));
}

/**
 * Column estimates after filtering by `pred` (selectivity `sel` over `rows` input rows): columns
 * compared with constants get narrowed ranges and distinct counts, the others lose distinct
 * values in proportion.
 */
export function filteredColumns(pred: Expr, schema: Schema, input: RelationEstimate, sel: number): ColumnEstimate[] {
  const out = input.columns.map((c) => (c.ndv === null ? c : { ...c, ndv: scaleNdv(c.ndv, input.rows, sel) }));
  for (const conjunct of splitConjunction(pred)) narrow(conjunct, schema, input, out);
  return out;
}

function narrow(pred: Expr, schema: Schema, input: RelationEstimate, out: ColumnEstimate[]): void {
  const set = (i: number, lo: number | null, hi: number | null, ndv: number | null) => {
    const c = input.columns[i]!;
    out[i] = { nullFraction: 0, min: lo ?? c.min, max: hi ?? c.max, ndv: ndv ?? out[i]!.ndv };
  };
  if (pred.kind === 'between' && !pred.negated) {
    const i = columnOf(pred.expr, schema);
    const lo = literalNumber(pred.low);
    const hi = literalNumber(pred.high);
    if (i >= 0 && lo !== undefined && hi !== undefined) {
      const c = input.columns[i]!;
      set(i, lo, hi, c.ndv === null ? null : Math.max(1, c.ndv * rangeFraction(c, lo, hi)));
    }
    return;
  }
  if (pred.kind === 'inList' && !pred.negated) {
    const i = columnOf(pred.expr, schema);
    if (i >= 0) set(i, null, null, Math.min(pred.list.length, input.columns[i]!.ndv ?? pred.list.length));
    return;
  }
  if (pred.kind !== 'binary') return;
  let i = columnOf(pred.left, schema);
  let value = isLiteral(pred.right) ? literalNumber(pred.right) : undefined;
  let op = pred.op as ComparisonOp;
  if (i < 0 || value === undefined) {
    i = columnOf(pred.right, schema);
    value = isLiteral(pred.left) ? literalNumber(pred.left) : undefined;
    op = FLIPPED[op] ?? op;
  }
  if (i < 0 || value === undefined) return;
  const c = input.columns[i]!;
  if (op === '=') set(i, value, value, 1);
  else if (value !== null && (op === '<' || op === '<=')) set(i, null, value, c.ndv === null ? null : Math.max(1, c.ndv * rangeFraction(c, null, value)));
  else if (value !== null && (op === '>' || op === '>=')) set(i, value, null, c.ndv === null ? null : Math.max(1, c.ndv * rangeFraction(c, value, null)));
}
