/**
 * The session catalog: registered tables and views by name, and tables named by a file path in
 * the query itself (`SELECT * FROM 'data/lineitem.parquet'`). It is the `TableResolver` that SQL
 * planning uses.
 */
import { didYouMean, QuiverError } from '@quiver/common';
import type { LogicalPlan, TableResolver } from '@quiver/planner';
import type { TableProvider } from '@quiver/exec';
import type { FileFormatRegistry } from './file-formats.js';

export class Catalog implements TableResolver {
  private readonly tables = new Map<string, TableProvider>();
  private readonly views = new Map<string, LogicalPlan>();

  constructor(private readonly formats: FileFormatRegistry) {}

  registerTable(name: string, provider: TableProvider, replace = true): void {
    if (!replace && this.has(name)) throw new QuiverError('PLAN', `table '${name}' already exists`);
    this.views.delete(name);
    this.tables.set(name, provider);
  }

  registerView(name: string, plan: LogicalPlan, replace: boolean): void {
    if (this.tables.has(name)) throw new QuiverError('PLAN', `'${name}' is a table, not a view`);
    if (!replace && this.views.has(name)) throw new QuiverError('PLAN', `view '${name}' already exists`);
    this.views.set(name, plan);
  }

  /** Remove a table or view; throws a PLAN error with suggestions when absent unless `ifExists`. */
  drop(kind: 'table' | 'view', name: string, ifExists: boolean): void {
    const map = kind === 'table' ? this.tables : this.views;
    if (map.delete(name) || ifExists) return;
    const other = kind === 'table' ? this.views : this.tables;
    const hint = other.has(name) ? ` ('${name}' is a ${kind === 'table' ? 'view' : 'table'})` : didYouMean(name, map.keys());
    throw new QuiverError('PLAN', `${kind} '${name}' not found${hint}`);
  }

  has(name: string): boolean {
    return this.tables.has(name) || this.views.has(name);
  }

  table(name: string): TableProvider | undefined {
    const t = this.tables.get(name);
    if (t) return t;
    if (this.views.has(name)) return undefined;
    // A file path used as a table name: open it by its extension.
    if (this.formats.formatOf(name)) {
      const provider = this.formats.open(name);
      this.tables.set(name, provider);
      return provider;
    }
    return undefined;
  }

  view(name: string): LogicalPlan | undefined {
    return this.views.get(name);
  }

  tableNames(): string[] {
    return [...this.tables.keys(), ...this.views.keys()];
  }
}
