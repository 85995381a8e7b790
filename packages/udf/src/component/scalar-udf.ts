/**
 * A scalar function of a UDF component as a `ScalarFunction`: one `scalar(entry, args, nrows)` call
 * per batch. As in ABI v1, a strict function's NULLs are computed by the host (the AND of the
 * argument validities, no call for an all-NULL batch); a called-on-NULL function returns its own.
 */
import type * as arrow from 'apache-arrow';
import type { DataType } from '@quiver/common';
import type { ColumnarValue, ScalarFunction, Volatility } from '@quiver/planner';
import { andBits, countNulls } from '../wasm/bits.js';
import { allNullColumn, argValidity } from '../wasm/columns.js';
import { signatureText, type ManifestFunction } from '../wasm/manifest.js';
import { coerceToSignature } from '../wasm/signature.js';
import { fromWitColumn, toWitColumn } from './columns.js';
import type { ComponentUdfModule } from './component-module.js';

export class ComponentScalarFunction implements ScalarFunction {
  readonly name: string;
  readonly parameterTypes: readonly DataType[];
  private readonly label: string;

  constructor(
    readonly module: ComponentUdfModule,
    readonly spec: ManifestFunction,
    sqlName: string = spec.name,
    readonly volatility: Volatility = spec.volatility,
  ) {
    this.name = sqlName;
    this.parameterTypes = spec.args;
    this.label = `function ${signatureText({ name: sqlName, args: spec.args, ret: spec.ret })} (${module.name})`;
  }

  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    return coerceToSignature(this.name, [this.parameterTypes], argTypes);
  }

  returnType(): DataType {
    return this.spec.ret;
  }

  invoke(args: readonly ColumnarValue[], numRows: number): arrow.Data {
    const ret = this.spec.ret;
    const strict = this.spec.nulls === 'strict';
    let validity: Uint8Array | null = null;
    if (strict) for (const a of args) validity = andBits(validity, argValidity(a, numRows), numRows);
    if (numRows === 0 || (validity !== null && countNulls(validity, numRows) === numRows)) return allNullColumn(ret, numRows);
    const columns = args.map((a, i) => toWitColumn(a, this.parameterTypes[i]!, numRows));
    const inst = this.module.acquire();
    try {
      return inst.call(this.label, (f) => fromWitColumn(f.scalar(this.spec.export, columns, numRows), ret, numRows, strict ? validity : undefined));
    } finally {
      this.module.release(inst);
    }
  }
}
