/**
 * A table function of a sandboxed module: the arguments go to the worker once (`tableOpen`), and
 * every chunk comes back from its own `tableNext` request, so each guest `_next` call has the CPU
 * deadline. Stopping early sends `tableClose`; a worker restarted in between fails the call.
 */
import { QuiverError } from '@quiver/common';
import type { ColumnarValue, TableFunctionChunk } from '@quiver/planner';
import { ChunkedTableFunction, type TableSourceFactory } from './chunked-table.js';
import { signatureText, type ManifestFunction } from './manifest.js';
import type { WasmSandbox } from './sandbox.js';
import { fromWire, valueToWire } from './sandbox-wire.js';

export class SandboxedTable extends ChunkedTableFunction {
  constructor(
    private readonly sandbox: WasmSandbox,
    private readonly spec: ManifestFunction,
    private readonly index: number,
    toSource: TableSourceFactory,
  ) {
    super(spec.name, spec.args, spec.columns, spec.nulls === 'strict', `table function ${signatureText(spec)} (${sandbox.name})`, toSource);
  }

  protected *chunks(args: readonly ColumnarValue[], numRows: number): Generator<TableFunctionChunk> {
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

