/**
 * ValuesExec and EmptyExec: relations given in the plan itself — literal rows (VALUES), no rows, or
 * the single column-less row a SELECT without FROM reads.
 */
import * as arrow from 'apache-arrow';
import { QuiverError, toArrowType, typeToString, type Schema } from '@quiver/common';
import type { TaskContext } from '../execution-plan.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { ExecBase } from './exec-base.js';
import { makeBatch } from '../selection/record-batch.js';
import { concatData } from '../selection/concat.js';
import { nullColumn } from '../selection/make-column.js';

export class ValuesExec extends ExecBase {
  readonly name = 'ValuesExec';

  /** `rows[r][c]` is evaluated once; its type must be the column's type (or NULL). */
  constructor(
    schema: Schema,
    readonly rows: readonly (readonly PhysicalExpr[])[],
  ) {
    super(schema, []);
  }

  describe(): string {
    return `ValuesExec: rows=${this.rows.length}`;
  }

  protected async *run(_ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    if (this.rows.length === 0) return;
    const oneRow = makeBatch(new arrow.Schema([]), [], 1);
    const fields = this.schema.fields;
    const columns = fields.map((f, c) => {
      const type = toArrowType(f.type);
      const cells = this.rows.map((row) => {
        const expr = row[c]!;
        if (expr.type.kind === 'Null') return nullColumn(type, 1);
        if (expr.type.kind !== f.type.kind) {
          throw new QuiverError('INTERNAL', `VALUES column ${f.name} is ${typeToString(f.type)} but ${expr} is ${typeToString(expr.type)}`);
        }
        return expr.evaluate(oneRow);
      });
      return concatData(type, cells);
    });
    yield makeBatch(this.arrowSchema, columns, this.rows.length);
  }
}

export class EmptyExec extends ExecBase {
  readonly name = 'EmptyExec';

  /** No rows, or with `produceOneRow` a single row (all NULL when the schema has columns). */
  constructor(
    schema: Schema,
    readonly produceOneRow: boolean,
  ) {
    super(schema, []);
  }

  describe(): string {
    return `EmptyExec: produce_one_row=${this.produceOneRow}`;
  }

  protected async *run(_ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    if (!this.produceOneRow) return;
    const columns = this.schema.fields.map((f) => nullColumn(toArrowType(f.type), 1));
    yield makeBatch(this.arrowSchema, columns, 1);
  }
}
