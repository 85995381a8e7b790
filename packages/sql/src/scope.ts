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
    let i: number;
    try {
      i = this.schema.indexOf(name, qualifier);
    } catch (err) {
      const merged = qualifier === null ? this.using.get(name) : undefined;
      if (!merged || !(err instanceof QuiverError)) throw err;
      i = this.schema.indexOf(name, merged.preferred);
    }
    if (i < 0) return null;
    const f = this.schema.field(i);
    // A derived table may have two columns of one name (`(select a.id, b.id …) t`): `t.id` is ambiguous.
    if (this.schema.fields.some((g, j) => j !== i && g.name === f.name && g.qualifier === f.qualifier)) {
      throw new QuiverError('PLAN', `column reference '${f.qualifiedName}' is ambiguous: '${f.qualifier ?? 'the input'}' has several columns named '${f.name}'`);
    }
    return f;
  }

  /** The columns `*` stands for: USING-merged columns first (as in PostgreSQL), then the rest in order. */
  wildcardFields(): Field[] {
    const fields = this.schema.fields;
    const merged = fields.filter((f) => this.using.has(f.name) && this.using.get(f.name)!.preferred === f.qualifier);
    return [...merged, ...fields.filter((f) => !merged.includes(f) && !this.hiddenByUsing(f))];
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
  private hiddenByUsing(f: Field): boolean {
    const merged = this.using.get(f.name);
    return merged !== undefined && merged.hidden.includes(f.qualifier);
  }
}
