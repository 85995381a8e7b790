/**
 * What every WebAssembly aggregate (ABI v1 module, sandboxed module, component) shares: its
 * signature from the manifest, argument coercion, the label its errors start with, and refusing
 * DISTINCT. Subclasses make the accumulators.
 */
import { QuiverError, type DataType } from '@quiver/common';
import type { AggregateFunction, GroupsAccumulator } from '@quiver/planner';
import { signatureText, type ManifestFunction } from './manifest.js';
import { coerceToSignature } from './signature.js';

export abstract class UdfAggregateFunction implements AggregateFunction {
  readonly parameterTypes: readonly DataType[];
  readonly returns: DataType;
  readonly label: string;

  protected constructor(
    readonly name: string,
    spec: ManifestFunction,
    moduleName: string,
  ) {
    this.parameterTypes = spec.args;
    this.returns = spec.ret;
    this.label = `aggregate ${signatureText({ name, args: spec.args, ret: spec.ret })} (${moduleName})`;
  }

  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    return coerceToSignature(this.name, [this.parameterTypes], argTypes);
  }

  returnType(): DataType {
    return this.returns;
  }

  createAccumulator(_argTypes: readonly DataType[], _returnType: DataType, distinct: boolean): GroupsAccumulator {
    if (distinct) throw new QuiverError('NOT_IMPLEMENTED', `${this.label}: DISTINCT is not supported for WebAssembly aggregates`);
    return this.newAccumulator();
  }

  protected abstract newAccumulator(): GroupsAccumulator;
}
