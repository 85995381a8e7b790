/**
 * CASE in both forms. Branches are evaluated lazily as in PostgreSQL: each WHEN sees only the rows no
 * earlier WHEN matched, and each THEN/ELSE only the rows it produces, so a branch that would fail
 * (say, a cast) is never run on rows that do not reach it.
 */
import type * as arrow from 'apache-arrow';
import type { DataType } from '@quiver/common';
import { compare } from '../kernels/compare.js';
import { mergePartials, type PartialResult } from '../kernels/conditional.js';
import { getBit, validityOf } from '../kernels/validity.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { broadcastScalar } from '../kernels/scalar.js';
import { takeBatch } from '../selection/record-batch.js';
import { takeData } from '../selection/take.js';
import { ColumnExpr } from './column.js';
import { LiteralExpr } from './literal.js';
import { evaluateColumnar } from './columnar.js';

export interface WhenThen {
  readonly when: PhysicalExpr;
  readonly then: PhysicalExpr;
}

export class CaseExpr implements PhysicalExpr {
  constructor(
    /** The value compared with each WHEN (the simple form), or null for searched CASE. */
    readonly operand: PhysicalExpr | null,
    readonly whens: readonly WhenThen[],
    readonly elseExpr: PhysicalExpr | null,
    readonly type: DataType,
  ) {}

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    const parts: PartialResult[] = [];
    let sub = batch;
    let rows: Int32Array | null = null; // global row of each row of `sub`; null while `sub` is `batch`
    let undecided: Int32Array | null = null; // rows of `sub` no WHEN matched; null for all of them
    for (let k = 0; k < this.whens.length; k++) {
      const { when, then } = this.whens[k]!;
      const { matched, rest } = split(this.condition(when, sub));
      if (matched.length > 0) {
        const all = rest.length === 0;
        parts.push({ data: evaluateRows(then, sub, all ? null : matched), rows: all ? rows : globalRows(rows, matched) });
      }
      if (rest.length === 0) return mergePartials(this.type, parts, batch.numRows);
      if (matched.length === 0) continue;
      if (k === this.whens.length - 1) {
        undecided = rest; // only ELSE remains: no need to gather the whole batch
      } else {
        sub = takeBatch(sub, rest);
        rows = globalRows(rows, rest);
      }
    }
    if (this.elseExpr !== null) {
      parts.push({ data: evaluateRows(this.elseExpr, sub, undecided), rows: undecided === null ? rows : globalRows(rows, undecided) });
    }
    return mergePartials(this.type, parts, batch.numRows);
  }

  private condition(when: PhysicalExpr, batch: arrow.RecordBatch): arrow.Data {
    if (this.operand === null) return when.evaluate(batch);
    const l = evaluateColumnar(this.operand, batch);
    const r = evaluateColumnar(when, batch);
    return compare('=', l, r, this.operand.type, batch.numRows);
  }

  toString(): string {
    const parts = ['CASE'];
    if (this.operand) parts.push(String(this.operand));
    for (const w of this.whens) parts.push(`WHEN ${w.when} THEN ${w.then}`);
    if (this.elseExpr) parts.push(`ELSE ${this.elseExpr}`);
    parts.push('END');
    return parts.join(' ');
  }
}

/**
 * `expr` over rows `local` of `batch` (all rows when null). Constants and plain columns are taken
 * directly; other expressions run on a batch of just those rows.
 */
function evaluateRows(expr: PhysicalExpr, batch: arrow.RecordBatch, local: Int32Array | null): arrow.Data {
  if (local === null) return expr.evaluate(batch);
  if (expr instanceof LiteralExpr) return broadcastScalar(expr.value, local.length);
  if (expr instanceof ColumnExpr) return takeData(expr.evaluate(batch), local);
  return expr.evaluate(takeBatch(batch, local));
}

/** Rows where a Boolean array is true (and not NULL), and the other rows. */
function split(cond: arrow.Data): { matched: Int32Array; rest: Int32Array } {
  const n = cond.length;
  const valid = validityOf(cond);
  const bits = cond.values as Uint8Array;
  const matched = new Int32Array(n);
  const rest = new Int32Array(n);
  let m = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    if ((valid === null || getBit(valid, i)) && getBit(bits, cond.offset + i)) matched[m++] = i;
    else rest[r++] = i;
  }
  return { matched: matched.subarray(0, m), rest: rest.subarray(0, r) };
}

function globalRows(rows: Int32Array | null, local: Int32Array): Int32Array {
  if (rows === null) return local;
  const out = new Int32Array(local.length);
  for (let k = 0; k < local.length; k++) out[k] = rows[local[k]!]!;
  return out;
}
