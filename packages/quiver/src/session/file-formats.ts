/**
 * File formats by name and extension: how a path becomes a `TableProvider` (and, for formats that
 * can write, how a query result becomes a file). Parquet, CSV and Arrow IPC are built in;
 * applications may register more.
 */
import { didYouMean, QuiverError, type Schema } from '@quiver/common';
import type * as arrow from 'apache-arrow';
import { ArrowIpcTable, CsvTable, ParquetTable, type TableProvider } from '@quiver/exec';
import { writeCsvFile, writeParquetFile } from './file-writers.js';

export interface FileOptions {
  /** Format name; taken from the extension when absent. */
  readonly format?: string;
  /** CSV: whether the first line names the columns (default true). */
  readonly hasHeader?: boolean;
  /** CSV: field separator (default ','). */
  readonly delimiter?: string;
  /** CSV: the columns' names and types instead of inferring them. */
  readonly schema?: Schema;
}

/** A named file format: a reader (`open`) and optionally a writer (`write`). */
export interface FileFormat {
  readonly name: string;
  /** Lower-case extensions with the dot, e.g. ['.parquet']. */
  readonly extensions: readonly string[];
  open(path: string, options: FileOptions): Promise<TableProvider>;
  /** Write a query result (its batches, all of `schema`) to `path`; absent for read-only formats. */
  write?(path: string, batches: AsyncIterable<arrow.RecordBatch>, schema: Schema): Promise<void>;
}

export class FileFormatRegistry {
  private readonly formats = new Map<string, FileFormat>();

  constructor() {
    this.register({ name: 'parquet', extensions: ['.parquet', '.pq'], open: (path) => ParquetTable.open(path), write: writeParquetFile });
    this.register({
      name: 'csv',
      extensions: ['.csv', '.tsv'],
      open: (path, o) =>
        CsvTable.open(path, { header: o.hasHeader ?? true, delimiter: o.delimiter ?? (path.endsWith('.tsv') ? '\t' : ','), schema: o.schema }),
      write: writeCsvFile,
    });
    this.register({ name: 'arrow', extensions: ['.arrow', '.feather', '.ipc', '.arrows'], open: (path) => ArrowIpcTable.open(path) });
  }

  register(format: FileFormat): void {
    this.formats.set(format.name, format);
  }

  /** The format a path's extension names, if any. */
  formatOf(path: string): FileFormat | undefined {
    const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? name.slice(dot).toLowerCase() : '';
    for (const f of this.formats.values()) if (f.extensions.includes(ext)) return f;
    return undefined;
  }

  async open(path: string, options: FileOptions = {}): Promise<TableProvider> {
    const format = this.lookup(path, options.format);
    if (!(await fileExists(path))) throw new QuiverError('IO', `${path}: no such file`);
    return format.open(path, options);
  }

  /** Write `batches` to `path` in the named format (or the one its extension names). */
  async write(path: string, batches: AsyncIterable<arrow.RecordBatch>, schema: Schema, format?: string): Promise<void> {
    const f = this.lookup(path, format);
    if (!f.write) throw new QuiverError('IO', `format '${f.name}' cannot write files`);
    await f.write(path, batches, schema);
  }

  private lookup(path: string, name: string | undefined): FileFormat {
    const format = name === undefined ? this.formatOf(path) : this.formats.get(name);
    if (format) return format;
    const what = name === undefined ? `the extension of '${path}'` : `format '${name}'${didYouMean(name, this.formats.keys())}`;
    throw new QuiverError('IO', `no file format for ${what}; known formats: ${[...this.formats.keys()].join(', ')}`);
  }
}

/** Whether `path` names a readable file; node:fs is loaded lazily so the facade also bundles for browsers. */
export async function fileExists(path: string): Promise<boolean> {
  const { access } = await import('node:fs/promises');
  return access(path).then(
    () => true,
    () => false,
  );
}
