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
import { takeBatch } from '../selection/record-batch.js';
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
    for (const { when, then } of this.whens) {
      if (sub.numRows === 0) break;
      const cond = this.condition(when, sub);
      const { matched, rest } = split(cond);
      if (matched.length > 0) {
        const all = rest.length === 0;
        const data = then.evaluate(all ? sub : takeBatch(sub, matched));
        parts.push({ data, rows: all ? rows : globalRows(rows, matched) });
      }
      if (rest.length === 0) return mergePartials(this.type, parts, batch.numRows);
      if (matched.length > 0) {
        sub = takeBatch(sub, rest);
        rows = globalRows(rows, rest);
      }
    }
    if (this.elseExpr !== null && sub.numRows > 0) parts.push({ data: this.elseExpr.evaluate(sub), rows });
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
