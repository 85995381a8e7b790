/**
 * The table functions `generate_series(start, stop[, step])` (stop included) and `range(start,
 * stop[, step])` (stop excluded), with one argument counting from 0: a BIGINT column `value`, as in
 * DataFusion. A step of 0 is an error; a NULL argument gives no rows. In FROM with constants the
 * series is a table whose scan produces it a batch at a time (nothing is materialized); with column
 * arguments (`FROM t, LATERAL generate_series(1, t.n)`) it runs once per input row.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, Field, isInteger, QuiverError, Schema, typeToString, type DataType, type ScalarValue } from '@quiver/common';
import { exact, UNKNOWN_COLUMN, type ColumnarValue, type Expr, type LateralTableFunction, type TableFunction, type TableFunctionChunk, type TableStatistics } from '@quiver/planner';
import type { TaskContext } from '../execution-plan.js';
import { ExecBase } from '../operators/exec-base.js';
import { makeBatch } from '../selection/record-batch.js';
import type { TableProvider } from './table-provider.js';

/** Output rows per chunk of the LATERAL form. */
const LATERAL_CHUNK_ROWS = 8192;

interface Series {
  readonly start: bigint;
  readonly step: bigint;
  readonly count: number;
}

export class SeriesTableFunction implements TableFunction {
  readonly lateral: LateralTableFunction;
  private readonly fields = [new Field('value', DataTypes.int64, false)];

  constructor(readonly name: 'generate_series' | 'range') {
    this.lateral = {
      strict: true,
      coerceArgs: (argTypes) => this.coerceArgs(argTypes),
      outputFields: () => this.fields,
      invoke: (args, numRows) => this.chunks(args, numRows),
    };
  }

  call(args: readonly ScalarValue[]): TableProvider {
    this.coerceArgs(args.map((a) => a.type));
    const values = args.map((a) => (a.value === null ? null : BigInt(a.value as bigint | number)));
    const series = values.includes(null) ? { start: 0n, step: 1n, count: 0 } : this.series(values as bigint[]);
    return new SeriesTable(new Schema(this.fields), series, `${this.name}(${values.join(', ')})`);
  }

  private coerceArgs(argTypes: readonly DataType[]): DataType[] {
    if (argTypes.length < 1 || argTypes.length > 3) throw new QuiverError('PLAN', `${this.name}() takes 1 to 3 arguments (start, stop, step), got ${argTypes.length}`);
    for (const t of argTypes) {
      if (!isInteger(t) && t.kind !== 'Null') throw new QuiverError('TYPE', `${this.name}(${argTypes.map(typeToString).join(', ')}) is not supported: the arguments must be integers`);
    }
    return argTypes.map(() => DataTypes.int64);
  }

  /** The series of one argument row (one argument: 0 to it). */
  private series(args: readonly bigint[]): Series {
    const [start, stop] = args.length === 1 ? [0n, args[0]!] : [args[0]!, args[1]!];
    const step = args[2] ?? 1n;
    if (step === 0n) throw new QuiverError('EXECUTION', `${this.name}() step cannot be 0`);
    const span = step > 0n ? stop - start : start - stop;
    const size = step > 0n ? step : -step;
    let count: bigint;
    if (this.name === 'generate_series') count = span < 0n ? 0n : span / size + 1n;
    else count = span <= 0n ? 0n : (span + size - 1n) / size;
    if (count > 2n ** 31n) throw new QuiverError('EXECUTION', `${this.name}() would produce ${count} rows, more than Quiver generates (2^31)`);
    return { start, step, count: Number(count) };
  }

  private *chunks(args: readonly ColumnarValue[], numRows: number): Generator<TableFunctionChunk> {
    const readers = args.map(int64Reader);
    let rowIndex: number[] = [];
    let values: BigInt64Array[] = [];
    let pending = 0;
    const flush = (): TableFunctionChunk => {
      const column = new BigInt64Array(pending);
      let at = 0;
      for (const v of values) {
        column.set(v, at);
        at += v.length;
      }
      const chunk = { columns: [int64Column(column)], rowIndex: Int32Array.from(rowIndex) };
      rowIndex = [];
      values = [];
      pending = 0;
      return chunk;
    };
    for (let r = 0; r < numRows; r++) {
      const s = this.series(readers.map((read) => read(r)));
      if (s.count === 0) continue;
      const out = new BigInt64Array(s.count);
      fillSeries(out, 0, s.start, s.step, s.count);
      values.push(out);
      for (let i = 0; i < s.count; i++) rowIndex.push(r);
      pending += s.count;
      if (pending >= LATERAL_CHUNK_ROWS) yield flush();
    }
    if (pending > 0) yield flush();
  }
}

/** Reads row r of an Int64 argument (NULL rows never reach a strict function). */
function int64Reader(arg: ColumnarValue): (r: number) => bigint {
  if (arg.kind === 'scalar') {
    const v = BigInt(arg.value.value as bigint | number);
    return () => v;
  }
  const values = arg.data.values as BigInt64Array;
  return (r) => values[r]!;
}

function int64Column(values: BigInt64Array): arrow.Data {
  return arrow.makeData({ type: new arrow.Int64(), length: values.length, nullCount: 0, data: values });
}

/** `out[at + i] = start + i * step` for i < count, in doubles (written as two words) when exact. */
function fillSeries(out: BigInt64Array, at: number, start: bigint, step: bigint, count: number): void {
  const last = start + step * BigInt(Math.max(0, count - 1));
  const safe = (v: bigint) => v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER);
  if (!safe(start) || !safe(last)) {
    for (let i = 0; i < count; i++) out[at + i] = start + step * BigInt(i);
    return;
  }
  const words = new Int32Array(out.buffer, out.byteOffset + at * 8, count * 2);
  const s = Number(start);
  const d = Number(step);
  for (let i = 0; i < count; i++) {
    const v = s + i * d;
    words[2 * i] = v | 0;
    words[2 * i + 1] = Math.floor(v / 4294967296);
  }
}

/** A constant series as a table; its scan generates the rows batch by batch. */
class SeriesTable implements TableProvider {
  constructor(
    readonly schema: Schema,
    private readonly series: Series,
    private readonly label: string,
  ) {}

  statistics(): TableStatistics {
    return { rowCount: exact(this.series.count), columns: [UNKNOWN_COLUMN] };
  }

  scan(projection: readonly number[] | null, _filters: readonly Expr[], limit: number | null): SeriesExec {
    const count = limit === null ? this.series.count : Math.min(limit, this.series.count);
    const schema = projection === null ? this.schema : new Schema(projection.map((i) => this.schema.field(i)));
    return new SeriesExec(schema, { ...this.series, count }, this.label);
  }
}

export class SeriesExec extends ExecBase {
  readonly name = 'SeriesExec';

  constructor(
    schema: Schema,
    private readonly series: Series,
    private readonly label: string,
  ) {
    super(schema, []);
  }

  describe(): string {
    return `SeriesExec: ${this.label}, rows=${this.series.count}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const { start, step, count } = this.series;
    const size = ctx.config.batchSize;
    for (let at = 0; at < count; at += size) {
      const len = Math.min(size, count - at);
      const values = new BigInt64Array(len);
      fillSeries(values, 0, start + step * BigInt(at), step, len);
      yield makeBatch(this.arrowSchema, this.schema.fields.map(() => int64Column(values)), len);
    }
  }
}
