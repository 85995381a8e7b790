/**
 * The session catalog: registered tables and views by name, tables named by a file path in
 * the query itself (`SELECT * FROM 'data/lineitem.parquet'`), and schema and catalog providers
 * reached by qualified names (`schema.table`, `catalog.schema.table`). It is the `TableResolver`
 * that SQL planning uses.
 */
import { didYouMean, QuiverError } from '@quiver/common';
import type { LogicalPlan, TableResolver } from '@quiver/planner';
import type { TableProvider } from '@quiver/exec';
import { fileExists, type FileFormatRegistry } from './file-formats.js';
import type { CatalogProvider, SchemaProvider } from './schema-provider.js';

export class Catalog implements TableResolver {
  private readonly tables = new Map<string, TableProvider>();
  private readonly views = new Map<string, LogicalPlan>();
  private readonly schemas = new Map<string, SchemaProvider>();
  private readonly catalogs = new Map<string, CatalogProvider>();

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

  /** Make the tables of `provider` reachable as `name.table`. */
  registerSchema(name: string, provider: SchemaProvider): void {
    this.schemas.set(name, provider);
  }

  /** Make the tables of `provider` reachable as `name.schema.table`. */
  registerCatalog(name: string, provider: CatalogProvider): void {
    this.catalogs.set(name, provider);
  }

  /**
   * A registered table, else `schema.table` or `catalog.schema.table` through the providers; the
   * session's own tables are also `public.table` (and `datafusion.public.table`) unless a provider
   * takes that name.
   */
  table(name: string): TableProvider | undefined {
    const registered = this.tables.get(name);
    if (registered) return registered;
    const parts = name.split('.');
    if (parts.length === 2) return this.schemas.get(parts[0]!)?.table(parts[1]!) ?? this.defaultSchemaTable(parts);
    if (parts.length === 3) return this.catalogs.get(parts[0]!)?.schema(parts[1]!)?.table(parts[2]!) ?? this.defaultSchemaTable(parts);
    return undefined;
  }

  private defaultSchemaTable(parts: readonly string[]): TableProvider | undefined {
    const [schema, table] = parts.slice(-2);
    const catalog = parts.length === 3 ? parts[0] : 'datafusion';
    if (schema !== 'public' || catalog !== 'datafusion' || this.schemas.has('public')) return undefined;
    return this.tables.get(table!);
  }

  /**
   * Open the files that `sql` names by path (quoted, with a known extension, e.g.
   * `FROM 'data/lineitem.parquet'`) and register each under its path, so planning finds them.
   */
  async openPathsIn(sql: string): Promise<void> {
    for (const m of sql.matchAll(/'((?:[^']|'')+)'|"((?:[^"]|"")+)"/g)) {
      const path = (m[1] ?? m[2]!).replace(/''|""/g, (q) => q[0]!);
      if (this.has(path) || !this.formats.formatOf(path) || !(await fileExists(path))) continue;
      this.tables.set(path, await this.formats.open(path));
    }
  }

  view(name: string): LogicalPlan | undefined {
    return this.views.get(name);
  }

  tableNames(): string[] {
    const inSchemas = [...this.schemas].flatMap(([s, p]) => [...p.tableNames()].map((t) => `${s}.${t}`));
    const inCatalogs = [...this.catalogs].flatMap(([c, p]) =>
      [...p.schemaNames()].flatMap((s) => [...(p.schema(s)?.tableNames() ?? [])].map((t) => `${c}.${s}.${t}`)),
    );
    return [...this.tables.keys(), ...this.views.keys(), ...inSchemas, ...inCatalogs];
  }
}
