/**
 * The part of a join shared by the hash and nested-loop joins: turning candidate (build row, probe
 * row) pairs into output. It applies the residual filter to the candidates (evaluated on a batch of
 * left columns then right columns), records which build and probe rows matched, emits joined rows
 * for inner/outer joins, and at the end of each probe batch / of the probe input emits the rows an
 * outer, semi or anti join keeps, or every row with its mark for a mark join. The residual filter sees only the columns it reads gathered.
 */
import * as arrow from 'apache-arrow';
import type { PhysicalExpr } from '../physical-expr.js';
import type { PhysicalJoinType } from './join-type.js';
import { columnsOf, makeBatch } from '../selection/record-batch.js';
import { selectionFromMask } from '../selection/filter.js';
import { takeData } from '../selection/take.js';
import { nullColumn, unreadColumn } from '../selection/make-column.js';
import { makeBoolean } from '../kernels/builders.js';
import { bitmapFromBytes } from '../kernels/validity.js';
import { referencedColumns } from '../expressions/referenced-columns.js';

export class JoinMatcher {
  /** Per build row: 1 once it matched some probe row. */
  readonly buildMatched: Uint8Array;
  private readonly candidateSchema: arrow.Schema;
  /** The candidate columns the residual filter reads (null: all of them). */
  private readonly filterColumns: ReadonlySet<number> | null;

  constructor(
    readonly type: PhysicalJoinType,
    private readonly build: arrow.RecordBatch,
    probeSchema: arrow.Schema,
    private readonly outSchema: arrow.Schema,
    private readonly filter: PhysicalExpr | null,
    /** Output columns the consumer reads (null: all); the others are left unfilled. */
    private readonly needed: ReadonlySet<number> | null = null,
  ) {
    this.buildMatched = new Uint8Array(build.numRows);
    this.candidateSchema = new arrow.Schema([...build.schema.fields, ...probeSchema.fields]);
    const used = filter === null ? null : referencedColumns(filter);
    this.filterColumns = used === null ? null : new Set(used);
  }

  /** Whether the output needs the joined pairs themselves (rather than only which rows matched). */
  get emitsPairs(): boolean {
    return this.type === 'inner' || this.type === 'left' || this.type === 'right' || this.type === 'full';
  }

  /**
   * Handles candidate pairs of `probe` rows; marks matches in `buildMatched` and `probeMatched` and
   * returns the joined rows to output now, if any.
   */
  matchPairs(probe: arrow.RecordBatch, buildIdx: Int32Array, probeIdx: Int32Array, probeMatched: Uint8Array): arrow.RecordBatch | null {
    if (buildIdx.length === 0) return null;
    if (this.filter !== null) {
      const candidates = this.candidates(probe, buildIdx, probeIdx, this.filterColumns);
      const mask = this.filter.evaluate(candidates);
      const sel = mask.typeId === arrow.Type.Null ? new Int32Array(0) : selectionFromMask(mask);
      if (sel.length !== buildIdx.length) {
        const b = new Int32Array(sel.length);
        const p = new Int32Array(sel.length);
        for (let i = 0; i < sel.length; i++) {
          b[i] = buildIdx[sel[i]!]!;
          p[i] = probeIdx[sel[i]!]!;
        }
        buildIdx = b;
        probeIdx = p;
      } else if (this.emitsPairs) {
        const bm = this.buildMatched;
        for (let i = 0; i < buildIdx.length; i++) bm[buildIdx[i]!] = 1;
        for (let i = 0; i < probeIdx.length; i++) probeMatched[probeIdx[i]!] = 1;
        const all = this.filterColumns === null ? candidates : this.candidates(probe, buildIdx, probeIdx, null, columnsOf(candidates));
        return makeBatch(this.outSchema, columnsOf(all), buildIdx.length);
      }
    }
    const bm = this.buildMatched;
    for (let i = 0; i < buildIdx.length; i++) bm[buildIdx[i]!] = 1;
    for (let i = 0; i < probeIdx.length; i++) probeMatched[probeIdx[i]!] = 1;
    if (!this.emitsPairs || buildIdx.length === 0) return null;
    return this.joined(probe, buildIdx, probeIdx);
  }

