/**
 * Name resolution for one query level: the columns its FROM clause provides, the columns merged by
 * JOIN … USING, and the enclosing query levels that correlated subqueries may reference.
 */
import { QuiverError, type Field, type Schema } from '@quiver/common';
import type { Expr } from '@quiver/planner';
import type { Ident } from './ast.js';

/** A SQL identifier as a catalog name: unquoted identifiers are lower-cased, quoted ones kept. */
export function normalizeIdent(ident: Ident): string {
  return ident.quote_style === undefined ? ident.value.toLowerCase() : ident.value;
}

/** A column of a JOIN … USING list: the copy an unqualified name means, and the copies `*` leaves out. */
export interface UsingColumn {
  readonly preferred: string | null;
  readonly hidden: readonly (string | null)[];
}

export function columnExpr(f: Field): Expr {
  return { kind: 'column', qualifier: f.qualifier, name: f.name };
}

export class Scope {
  constructor(
    readonly schema: Schema,
    readonly parent: Scope | null,
    readonly using: ReadonlyMap<string, UsingColumn> = new Map(),
  ) {}

  /** The field `qualifier.name` of this level, or null; throws when an unqualified name is ambiguous. */
  local(name: string, qualifier: string | null): Field | null {
    try {
      const i = this.schema.indexOf(name, qualifier);
      return i < 0 ? null : this.schema.field(i);
    } catch (err) {
      const merged = qualifier === null ? this.using.get(name) : undefined;
      if (!merged || !(err instanceof QuiverError)) throw err;
      return this.schema.field(this.schema.indexOf(name, merged.preferred));
    }
  }

  /** The field in the nearest enclosing level that has it, as an outer reference, or null. */
  outer(name: string, qualifier: string | null): Expr | null {
    for (let s = this.parent; s !== null; s = s.parent) {
      const f = s.local(name, qualifier);
      if (f) return { kind: 'outerColumn', qualifier: f.qualifier, name: f.name, type: f.type };
    }
    return null;
  }

  /** Whether field `f` is a USING-merged duplicate that `*` leaves out. */
  hiddenByUsing(f: Field): boolean {
    const merged = this.using.get(f.name);
    return merged !== undefined && merged.hidden.includes(f.qualifier);
  }
}
