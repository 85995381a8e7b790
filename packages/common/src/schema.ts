/**
 * Fields and schemas. A field may carry a qualifier (the table or alias it comes from), so the same
 * schema type serves table definitions and the qualified schemas of logical plans.
 */
import * as arrow from 'apache-arrow';
import { didYouMean, QuiverError } from './error.js';
import { fromArrowType, toArrowType, typeToString, type DataType } from './types.js';

export class Field {
  constructor(
    readonly name: string,
    readonly type: DataType,
    readonly nullable: boolean = true,
    readonly qualifier: string | null = null,
  ) {}

  /** `qualifier.name`, or `name` when unqualified. */
  get qualifiedName(): string {
    return this.qualifier === null ? this.name : `${this.qualifier}.${this.name}`;
  }

  withQualifier(qualifier: string | null): Field {
    return new Field(this.name, this.type, this.nullable, qualifier);
  }
  withName(name: string): Field {
    return new Field(name, this.type, this.nullable, this.qualifier);
  }
  withNullable(nullable: boolean): Field {
    return new Field(this.name, this.type, nullable, this.qualifier);
  }
  toString(): string {
    return `${this.qualifiedName}:${typeToString(this.type)}${this.nullable ? '' : ' NOT NULL'}`;
  }
}

export class Schema {
  readonly fields: readonly Field[];

  constructor(fields: readonly Field[]) {
    this.fields = fields;
  }

  static empty(): Schema {
    return new Schema([]);
  }

  get length(): number {
    return this.fields.length;
  }

  field(i: number): Field {
    const f = this.fields[i];
    if (!f) throw new QuiverError('INTERNAL', `schema has no field #${i}`);
    return f;
  }

  /**
   * Index of the field called `name` (case-sensitive, already normalized by the caller), restricted to
   * `qualifier` when given; -1 when absent. Throws when an unqualified name matches fields of several tables.
   */
  indexOf(name: string, qualifier: string | null = null): number {
    let found = -1;
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i]!;
      if (f.name !== name) continue;
      if (qualifier !== null && f.qualifier !== qualifier) continue;
      if (found >= 0) {
        if (qualifier === null && f.qualifier !== this.fields[found]!.qualifier) {
          throw new QuiverError('PLAN', `column reference '${name}' is ambiguous: it could be ${this.fields[found]!.qualifiedName} or ${f.qualifiedName}`);
        }
        continue;
      }
      found = i;
    }
    return found;
  }

  /** Like `indexOf`, but throws a PLAN error naming the closest fields when absent. */
  resolve(name: string, qualifier: string | null = null): number {
    const i = this.indexOf(name, qualifier);
    if (i >= 0) return i;
    const shown = qualifier === null ? name : `${qualifier}.${name}`;
    const candidates = this.fields.map((f) => (qualifier === null ? f.name : f.qualifiedName));
    throw new QuiverError('PLAN', `column '${shown}' not found${didYouMean(shown, candidates)}`);
  }

  withQualifier(qualifier: string | null): Schema {
    return new Schema(this.fields.map((f) => f.withQualifier(qualifier)));
  }

  concat(other: Schema): Schema {
    return new Schema([...this.fields, ...other.fields]);
  }

  project(indices: readonly number[]): Schema {
    return new Schema(indices.map((i) => this.field(i)));
  }

  toArrow(): arrow.Schema {
    return new arrow.Schema(this.fields.map((f) => new arrow.Field(f.name, toArrowType(f.type), f.nullable)));
  }

  static fromArrow(schema: arrow.Schema, qualifier: string | null = null): Schema {
    return new Schema(schema.fields.map((f) => new Field(f.name, fromArrowType(f.type), f.nullable, qualifier)));
  }

  toString(): string {
    return `[${this.fields.map(String).join(', ')}]`;
  }
}
