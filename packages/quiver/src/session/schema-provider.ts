/**
 * Catalog and schema providers: groups of tables a session reaches by qualified name —
 * `schema.table` through a `SchemaProvider`, `catalog.schema.table` through a `CatalogProvider`.
 * Implement them to expose tables that live elsewhere (a directory, a metastore, a remote service);
 * the in-memory versions are the defaults. Tables are looked up when a query names them.
 */
import { didYouMean, QuiverError } from '@quiver/common';
import type { TableProvider } from '@quiver/exec';

export interface SchemaProvider {
  /** The tables' names, for listings and "did you mean" suggestions. */
  tableNames(): Iterable<string>;
  /** The table called `name` (already normalized: unquoted names are lower case), or undefined. */
  table(name: string): TableProvider | undefined;
}

export interface CatalogProvider {
  schemaNames(): Iterable<string>;
  schema(name: string): SchemaProvider | undefined;
}

/** A schema whose tables are registered by the application. */
export class MemorySchemaProvider implements SchemaProvider {
  private readonly tables = new Map<string, TableProvider>();

  register(name: string, table: TableProvider): this {
    this.tables.set(name, table);
    return this;
  }

  deregister(name: string): void {
    if (!this.tables.delete(name)) throw new QuiverError('PLAN', `table '${name}' not found${didYouMean(name, this.tables.keys())}`);
  }

  tableNames(): string[] {
    return [...this.tables.keys()];
  }

  table(name: string): TableProvider | undefined {
    return this.tables.get(name);
  }
}

/** A catalog whose schemas are registered by the application. */
export class MemoryCatalogProvider implements CatalogProvider {
  private readonly schemas = new Map<string, SchemaProvider>();

  register(name: string, schema: SchemaProvider): this {
    this.schemas.set(name, schema);
    return this;
  }

  schemaNames(): string[] {
    return [...this.schemas.keys()];
  }

  schema(name: string): SchemaProvider | undefined {
    return this.schemas.get(name);
  }
}
