/**
 * An arrow-udf table function (`name(args)->>type`): the export is called with the argument batch
 * and leaves an iterator pointer in its CSlice slot; `record_batch_iterator_next(iter, slot)` then
 * yields IPC files with the input-row index in column `row`, the values, and optionally per-row
 * `error`s, until it leaves a null pointer; `record_batch_iterator_drop(iter)` ends it. Each file
 * is one chunk of the batch (LATERAL) form; in FROM with constants the chunks become a table.
 */
import * as arrow from 'apache-arrow';
import { QuiverError, typeToString, type DataType } from '@quiver/common';
import type { ColumnarValue, TableFunctionChunk } from '@quiver/planner';
import { ChunkedTableFunction, type TableSourceFactory } from '../wasm/chunked-table.js';
import type { ArrowUdfModule } from './arrow-udf-module.js';
import { callWithInput, freeInput, readResultTable, slotPointer, takeSlice } from './call.js';
import { decodeResult, encodeArguments } from './ipc-columns.js';

export class ArrowUdfTableFunction extends ChunkedTableFunction {
  constructor(
    private readonly module: ArrowUdfModule,
    private readonly exportName: string,
    name: string,
    parameterTypes: readonly DataType[],
    private readonly returns: DataType,
    toSource: TableSourceFactory,
  ) {
    const label = `table function ${name}(${parameterTypes.map(typeToString).join(', ')}) (${module.name}, arrow-udf)`;
    super(name, parameterTypes, [{ name, type: returns }], false, label, toSource);
  }

  protected *chunks(args: readonly ColumnarValue[], numRows: number): Generator<TableFunctionChunk> {
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
