/**
 * An aggregate function of a WebAssembly module as an `AggregateFunction`. Each accumulator takes
 * its own instance and keeps one fixed-size state per group in that instance's memory (grown by
 * doubling: new states are initialized by `<export>_init`, old ones moved with their bytes), feeds
 * batches to `<export>_update` with the row's group id (-1 for rows a strict function skips), and
 * produces every group's value with `<export>_finalize`. The instance goes back to the pool after
 * `evaluate`.
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, type DataType } from '@quiver/common';
import type { AggregateFunction, GroupsAccumulator } from '@quiver/planner';
import { Desc } from './abi.js';
import { andBits, validityBits } from './bits.js';
import { DESC_SLOT, GROUP_IDS_SLOT, prepareOutput, readOutput, writeColumn } from './columns.js';
import type { GuestInstance } from './guest-instance.js';
import { signatureText, type ManifestFunction } from './manifest.js';
import { coerceToSignature } from './signature.js';
import type { WasmUdfModule } from './udf-module.js';


export class WasmAggregateFunction implements AggregateFunction {
  readonly name: string;
  readonly parameterTypes: readonly DataType[];
  readonly returns: DataType;
  readonly label: string;

  constructor(
    readonly module: WasmUdfModule,
    readonly spec: ManifestFunction,
    sqlName: string = spec.name,
  ) {
    this.name = sqlName;
    this.parameterTypes = spec.args;
    this.returns = spec.ret;
    this.label = `aggregate ${signatureText({ name: sqlName, args: spec.args, ret: spec.ret })} (${module.name})`;
  }

  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    return coerceToSignature(this.name, [this.parameterTypes], argTypes);
  }

  returnType(): DataType {
    return this.returns;
  }

  createAccumulator(_argTypes: readonly DataType[], _returnType: DataType, distinct: boolean): GroupsAccumulator {
    if (distinct) throw new QuiverError('NOT_IMPLEMENTED', `${this.label}: DISTINCT is not supported for WebAssembly aggregates`);
    return new WasmGroupsAccumulator(this);
  }
}

class WasmGroupsAccumulator implements GroupsAccumulator {
  private inst: GuestInstance | null;
  private states = 0;
  private capacity = 0;
  private readonly size: number;
  private readonly align: number;

  constructor(private readonly fn: WasmAggregateFunction) {
    this.inst = fn.module.acquire();
    this.size = fn.spec.stateSize;
    this.align = fn.spec.stateAlign;
  }

  private instance(): GuestInstance {
    if (this.inst === null) throw new QuiverError('INTERNAL', `${this.fn.label}: accumulator used after evaluate`);
    if (this.inst.broken) throw new QuiverError('WASM', `${this.fn.label}: the module instance failed earlier in this aggregation`);
    return this.inst;
  }

  private ensureStates(inst: GuestInstance, numGroups: number): void {
    if (numGroups <= this.capacity) return;
    const label = this.fn.label;
    const capacity = Math.max(numGroups, this.capacity * 2, 16);
    const ptr = inst.alloc(capacity * this.size, this.align, label);
    if (this.capacity > 0) {
      inst.bytes().copyWithin(ptr, this.states, this.states + this.capacity * this.size);
      inst.free(this.states, this.capacity * this.size, this.align);
    }
    const init = inst.func(`${this.fn.spec.export}_init`);
    const from = ptr + this.capacity * this.size;
    const count = capacity - this.capacity;
    this.states = ptr;
    this.capacity = capacity;
    const status = inst.call(label, () => init(from, count));
    if (status !== 0) throw inst.statusError(label, status);
  }

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    const inst = this.instance();
    const label = this.fn.label;
    const n = groupIds.length;
    this.ensureStates(inst, numGroups);
    if (n === 0) return;
    const nargs = args.length;
    const descs = inst.scratch(DESC_SLOT, nargs * Desc.size, 8, label);
    const gids = inst.scratch(GROUP_IDS_SLOT, n * 4, 8, label);
    for (let i = 0; i < nargs; i++) writeColumn(inst, i, descs + i * Desc.size, { kind: 'array', data: args[i]! }, this.fn.parameterTypes[i]!, n, label);
    const guestIds = new Int32Array(inst.bytes().buffer, gids, n);
    guestIds.set(groupIds);
    if (this.fn.spec.nulls === 'strict') {
      let valid: Uint8Array | null = null;
      for (const a of args) valid = andBits(valid, validityBits(a), n);
      if (valid !== null) for (let i = 0; i < n; i++) if (((valid[i >> 3]! >> (i & 7)) & 1) === 0) guestIds[i] = -1;
    }
    const update = inst.func(`${this.fn.spec.export}_update`);
    const status = inst.call(label, () => update(this.states, gids, descs, nargs, n));
    if (status !== 0) throw inst.statusError(label, status);
  }

  evaluate(numGroups: number): arrow.Data {
    const inst = this.instance();
    const label = this.fn.label;
    this.ensureStates(inst, numGroups);
    const outDesc = inst.scratch(DESC_SLOT, Desc.size, 8, label);
    const prepared = prepareOutput(inst, 0, outDesc, this.fn.returns, numGroups, true, label);
    const finalize = inst.func(`${this.fn.spec.export}_finalize`);
    const status = inst.call(label, () => finalize(this.states, numGroups, outDesc));
    if (status !== 0) throw inst.statusError(label, status);
    const out = readOutput(inst, outDesc, this.fn.returns, numGroups, prepared, null, label);
    const free = inst.exports[`${this.fn.spec.export}_free`];
    if (typeof free === 'function') inst.call(label, () => free(this.states, this.capacity) as number);
    inst.free(this.states, this.capacity * this.size, this.align);
    this.fn.module.release(inst);
    this.inst = null;
    return out;
  }

  memoryBytes(): number {
    return this.capacity * this.size;
  }
}
