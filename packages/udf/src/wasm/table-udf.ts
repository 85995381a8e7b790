/**
 * A table function of a WebAssembly module as a `TableFunction`. `<export>_open` gets the argument
 * columns (one row for constant arguments in FROM; a whole input batch for LATERAL use) and returns
 * a handle; `<export>_next` fills host-prepared output columns and the input-row index column with
 * up to 8,192 rows per call until it returns 0; `<export>_close` ends it. In FROM, the rows are
 * collected into an Arrow table, which `toSource` turns into the scannable table (the session
 * passes its in-memory table); as `lateral`, each `_next` result is one chunk.
 */
import { QuiverError } from '@quiver/common';
import type { ColumnarValue, TableFunctionChunk } from '@quiver/planner';
import { Desc } from './abi.js';
import { ChunkedTableFunction, type TableSourceFactory } from './chunked-table.js';
import { DESC_SLOT, prepareOutput, readOutput, writeColumn } from './columns.js';
import { signatureText, type ManifestFunction } from './manifest.js';
import type { WasmUdfModule } from './udf-module.js';

export const TABLE_BATCH_ROWS = 8192;

export class WasmTableFunction extends ChunkedTableFunction {
  constructor(
    readonly module: WasmUdfModule,
    readonly spec: ManifestFunction,
    toSource: TableSourceFactory,
    sqlName: string = spec.name,
  ) {
    const label = `table function ${signatureText({ ...spec, name: sqlName })} (${module.name})`;
    super(sqlName, spec.args, spec.columns, spec.nulls === 'strict', label, toSource);
  }

  /** Open the function over `numRows` argument rows and yield each `_next` result; closes at the end. */
  protected *chunks(args: readonly ColumnarValue[], numRows: number): Generator<TableFunctionChunk> {
    if (numRows === 0) return;
    const inst = this.module.acquire();
    let handle = 0;
    try {
      const nargs = args.length;
      const ncols = this.spec.columns.length;
      const descs = inst.scratch(DESC_SLOT, (nargs + ncols + 1) * Desc.size, 8, this.label);
      args.forEach((a, i) => writeColumn(inst, i, descs + i * Desc.size, a, this.spec.args[i]!, numRows, this.label));
      const open = inst.func(`${this.spec.export}_open`);
      handle = inst.call(this.label, () => open(descs, nargs, numRows));
      if (handle === 0) throw inst.statusError(this.label, 0);
      const outs = descs + nargs * Desc.size;
      const rowIndex = outs + ncols * Desc.size;
      const next = inst.func(`${this.spec.export}_next`);
      for (;;) {
        const prepared = this.spec.columns.map((c, k) => prepareOutput(inst, nargs + k, outs + k * Desc.size, c.type, TABLE_BATCH_ROWS, true, this.label));
        const preparedIndex = prepareOutput(inst, nargs + ncols, rowIndex, { kind: 'Int32' }, TABLE_BATCH_ROWS, false, this.label);
        const rows = inst.call(this.label, () => next(handle, TABLE_BATCH_ROWS, outs, rowIndex));
        if (rows === 0) break;
        if (rows < 0) throw inst.statusError(this.label, rows);
        if (rows > TABLE_BATCH_ROWS) {
          inst.broken = true;
          throw new QuiverError('WASM', `${this.label} returned a bad result: ${rows} rows from a call allowed ${TABLE_BATCH_ROWS}`);
        }
        const dv = new DataView(inst.bytes().buffer);
        const columns = this.spec.columns.map((c, k) => {
          dv.setUint32(outs + k * Desc.size + Desc.length, rows, true);
          return readOutput(inst, outs + k * Desc.size, c.type, rows, prepared[k]!, null, this.label);
        });
        dv.setUint32(rowIndex + Desc.length, rows, true);
        const index = readOutput(inst, rowIndex, { kind: 'Int32' }, rows, preparedIndex, null, this.label).values as Int32Array;
        yield { columns, rowIndex: index };
      }
      const closing = handle;
      handle = 0;
      const close = inst.func(`${this.spec.export}_close`);
      const status = inst.call(this.label, () => close(closing));
      if (status !== 0) throw inst.statusError(this.label, status);
    } finally {
      // Abandoned early (LIMIT) or failed: close the handle so the instance can be reused.
      if (handle !== 0 && !inst.broken) {
        try {
          inst.call(this.label, () => inst.func(`${this.spec.export}_close`)(handle));
        } catch {
          inst.broken = true;
        }
      }
      this.module.release(inst);
    }
  }
}
