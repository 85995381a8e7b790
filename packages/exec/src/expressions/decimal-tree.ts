/**
 * Fused evaluation of a tree of DECIMAL + - * (TPC-H's `price * (1 - discount) * (1 + tax)`): every
 * intermediate is kept as an exact scaled float64 and only the root is written as Decimal128 words,
 * instead of materializing each operator's result. Applies while no leaf has NULLs and every value
 * stays below 2^53 and within its node's precision; otherwise the caller evaluates operator by
 * operator (which computes beyond 2^53 exactly and raises precision errors). A shared subtree
 * (`SharedScaled`) hands over its scaled values, computed once per batch, instead of Decimal128 words.
 */
import type * as arrow from 'apache-arrow';
import type { DataType } from '@quiver/common';
import { allocValues, makeFixed } from '../kernels/builders.js';
import { decimalAsNumber, POW10, SAFE_LIMIT, setDecimalFromNumber } from '../kernels/wide-int.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { LiteralExpr } from './literal.js';

/** A node of a fusable tree, as `BinaryExpr` provides it. */
export interface DecimalNode extends PhysicalExpr {
  readonly op: string;
  readonly left: PhysicalExpr;
  readonly right: PhysicalExpr;
  /** Whether this node is DECIMAL + - * over DECIMAL operands. */
  readonly fusable: boolean;
}

/** Scaled values: one per row, or one constant. */
export type Scaled = Float64Array | number;

/** A subtree computed once per batch (`SharedExpr`) that also keeps its scaled values for fused trees. */
export interface SharedScaled extends PhysicalExpr {
  /** The subtree's exact scaled values for `batch`, or null when the fast path does not apply. */
  scaledValues(batch: arrow.RecordBatch): Scaled | null;
}

function isShared(e: PhysicalExpr): e is SharedScaled {
  return typeof (e as Partial<SharedScaled>).scaledValues === 'function';
}

function isNode(e: PhysicalExpr): e is DecimalNode {
  return (e as Partial<DecimalNode>).fusable === true && !isShared(e);
}

function limitOf(t: DataType): number {
  return t.kind === 'Decimal128' && t.precision < 16 ? POW10[t.precision]! : SAFE_LIMIT;
}

function scaleOf(t: DataType): number {
  return t.kind === 'Decimal128' ? t.scale : 0;
}

/** The leaf's unscaled values as exact numbers, or null (NULLs, or a value beyond 2^53). */
function leaf(e: PhysicalExpr, batch: arrow.RecordBatch): Scaled | null {
  if (e instanceof LiteralExpr) {
    const v = e.value.value;
    if (typeof v !== 'bigint') return null;
    const x = Number(v);
    return x < SAFE_LIMIT && x > -SAFE_LIMIT ? x : null;
  }
  const data = e.evaluate(batch);
  if (data.nullCount > 0) return null;
  const words = data.values as Uint32Array;
  const n = data.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = decimalAsNumber(words, i);
    if (x !== x) return null;
    out[i] = x;
  }
  return out;
}

function evaluateNode(e: PhysicalExpr, batch: arrow.RecordBatch): Scaled | null {
  if (isShared(e) && (e as Partial<DecimalNode>).fusable === true) return e.scaledValues(batch);
  if (!isNode(e)) return leaf(e, batch);
  const a = evaluateNode(e.left, batch);
  if (a === null) return null;
  const b = evaluateNode(e.right, batch);
  if (b === null) return null;
  const s = scaleOf(e.type);
  const fa = e.op === '*' ? 1 : POW10[s - scaleOf(e.left.type)]!;
  const fb = e.op === '*' ? 1 : POW10[s - scaleOf(e.right.type)]!;
  const limit = limitOf(e.type);
  const apply = (x: number, y: number): number => {
    const u = x * fa;
    const w = y * fb;
    return e.op === '+' ? u + w : e.op === '-' ? u - w : u * w;
  };
  if (typeof a === 'number' && typeof b === 'number') {
    const v = apply(a, b);
    return v < limit && v > -limit && a * fa < SAFE_LIMIT && a * fa > -SAFE_LIMIT && b * fb < SAFE_LIMIT && b * fb > -SAFE_LIMIT ? v : null;
  }
  const n = typeof a === 'number' ? (b as Float64Array).length : a.length;
  const out = new Float64Array(n);
  // Operands times 10^k stay exact below 2^53; results must also fit the node's precision.
  const bound = Math.min(limit, SAFE_LIMIT);
  const ca = typeof a === 'number' ? a * fa : 0;
  const cb = typeof b === 'number' ? b * fb : 0;
  if (!(ca < SAFE_LIMIT && ca > -SAFE_LIMIT && cb < SAFE_LIMIT && cb > -SAFE_LIMIT)) return null;
  const av = typeof a === 'number' ? null : a;
  const bv = typeof b === 'number' ? null : b;
  const ok = e.op === '*' ? multiplyRows(av, ca, fa, bv, cb, fb, out, bound) : addRows(av, ca, fa, bv, cb, fb, e.op === '-' ? -1 : 1, out, bound);
  return ok ? out : null;
}

