/**
 * `NdjsonTable`: a `TableProvider` over a newline-delimited JSON log file. It claims `column op
 * literal` comparisons as `exact` filters and evaluates them while parsing, so rows that fail them
 * are never materialized and Quiver drops its own Filter; other predicates are `unsupported` and
 * stay in the engine. Columns are built batch by batch on typed arrays.
 */
import { readFile } from 'node:fs/promises';
import * as arrow from 'apache-arrow';
import type { Schema } from 'quiver';
import { ExecBase, makeBatch, type ExecutionPlan, type TableProvider, type TaskContext } from '@quiver/exec';
import type { Expr, FilterPushdown } from '@quiver/planner';

type Comparison = { column: string; op: '=' | '<>' | '<' | '<=' | '>' | '>='; value: string | number };

/** Counters the example prints, to show what push-down saved. */
export interface ScanCounters {
  linesParsed: number;
  rowsEmitted: number;
}

export class NdjsonTable implements TableProvider {
  readonly counters: ScanCounters = { linesParsed: 0, rowsEmitted: 0 };

  /** `schema` lists the JSON fields to read (Utf8, Int32 or Float64 columns). */
  constructor(
    readonly path: string,
    readonly schema: Schema,
  ) {}

  supportsFiltersPushdown(filters: readonly Expr[]): FilterPushdown[] {
    return filters.map((f) => (comparisonOf(f) ? 'exact' : 'unsupported'));
  }

  scan(projection: readonly number[] | null, filters: readonly Expr[], limit: number | null): ExecutionPlan {
    const comparisons = filters.map((f) => comparisonOf(f)!); // only those answered exact reach here
    const columns = projection ?? this.schema.fields.map((_, i) => i);
    return new NdjsonScanExec(this, columns, comparisons, limit);
  }
}

/** `column op literal` (or `literal op column`) on a string or number, else null. */
function comparisonOf(e: Expr): Comparison | null {
  if (e.kind !== 'binary' || !['=', '<>', '<', '<=', '>', '>='].includes(e.op)) return null;
  const flip = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;
  const op = e.op as Comparison['op'];
  const [c, l, o] = e.left.kind === 'column' ? [e.left, e.right, op] : [e.right, e.left, flip[op]];
  if (c.kind !== 'column' || l.kind !== 'literal') return null;
  const v = l.value.value;
  if (typeof v === 'string' || typeof v === 'number') return { column: c.name, op: o, value: v };
  if (typeof v === 'bigint') return { column: c.name, op: o, value: Number(v) };
  return null;
}

function holds(actual: unknown, c: Comparison): boolean {
  if (actual === null || actual === undefined) return false; // NULL compares to nothing
  const a = actual as string | number;
  switch (c.op) {
    case '=':
      return a === c.value;
    case '<>':
      return a !== c.value;
    case '<':
      return a < c.value;
    case '<=':
      return a <= c.value;
    case '>':
      return a > c.value;
    case '>=':
      return a >= c.value;
  }
}

const BATCH_ROWS = 1024;
const UTF8 = new TextEncoder();

class NdjsonScanExec extends ExecBase {
  readonly name = 'NdjsonScanExec';

  constructor(
    private readonly table: NdjsonTable,
    private readonly columns: readonly number[],
    private readonly comparisons: readonly Comparison[],
    private readonly limit: number | null,
  ) {
    super(table.schema.project(columns), []);
  }

  describe(): string {
    const pushed = this.comparisons.map((c) => `${c.column} ${c.op} ${JSON.stringify(c.value)}`).join(', ');
    return `NdjsonScanExec: ${this.table.path} filters=[${pushed}]${this.limit === null ? '' : ` limit=${this.limit}`}`;
  }

  protected async *run(_ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const text = await readFile(this.table.path, 'utf8');
    const fields = this.schema.fields;
    let builder = new BatchBuilder(fields.map((f) => f.type.kind));
    let left = this.limit ?? Infinity;
    for (const line of text.split('\n')) {
      if (left === 0) break;
      if (line.trim() === '') continue;
      this.table.counters.linesParsed++;
      const record = JSON.parse(line) as Record<string, unknown>;
      if (!this.comparisons.every((c) => holds(record[c.column], c))) continue;
      builder.append(fields.map((f) => record[f.name]));
      this.table.counters.rowsEmitted++;
      left--;
      if (builder.length === BATCH_ROWS) {
        yield builder.finish(this.arrowSchema);
        builder = new BatchBuilder(fields.map((f) => f.type.kind));
      }
    }
    if (builder.length > 0) yield builder.finish(this.arrowSchema);
  }
}

/** Column values of one batch: numbers in growable typed arrays, strings as text + offsets. */
class BatchBuilder {
  length = 0;
  private readonly values: Array<number[] | string[]>;
  private readonly valid: Uint8Array[];

  constructor(private readonly kinds: readonly string[]) {
    this.values = kinds.map(() => []);
    this.valid = kinds.map(() => new Uint8Array(BATCH_ROWS));
  }

  append(row: readonly unknown[]): void {
    row.forEach((v, i) => {
      const present = v !== null && v !== undefined;
      this.valid[i]![this.length] = present ? 1 : 0;
      (this.values[i] as unknown[]).push(present ? v : this.kinds[i] === 'Utf8' ? '' : 0);
    });
    this.length++;
  }

  finish(schema: arrow.Schema): arrow.RecordBatch {
    const columns = this.kinds.map((kind, i) => {
      const nullBitmap = packBits(this.valid[i]!, this.length);
      const nullCount = this.length - this.valid[i]!.subarray(0, this.length).reduce((n, b) => n + b, 0);
      if (kind === 'Utf8') {
        const encoded = (this.values[i] as string[]).map((s) => UTF8.encode(s));
        const offsets = new Int32Array(this.length + 1);
        encoded.forEach((b, r) => (offsets[r + 1] = offsets[r]! + b.length));
        const bytes = new Uint8Array(offsets[this.length]!);
        encoded.forEach((b, r) => bytes.set(b, offsets[r]!));
        return arrow.makeData({ type: new arrow.Utf8(), length: this.length, nullCount, nullBitmap, valueOffsets: offsets, data: bytes });
      }
      const numbers = this.values[i] as number[];
      if (kind === 'Int32') return arrow.makeData({ type: new arrow.Int32(), length: this.length, nullCount, nullBitmap, data: Int32Array.from(numbers) });
      return arrow.makeData({ type: new arrow.Float64(), length: this.length, nullCount, nullBitmap, data: Float64Array.from(numbers) });
    });
    return makeBatch(schema, columns as arrow.Data[], this.length);
  }
}

function packBits(flags: Uint8Array, length: number): Uint8Array {
  const bits = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) if (flags[i]) bits[i >> 3]! |= 1 << (i & 7);
  return bits;
}
