/**
 * The face every WebAssembly table function shows the engine (ABI v1 modules, sandboxed modules,
 * arrow-udf modules): argument coercion, the LATERAL form over the subclass's chunk generator, and
 * the FROM form, which runs that generator over one row of constant arguments and collects its
 * chunks into an Arrow table for `toSource`. Subclasses own the guest calls (open, next, close).
 */
import * as arrow from 'apache-arrow';
import { Field, QuiverError, toArrowType, typesEqual, typeToString, type DataType, type ScalarValue } from '@quiver/common';
import type { ColumnarValue, LateralTableFunction, TableFunction, TableFunctionChunk, TableSource } from '@quiver/planner';
import { coerceToSignature, implicitlyCastable } from './signature.js';

export type TableSourceFactory = (table: arrow.Table, name: string) => TableSource;

/** An output column of a table function. */
export interface TableColumn {
  readonly name: string;
  readonly type: DataType;
}

export abstract class ChunkedTableFunction implements TableFunction {
  readonly lateral: LateralTableFunction;
  private readonly schema: arrow.Schema;

  protected constructor(
    readonly name: string,
    readonly parameterTypes: readonly DataType[],
    columns: readonly TableColumn[],
    /** NULL in any argument gives no rows, without calling the guest. */
    private readonly strict: boolean,
    protected readonly label: string,
    private readonly toSource: TableSourceFactory,
  ) {
    this.schema = new arrow.Schema(columns.map((c) => new arrow.Field(c.name, toArrowType(c.type), true)));
    const fields = columns.map((c) => new Field(c.name, c.type, true));
    this.lateral = {
      strict,
      coerceArgs: (argTypes) => coerceToSignature(this.name, [this.parameterTypes], argTypes),
      outputFields: () => fields,
      invoke: (args, numRows) => this.chunks(args, numRows),
    };
  }

  call(args: readonly ScalarValue[]): TableSource {
    coerceToSignature(this.name, [this.parameterTypes], args.map((a) => a.type));
    const values = args.map((a, i) => castScalar(a, this.parameterTypes[i]!, this.label));
    const batches: arrow.RecordBatch[] = [];
    if (!this.strict || values.every((v) => v.value !== null)) {
      for (const chunk of this.chunks(values.map((value) => ({ kind: 'scalar', value })), 1)) {
        const struct = arrow.makeData({ type: new arrow.Struct(this.schema.fields), length: chunk.rowIndex.length, children: [...chunk.columns], nullCount: 0 });
        batches.push(new arrow.RecordBatch(this.schema, struct));
      }
    }
    return this.toSource(new arrow.Table(this.schema, batches), this.name);
  }

  /** The rows for `numRows` argument rows, a chunk at a time; a generator stopped early (LIMIT) ends the guest's call. */
  protected abstract chunks(args: readonly ColumnarValue[], numRows: number): Generator<TableFunctionChunk>;
}

/** A constant argument as a value of the parameter type (the implicit casts of overload resolution). */
function castScalar(s: ScalarValue, to: DataType, label: string): ScalarValue {
  if (s.value === null || typesEqual(s.type, to)) return { type: to, value: s.value };
  if (!implicitlyCastable(s.type, to)) throw new QuiverError('TYPE', `${label}: cannot pass ${typeToString(s.type)} as ${typeToString(to)}`);
  switch (to.kind) {
    case 'Int64':
      return { type: to, value: BigInt(s.value as number | bigint) };
    case 'Int8':
    case 'Int16':
    case 'Int32':
    case 'Float32':
    case 'Float64':
      return { type: to, value: Number(s.value as number | bigint) };
    default:
      throw new QuiverError('NOT_IMPLEMENTED', `${label}: passing ${typeToString(s.type)} as ${typeToString(to)} to a table function`);
  }
}
