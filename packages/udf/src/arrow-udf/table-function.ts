/**
 * An arrow-udf table function (`name(args)->>type`): the export is called with the argument batch
 * and leaves an iterator pointer in its CSlice slot; `record_batch_iterator_next(iter, slot)` then
 * yields IPC files with the input-row index in column `row`, the values, and optionally per-row
 * `error`s, until it leaves a null pointer; `record_batch_iterator_drop(iter)` ends it. Each file
 * is one chunk of the batch (LATERAL) form; in FROM with constants the chunks become a table.
 */
import * as arrow from 'apache-arrow';
import { Field, QuiverError, toArrowType, typeToString, type DataType, type ScalarValue } from '@quiver/common';
import type { ColumnarValue, LateralTableFunction, TableFunction, TableFunctionChunk, TableSource } from '@quiver/planner';
import { coerceToSignature } from '../wasm/signature.js';
import { castScalar, type TableSourceFactory } from '../wasm/table-udf.js';
import type { ArrowUdfModule } from './arrow-udf-module.js';
import { callWithInput, freeInput, readResultTable, slotPointer, takeSlice } from './call.js';
import { decodeResult, encodeArguments } from './ipc-columns.js';

export class ArrowUdfTableFunction implements TableFunction {
  readonly lateral: LateralTableFunction;
  private readonly label: string;
  private readonly schema: arrow.Schema;

  constructor(
    private readonly module: ArrowUdfModule,
    private readonly exportName: string,
    readonly name: string,
    readonly parameterTypes: readonly DataType[],
    private readonly returns: DataType,
    private readonly toSource: TableSourceFactory,
  ) {
    this.label = `table function ${name}(${parameterTypes.map(typeToString).join(', ')}) (${module.name}, arrow-udf)`;
    this.schema = new arrow.Schema([new arrow.Field(name, toArrowType(returns), true)]);
    const fields = [new Field(name, returns, true)];
    this.lateral = {
      coerceArgs: (argTypes) => coerceToSignature(this.name, [this.parameterTypes], argTypes),
      outputFields: () => fields,
      invoke: (args, numRows) => this.chunks(args, numRows),
    };
  }

  call(args: readonly ScalarValue[]): TableSource {
    coerceToSignature(this.name, [this.parameterTypes], args.map((a) => a.type));
    const values = args.map((a, i) => castScalar(a, this.parameterTypes[i]!, this.label));
    const batches: arrow.RecordBatch[] = [];
    for (const chunk of this.chunks(values.map((value) => ({ kind: 'scalar', value })), 1)) {
      const struct = arrow.makeData({ type: new arrow.Struct(this.schema.fields), length: chunk.rowIndex.length, children: [...chunk.columns], nullCount: 0 });
      batches.push(new arrow.RecordBatch(this.schema, struct));
    }
    return this.toSource(new arrow.Table(this.schema, batches), this.name);
  }

  private *chunks(args: readonly ColumnarValue[], numRows: number): Generator<TableFunctionChunk> {
    if (numRows === 0) return;
    const input = encodeArguments(args, this.parameterTypes, numRows);
    const inst = this.module.acquire();
    let iterator = 0;
    let call = null;
    try {
      call = callWithInput(inst, this.exportName, input, this.label);
      if (call.status !== 0) throw new QuiverError('WASM', `${this.label} failed: ${new TextDecoder().decode(takeSlice(inst, call.slot, this.label))}${inst.log.suffix()}`);
      iterator = slotPointer(inst, call.slot).ptr;
      const next = inst.func('record_batch_iterator_next');
      for (;;) {
        inst.call(this.label, () => next(iterator, call!.slot));
        if (slotPointer(inst, call.slot).ptr === 0) break;
        const table = readResultTable(takeSlice(inst, call.slot, this.label), this.label);
        const row = table.getChild('row');
        const value = table.schema.fields.findIndex((f) => f.name !== 'row' && f.name !== 'error');
        if (row === null || row.data.length > 1 || row.type.typeId !== arrow.Type.Int || value < 0) {
          throw new QuiverError('WASM', `${this.label} returned a bad result: expected columns row (Int32) and ${this.name}, got ${table.schema.fields.map((f) => f.name).join(', ')}`);
        }
        if (table.numRows === 0) continue;
        const rowIndex = row.data[0]!.values as Int32Array;
        yield { columns: [decodeResult(table.getChildAt(value)!, this.returns, this.label)], rowIndex: rowIndex.subarray(0, table.numRows) };
      }
    } finally {
      if (!inst.broken) {
        if (call !== null) freeInput(inst, call);
        if (iterator !== 0) inst.call(this.label, () => inst.func('record_batch_iterator_drop')(iterator));
      }
      this.module.release(inst);
    }
  }
}
