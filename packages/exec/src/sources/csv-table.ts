/**
 * CsvTable: a delimited text file (RFC 4180 quoting) with a declared schema or one inferred from a
 * sample of records. Column names come from the header row when there is one (else column0,
 * column1, ...). A record may carry one extra empty field after the last column (a trailing
 * delimiter, as in TPC-H .tbl files). Bad records fail the scan with an IO error naming the file and line.
 */
import type * as arrow from 'apache-arrow';
import { Field, QuiverError, Schema } from '@quiver/common';
import { estimated, unknownStatistics, type Expr, type TableStatistics } from '@quiver/planner';
import type { TaskContext } from '../execution-plan.js';
import type { TableProvider } from './table-provider.js';
import { ExecBase } from '../operators/exec-base.js';
import { makeBatch } from '../selection/record-batch.js';
import { CsvTokenizer, ESCAPED, type CsvChunk } from './csv-tokenizer.js';
import { parseCsvColumn } from './csv-columns.js';
import { inferCsvTypes } from './csv-infer.js';

export interface CsvOptions {
  /** Whether the first record holds column names (default true). */
  readonly header?: boolean;
  /** Field separator, one ASCII character (default ','). */
  readonly delimiter?: string;
  /** The columns; inferred from a sample when absent (names from the header, if any). */
  readonly schema?: Schema;
  /** Records sampled for type inference (default 1000). */
  readonly sampleRows?: number;
}

const SAMPLE_BYTES = 1 << 20;
const decoder = new TextDecoder();

export class CsvTable implements TableProvider {
  private constructor(
    readonly path: string,
    readonly schema: Schema,
    readonly header: boolean,
    readonly delimiter: number,
    private readonly load: () => Promise<Uint8Array>,
    /** Records estimated from the file size and the line length of a sample. */
    readonly estimatedRows: number,
  ) {}

  /** Opens `source` (a path in Node, or the file's bytes named `name`), reading only a sample to infer the schema. */
  static async open(source: string | Uint8Array, options: CsvOptions = {}, name = typeof source === 'string' ? source : 'csv data'): Promise<CsvTable> {
    const delimiter = options.delimiter ?? ',';
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new QuiverError('IO', `${name}: the CSV delimiter must be one ASCII character other than a quote or newline, got '${delimiter}'`);
    }
    const header = options.header ?? true;
    const load = typeof source === 'string' ? () => readWhole(source, name) : () => Promise.resolve(source);
    const schema = options.schema ?? (await inferSchema(source, name, header, delimiter.charCodeAt(0), options.sampleRows ?? 1000));
    const rows = await estimateRecords(source, name, header);
    return new CsvTable(name, schema, header, delimiter.charCodeAt(0), load, rows);
  }

  /** Only the row count, estimated from a sample; column statistics are absent. */
  statistics(): TableStatistics {
    return { ...unknownStatistics(this.schema.length), rowCount: estimated(this.estimatedRows) };
  }

  scan(projection: readonly number[] | null, _filters: readonly Expr[], limit: number | null): CsvScanExec {
    return new CsvScanExec(this, projection, limit);
  }

  /** The whole file's bytes (read afresh for each scan). */
  read(): Promise<Uint8Array> {
    return this.load();
  }
}

export class CsvScanExec extends ExecBase {
  readonly name = 'CsvScanExec';

  constructor(
    readonly table: CsvTable,
    readonly projection: readonly number[] | null,
    readonly limit: number | null,
  ) {
    super(projection === null ? table.schema : table.schema.project(projection), []);
  }

