/**
 * ParquetTable: a Parquet file read through parquet-wasm. Opening reads only the footer (schema and
 * row groups); a scan streams one row group at a time, decoding only the projected columns, and
 * converts each to apache-arrow batches in Quiver's types (e.g. dictionary strings decoded).
 *
 * In Node a path is opened as a Blob (`fs.openAsBlob`), so the file is never read whole; in
 * browsers pass a Blob/File.
 */
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { QuiverError, type Schema } from '@quiver/common';
import type { Expr, TableStatistics } from '@quiver/planner';
import type { TaskContext } from '../execution-plan.js';
import type { TableProvider } from './table-provider.js';
import { ExecBase } from '../operators/exec-base.js';
import { normalizeBatch, quiverSchema } from './normalize.js';
import { columnsOf, makeBatch } from '../selection/record-batch.js';
import { readRowGroupStatistics, tableStatistics, type RowGroupStatistics } from './parquet-footer.js';
import { rowGroupMayMatch } from './row-group-pruning.js';

export class ParquetTable implements TableProvider {
  private stats: TableStatistics | null = null;

  private constructor(
    readonly path: string,
    readonly schema: Schema,
    private readonly file: pq.ParquetFile,
    readonly rowGroups: number,
    /** Per row group: row count and column min/max/null counts from the footer. */
    readonly rowGroupStatistics: readonly RowGroupStatistics[],
  ) {}

  /** Opens `source` (a file path in Node, or a Blob named `name`); IO error when missing or not Parquet. */
  static async open(source: string | Blob, name = typeof source === 'string' ? source : 'parquet blob'): Promise<ParquetTable> {
    let blob: Blob;
    try {
      blob = typeof source === 'string' ? await (await import('node:fs')).openAsBlob(source) : source;
    } catch (e) {
      throw new QuiverError('IO', `${name}: cannot open: ${describeError(e)}`, { cause: e });
    }
    let file: pq.ParquetFile;
    try {
      file = await pq.ParquetFile.fromFile(blob);
    } catch (e) {
      throw new QuiverError('IO', `${name}: cannot read as Parquet: ${describeError(e)}`, { cause: e });
    }
    const arrowSchema = arrow.tableFromIPC(file.schema().intoIPCStream()).schema;
    const schema = quiverSchema(arrowSchema, name);
    return new ParquetTable(name, schema, file, file.metadata().numRowGroups(), await readRowGroupStatistics(blob, schema, name));
  }

  /** Exact row and null counts and min/max from the footer; distinct counts estimated from value ranges. */
  statistics(): TableStatistics {
    this.stats ??= tableStatistics(this.schema, this.rowGroupStatistics);
    return this.stats;
  }

  /** Reads only the row groups whose min/max statistics do not rule out `filters`. */
  scan(projection: readonly number[] | null, filters: readonly Expr[], limit: number | null): ParquetScanExec {
    const groups = this.rowGroupStatistics.flatMap((g, i) => (rowGroupMayMatch(filters, this.schema, g) ? [i] : []));
    return new ParquetScanExec(this, projection, limit, groups);
  }

  /** Row group `index`, only the named columns (in file order), as apache-arrow. */
  async readRowGroup(index: number, columns: readonly string[]): Promise<arrow.Table> {
    try {
      // Large decode batches: parquet-wasm's per-batch overhead dominates at its default of 1024 rows.
      const wasmTable = await this.file.read({ rowGroups: [index], columns: [...columns], batchSize: 1 << 20 });
      return arrow.tableFromIPC(wasmTable.intoIPCStream());
    } catch (e) {
      throw new QuiverError('IO', `${this.path}: cannot read row group ${index}: ${describeError(e)}`, { cause: e });
    }
  }
}

export class ParquetScanExec extends ExecBase {
  readonly name = 'ParquetScanExec';

  constructor(
    readonly table: ParquetTable,
    readonly projection: readonly number[] | null,
    readonly limit: number | null,
    /** Indices of the row groups to read (the others were pruned). */
    readonly rowGroups: readonly number[] = Array.from({ length: table.rowGroups }, (_, i) => i),
  ) {
    super(projection === null ? table.schema : table.schema.project(projection), []);
  }

  describe(): string {
    const cols = this.projection === null ? '' : `, projection=[${this.schema.fields.map((f) => f.name).join(', ')}]`;
    return `ParquetScanExec: ${this.table.path}, row_groups=${this.rowGroups.length === this.table.rowGroups ? this.table.rowGroups : `${this.rowGroups.length}/${this.table.rowGroups}`}${cols}${this.limit === null ? '' : `, limit=${this.limit}`}`;
  }

  protected async *run(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const names = this.schema.fields.map((f) => f.name);
    const size = ctx.config.batchSize;
    let left = this.limit ?? Infinity;
    for (const g of this.rowGroups) {
      if (left <= 0) break;
      const part = await this.table.readRowGroup(g, names);
      // parquet-wasm returns columns in file order: pick them in projection order.
      const order = names.map((n) => part.schema.fields.findIndex((f) => f.name === n));
      for (const raw of part.batches) {
        const all = columnsOf(raw);
        const batch = normalizeBatch(
          makeBatch(new arrow.Schema(order.map((i) => raw.schema.fields[i]!)), order.map((i) => all[i]!), raw.numRows),
          this.arrowSchema,
        );
        for (let at = 0; at < batch.numRows && left > 0; at += size) {
          const len = Math.min(size, batch.numRows - at, left);
          left -= len;
          yield at === 0 && len === batch.numRows ? batch : makeBatch(this.arrowSchema, columnsOf(batch).map((c) => c.slice(at, len)), len);
        }
      }
    }
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