/**
 * `out[i] = a[i] * fa + sign * b[i] * fb` (a null operand is the constant `ca` / `cb`, already
 * scaled); false once an operand or a result leaves the exact range.
 */
function addRows(a: Float64Array | null, ca: number, fa: number, b: Float64Array | null, cb: number, fb: number, sign: number, out: Float64Array, bound: number): boolean {
  for (let i = 0; i < out.length; i++) {
    const u = a === null ? ca : a[i]! * fa;
    const w = sign * (b === null ? cb : b[i]! * fb);
    const v = u + w;
    if (!(v < bound && v > -bound && u < SAFE_LIMIT && u > -SAFE_LIMIT && w < SAFE_LIMIT && w > -SAFE_LIMIT)) return false;
    out[i] = v;
  }
  return true;
}

/** `out[i] = a[i] * fa * b[i] * fb`, operands as in `addRows`. */
function multiplyRows(a: Float64Array | null, ca: number, fa: number, b: Float64Array | null, cb: number, fb: number, out: Float64Array, bound: number): boolean {
  for (let i = 0; i < out.length; i++) {
    const u = a === null ? ca : a[i]! * fa;
    const w = b === null ? cb : b[i]! * fb;
    const v = u * w;
    if (!(v < bound && v > -bound && u < SAFE_LIMIT && u > -SAFE_LIMIT && w < SAFE_LIMIT && w > -SAFE_LIMIT)) return false;
    out[i] = v;
  }
  return true;
}

/** The tree rooted at `root` evaluated in one pass, or null when the fast path does not apply. */
export function evaluateDecimalTree(root: DecimalNode, batch: arrow.RecordBatch): arrow.Data | null {
  return decimalFromScaled(root.type, evaluateScaled(root, batch));
}

/** The fusable tree rooted at `root` as exact scaled values, or null when the fast path does not apply. */
export function evaluateScaled(root: DecimalNode, batch: arrow.RecordBatch): Scaled | null {
  return evaluateNode(root, batch);
}

/**
 * The exact scaled values of `e` when it is a fusable DECIMAL + - * tree (or a shared one), for
 * consumers that can take them instead of Decimal128 words (SUM, AVG); null for anything else and
 * when the fast path does not apply (NULLs, values beyond 2^53 or the node's precision).
 */
export function scaledTreeValues(e: PhysicalExpr, batch: arrow.RecordBatch): Float64Array | null {
  if ((e as Partial<DecimalNode>).fusable !== true) return null;
  const scaled = isShared(e) ? e.scaledValues(batch) : evaluateNode(e, batch);
  return scaled instanceof Float64Array ? scaled : null;
}

/** Scaled values of a DECIMAL `type` as a Decimal128 column, or null for a constant or no values. */
export function decimalFromScaled(type: DataType, scaled: Scaled | null): arrow.Data | null {
  if (scaled === null || typeof scaled === 'number') return null;
  const n = scaled.length;
  const out = allocValues(type, n) as Uint32Array;
  for (let i = 0; i < n; i++) {
    const v = scaled[i]!;
    // `out` starts zeroed: a value in [0, 2^32) only needs its low word.
    if (v >= 0 && v < 4294967296) out[4 * i] = v;
    else setDecimalFromNumber(out, i, v);
  }
  return makeFixed(type, n, out, null);
}