  describe(): string {
    const cols = this.projection === null ? '' : `, projection=[${this.schema.fields.map((f) => f.name).join(', ')}]`;
    return `CsvScanExec: ${this.table.path}${cols}${this.limit === null ? '' : `, limit=${this.limit}`}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const bytes = await this.table.read();
    const tokenizer = new CsvTokenizer(bytes, this.table.delimiter, this.table.path);
    if (this.table.header && !tokenizer.done) tokenizer.next(1);
    const width = this.table.schema.length;
    const columns = this.projection ?? this.table.schema.fields.map((_, i) => i);
    let left = this.limit ?? Infinity;
    while (left > 0 && !tokenizer.done) {
      const chunk = tokenizer.next(Math.min(ctx.config.batchSize, left));
      checkFieldCounts(chunk, width, this.table.path);
      const src = { bytes, chunk, source: this.table.path };
      yield makeBatch(this.arrowSchema, columns.map((c) => parseCsvColumn(src, c, this.table.schema.field(c))), chunk.rows);
      left -= chunk.rows;
    }
  }
}

async function inferSchema(source: string | Uint8Array, name: string, header: boolean, delimiter: number, sampleRows: number): Promise<Schema> {
  const sample = typeof source === 'string' ? await readPrefix(source, name, SAMPLE_BYTES) : source.subarray(0, SAMPLE_BYTES);
  const tokenizer = new CsvTokenizer(trimToLastNewline(sample, sample.length === SAMPLE_BYTES), delimiter, name);
  const head = header && !tokenizer.done ? tokenizer.next(1) : null;
  const chunk = tokenizer.next(sampleRows);
  const names = head && head.rows === 1 ? fieldTexts(sample, head) : null;
  let columns = names?.length ?? (chunk.rows > 0 ? chunk.rowStart[1]! - chunk.rowStart[0]! : 0);
  // A trailing delimiter on every record (and the header) adds no column.
  if (columns > 1 && (names === null || names[columns - 1] === '') && endsWithEmptyField(chunk)) columns--;
  if (columns === 0) throw new QuiverError('IO', `${name}: the file is empty, so no columns can be inferred`);
  const types = inferCsvTypes(sample, chunk, columns);
  return new Schema(types.map((t, i) => new Field(names?.[i] || `column${i}`, t)));
}

function checkFieldCounts(chunk: CsvChunk, width: number, source: string): void {
  for (let r = 0; r < chunk.rows; r++) {
    const count = chunk.rowStart[r + 1]! - chunk.rowStart[r]!;
    if (count === width) continue;
    const last = chunk.rowStart[r + 1]! - 1;
    if (count === width + 1 && chunk.starts[last] === chunk.ends[last]) continue;
    throw new QuiverError('IO', `${source}: line ${chunk.lines[r]}: expected ${width} field${width === 1 ? '' : 's'}, found ${count}`);
  }
}

function endsWithEmptyField(chunk: CsvChunk): boolean {
  if (chunk.rows === 0) return false;
  for (let r = 0; r < chunk.rows; r++) {
    const last = chunk.rowStart[r + 1]! - 1;
    if (chunk.starts[last] !== chunk.ends[last]) return false;
  }
  return true;
}

function fieldTexts(bytes: Uint8Array, chunk: CsvChunk): string[] {
  const out: string[] = [];
  for (let f = chunk.rowStart[0]!; f < chunk.rowStart[1]!; f++) {
    const text = decoder.decode(bytes.subarray(chunk.starts[f]!, chunk.ends[f]!));
    out.push(chunk.flags[f]! & ESCAPED ? text.replace(/""/g, '"') : text);
  }
  return out;
}

/** A truncated sample ends at its last complete line, so the tokenizer does not see half a record. */
function trimToLastNewline(sample: Uint8Array, truncated: boolean): Uint8Array {
  if (!truncated) return sample;
  const nl = sample.lastIndexOf(10);
  return nl > 0 ? sample.subarray(0, nl + 1) : sample;
}

const ROW_SAMPLE_BYTES = 1 << 16;

/** File size divided by the average line length of the first 64 KiB (less the header line). */
async function estimateRecords(source: string | Uint8Array, name: string, header: boolean): Promise<number> {
  const size = typeof source === 'string' ? (await (await import('node:fs/promises')).stat(source)).size : source.length;
  const sample = typeof source === 'string' ? await readPrefix(source, name, ROW_SAMPLE_BYTES) : source.subarray(0, ROW_SAMPLE_BYTES);
  let lines = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 10) lines++;
  if (sample.length === size) return Math.max(0, lines + (sample.length > 0 && sample[sample.length - 1] !== 10 ? 1 : 0) - (header ? 1 : 0));
  return Math.max(0, Math.round((size * Math.max(lines, 1)) / sample.length) - (header ? 1 : 0));
}

async function readWhole(path: string, name: string): Promise<Uint8Array> {
  try {
    return await (await import('node:fs/promises')).readFile(path);
  } catch (e) {
    throw new QuiverError('IO', `${name}: cannot read: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

async function readPrefix(path: string, name: string, bytes: number): Promise<Uint8Array> {
  const fs = await import('node:fs/promises');
  let handle: import('node:fs/promises').FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (e) {
    throw new QuiverError('IO', `${name}: cannot open: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  try {
    const buf = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
