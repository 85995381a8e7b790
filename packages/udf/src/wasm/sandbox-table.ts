/**
 * A table function of a sandboxed module: the arguments go to the worker once (`tableOpen`), and
 * every chunk comes back from its own `tableNext` request, so each guest `_next` call has the CPU
 * deadline. Stopping early sends `tableClose`; a worker restarted in between fails the call.
 */
import * as arrow from 'apache-arrow';
import { Field, QuiverError, toArrowType, type ScalarValue } from '@quiver/common';
import type { ColumnarValue, LateralTableFunction, TableFunction, TableFunctionChunk, TableSource } from '@quiver/planner';
import { signatureText, type ManifestFunction } from './manifest.js';
import type { WasmSandbox } from './sandbox.js';
import { fromWire, valueToWire } from './sandbox-wire.js';
import { coerceToSignature } from './signature.js';
import { castScalar, type TableSourceFactory } from './table-udf.js';

export class SandboxedTable implements TableFunction {
  readonly name: string;
  readonly lateral: LateralTableFunction;
  private readonly label: string;
  private readonly schema: arrow.Schema;

  constructor(
    private readonly sandbox: WasmSandbox,
    private readonly spec: ManifestFunction,
    private readonly index: number,
    private readonly toSource: TableSourceFactory,
  ) {
    this.name = spec.name;
    this.label = `table function ${signatureText(spec)} (${sandbox.name})`;
    this.schema = new arrow.Schema(spec.columns.map((c) => new arrow.Field(c.name, toArrowType(c.type), true)));
    const fields = spec.columns.map((c) => new Field(c.name, c.type, true));
    this.lateral = {
      strict: spec.nulls === 'strict',
      coerceArgs: (argTypes) => coerceToSignature(this.name, [this.spec.args], argTypes),
      outputFields: () => fields,
      invoke: (args, numRows) => this.chunks(args, numRows),
    };
  }

  call(args: readonly ScalarValue[]): TableSource {
    coerceToSignature(this.name, [this.spec.args], args.map((a) => a.type));
    const values = args.map((a, i) => castScalar(a, this.spec.args[i]!, this.label));
    const batches: arrow.RecordBatch[] = [];
    if (this.spec.nulls !== 'strict' || values.every((v) => v.value !== null)) {
      for (const chunk of this.chunks(values.map((value) => ({ kind: 'scalar', value })), 1)) {
        const struct = arrow.makeData({ type: new arrow.Struct(this.schema.fields), length: chunk.rowIndex.length, children: [...chunk.columns], nullCount: 0 });
        batches.push(new arrow.RecordBatch(this.schema, struct));
      }
    }
    return this.toSource(new arrow.Table(this.schema, batches), this.name);
  }

  private *chunks(args: readonly ColumnarValue[], numRows: number): Generator<TableFunctionChunk> {
    if (numRows === 0) return;
    const id = this.sandbox.newAccumulatorId();
    const generation = this.sandbox.generation;
    const wire = args.map((a, i) => valueToWire(a, this.spec.args[i]!));
    this.sandbox.exchange({ op: 'tableOpen', id, fn: this.index, args: wire, numRows }, this.label);
    let open = true;
    try {
      for (;;) {
        if (this.sandbox.generation !== generation) throw new QuiverError('WASM', `${this.label}: the sandbox worker was restarted during this call`);
        const { chunk } = this.sandbox.exchange({ op: 'tableNext', id }, this.label);
        if (!chunk) {
          open = false;
          return;
        }
        yield { columns: chunk.columns.map(fromWire), rowIndex: chunk.rowIndex };
      }
    } finally {
      if (open && this.sandbox.generation === generation) this.sandbox.exchange({ op: 'tableClose', id }, this.label);
    }
  }
}

