/**
 * A scalar function of a WebAssembly module as a `ScalarFunction`: one guest call per batch
 * (`export(args: *Desc, nargs, nrows, out: *Desc) -> status`). Strict functions get NULL where
 * any argument is NULL, computed by the host; called-on-null functions set their own validity.
 */
import type * as arrow from 'apache-arrow';
import type { DataType } from '@quiver/common';
import type { ColumnarValue, ScalarFunction, Volatility } from '@quiver/planner';
import { Desc } from './abi.js';
import { andBits, countNulls } from './bits.js';
import { allNullColumn, argValidity, DESC_SLOT, prepareOutput, readOutput, writeColumn } from './columns.js';
import type { GuestInstance } from './guest-instance.js';
import { signatureText, type ManifestFunction } from './manifest.js';
import { coerceToSignature } from './signature.js';
import type { WasmUdfModule } from './udf-module.js';


export class WasmScalarFunction implements ScalarFunction {
  readonly name: string;
  readonly volatility: Volatility;
  readonly parameterTypes: readonly DataType[];
  readonly returns: DataType;
  private readonly label: string;

  constructor(
    readonly module: WasmUdfModule,
    readonly spec: ManifestFunction,
    sqlName: string = spec.name,
    volatility: Volatility = spec.volatility,
  ) {
    this.name = sqlName;
    this.volatility = volatility;
    this.parameterTypes = spec.args;
    this.returns = spec.ret;
    this.label = `function ${signatureText({ name: sqlName, args: spec.args, ret: spec.ret })} (${module.name})`;
  }

  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    return coerceToSignature(this.name, [this.parameterTypes], argTypes);
  }

  returnType(): DataType {
    return this.returns;
  }

  invoke(args: readonly ColumnarValue[], numRows: number): arrow.Data {
    const strict = this.spec.nulls === 'strict';
    let validity: Uint8Array | null = null;
    if (strict) {
      for (const a of args) validity = andBits(validity, argValidity(a, numRows), numRows);
      if (numRows === 0 || (validity !== null && countNulls(validity, numRows) === numRows)) return allNullColumn(this.returns, numRows);
    } else if (numRows === 0) {
      return allNullColumn(this.returns, 0);
    }
    const inst = this.module.acquire();
    try {
      return this.call(inst, args, numRows, strict ? (validity ?? null) : null);
    } finally {
      this.module.release(inst);
    }
  }

  private call(inst: GuestInstance, args: readonly ColumnarValue[], n: number, validity: Uint8Array | null): arrow.Data {
    const nargs = args.length;
    const descs = inst.scratch(DESC_SLOT, (nargs + 1) * Desc.size, 8, this.label);
    for (let i = 0; i < nargs; i++) writeColumn(inst, i, descs + i * Desc.size, args[i]!, this.parameterTypes[i]!, n, this.label);
    const outDesc = descs + nargs * Desc.size;
    const prepared = prepareOutput(inst, nargs, outDesc, this.returns, n, this.spec.nulls === 'called', this.label);
    const fn = inst.func(this.spec.export);
    const status = inst.call(this.label, () => fn(descs, nargs, n, outDesc));
    if (status !== 0) throw inst.statusError(this.label, status);
    return readOutput(inst, outDesc, this.returns, n, prepared, validity, this.label);
  }
}
