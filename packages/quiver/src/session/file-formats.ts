/**
 * File formats by name and extension: how a path becomes a `TableProvider`. Parquet, CSV and
 * Arrow IPC are built in; applications may register more.
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { didYouMean, QuiverError, type Schema } from '@quiver/common';
import { ArrowIpcTable, CsvTable, ParquetTable, type TableProvider } from '@quiver/exec';

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

export interface FileFormat {
  readonly name: string;
  /** Lower-case extensions with the dot, e.g. ['.parquet']. */
  readonly extensions: readonly string[];
  open(path: string, options: FileOptions): Promise<TableProvider>;
}

export class FileFormatRegistry {
  private readonly formats = new Map<string, FileFormat>();

  constructor() {
    this.register({ name: 'parquet', extensions: ['.parquet', '.pq'], open: (path) => ParquetTable.open(path) });
    this.register({
      name: 'csv',
      extensions: ['.csv', '.tsv'],
      open: (path, o) =>
        CsvTable.open(path, { header: o.hasHeader ?? true, delimiter: o.delimiter ?? (path.endsWith('.tsv') ? '\t' : ','), schema: o.schema }),
    });
    this.register({ name: 'arrow', extensions: ['.arrow', '.feather', '.ipc', '.arrows'], open: (path) => ArrowIpcTable.open(path) });
  }

  register(format: FileFormat): void {
    this.formats.set(format.name, format);
  }

  /** The format a path's extension names, if any. */
  formatOf(path: string): FileFormat | undefined {
    const ext = extname(path).toLowerCase();
    for (const f of this.formats.values()) if (f.extensions.includes(ext)) return f;
    return undefined;
  }

  async open(path: string, options: FileOptions = {}): Promise<TableProvider> {
    const format = options.format === undefined ? this.formatOf(path) : this.formats.get(options.format);
    if (!format) {
      const what = options.format === undefined ? `the extension of '${path}'` : `format '${options.format}'${didYouMean(options.format, this.formats.keys())}`;
      throw new QuiverError('IO', `no file format for ${what}; known formats: ${[...this.formats.keys()].join(', ')}`);
    }
    if (!existsSync(path)) throw new QuiverError('IO', `${path}: no such file`);
    return format.open(path, options);
  }
}