  /** Rows to output once a probe batch is done: unmatched probe rows (right/full/rightAnti), matched ones (rightSemi) or all marked (rightMark). */
  finishProbeBatch(probe: arrow.RecordBatch, probeMatched: Uint8Array): arrow.RecordBatch | null {
    const t = this.type;
    if (t === 'rightMark') return withMark(this.outSchema, columnsOf(probe), probeMatched, probe.numRows);
    if (t !== 'right' && t !== 'full' && t !== 'rightSemi' && t !== 'rightAnti') return null;
    const want = t === 'rightSemi' ? 1 : 0;
    const rows = rowsWhere(probeMatched, probe.numRows, want);
    if (rows.length === 0) return null;
    if (t === 'rightSemi' || t === 'rightAnti') {
      return rows.length === probe.numRows ? relabel(this.outSchema, probe) : makeBatch(this.outSchema, columnsOf(probe).map((c) => takeData(c, rows)), rows.length);
    }
    return this.joined(probe, new Int32Array(rows.length).fill(-1), rows);
  }

  /** Rows to output once the probe side is exhausted: unmatched build rows (left/full/anti), matched ones (semi) or all marked (leftMark). */
  finishBuild(probeSchema: arrow.Schema): arrow.RecordBatch | null {
    const t = this.type;
    if (t === 'leftMark') return this.build.numRows === 0 ? null : withMark(this.outSchema, columnsOf(this.build), this.buildMatched, this.build.numRows);
    if (t !== 'left' && t !== 'full' && t !== 'semi' && t !== 'anti') return null;
    const rows = rowsWhere(this.buildMatched, this.build.numRows, t === 'semi' ? 1 : 0);
    if (rows.length === 0) return null;
    const buildCols = columnsOf(this.build).map((c) => takeData(c, rows));
    if (t === 'semi' || t === 'anti') return makeBatch(this.outSchema, buildCols, rows.length);
    const probeCols = probeSchema.fields.map((f) => nullColumn(f.type, rows.length));
    return makeBatch(this.outSchema, [...buildCols, ...probeCols], rows.length);
  }

  /**
   * The candidate pairs as one batch of build then probe columns. With `only`, just those columns
   * are gathered (the rest are shared all-NULL placeholders, never output); columns in `have` are reused.
   */
  private candidates(
    probe: arrow.RecordBatch,
    buildIdx: Int32Array,
    probeIdx: Int32Array,
    only: ReadonlySet<number> | null,
    have: readonly arrow.Data[] | null = null,
  ): arrow.RecordBatch {
    const n = buildIdx.length;
    const nb = this.build.numCols;
    const buildCols = columnsOf(this.build);
    const probeCols = columnsOf(probe);
    const cols = this.candidateSchema.fields.map((f, c) => {
      if (have !== null && this.filterColumns?.has(c)) return have[c]!;
      if (only !== null && !only.has(c)) return unreadColumn(f.type, n);
      return c < nb ? takeData(buildCols[c]!, buildIdx) : takeData(probeCols[c - nb]!, probeIdx);
    });
    return makeBatch(this.candidateSchema, cols, n);
  }

  private joined(probe: arrow.RecordBatch, buildIdx: Int32Array, probeIdx: Int32Array): arrow.RecordBatch {
    const needed = this.needed;
    const n = buildIdx.length;
    const nb = this.build.numCols;
    const gather = (c: arrow.Data, at: number, idx: Int32Array) => (needed === null || needed.has(at) ? takeData(c, idx) : unreadColumn(c.type, n));
    // Every probe row matched once, in order (typical of a foreign-key join): reuse its columns.
    const probeCols = isIdentity(probeIdx, probe.numRows) ? columnsOf(probe) : columnsOf(probe).map((c, i) => gather(c, nb + i, probeIdx));
    const cols = [...columnsOf(this.build).map((c, i) => gather(c, i, buildIdx)), ...probeCols];
    return makeBatch(this.outSchema, cols, n);
  }
}

function isIdentity(indices: Int32Array, length: number): boolean {
  if (indices.length !== length) return false;
  for (let i = 0; i < length; i++) if (indices[i] !== i) return false;
  return true;
}

function rowsWhere(flags: Uint8Array, n: number, want: number): Int32Array {
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (flags[i] === want) out[k++] = i;
  return out.subarray(0, k);
}

/** `cols` and a mark column that is TRUE where `matched` is 1. */
function withMark(schema: arrow.Schema, cols: readonly arrow.Data[], matched: Uint8Array, n: number): arrow.RecordBatch {
  return makeBatch(schema, [...cols, makeBoolean(n, bitmapFromBytes(matched, n), null)], n);
}

function relabel(schema: arrow.Schema, batch: arrow.RecordBatch): arrow.RecordBatch {
  return makeBatch(schema, columnsOf(batch), batch.numRows);
}
