/**
 * An aggregate function of a WebAssembly module as an `AggregateFunction`. Each accumulator takes
 * its own instance and keeps one fixed-size state per group in that instance's memory (grown by
 * doubling: new states are initialized by `<export>_init`, old ones moved with their bytes), feeds
 * batches to `<export>_update` with the row's group id (-1 for rows a strict function skips), and
 * produces every group's value with `<export>_finalize`. The instance goes back to the pool after
 * `evaluate`. With an `<export>_merge` export it also takes part in two-phase aggregation: `state`
 * copies the flat state bytes out, `merge` copies partial states in and folds them into groups.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, type DataType } from '@quiver/common';
import type { GroupsAccumulator } from '@quiver/planner';
import { Desc } from './abi.js';
import { strictGroupIds } from './bits.js';
import { DESC_SLOT, GROUP_IDS_SLOT, PARTIAL_STATES_SLOT, prepareOutput, readOutput, writeColumn } from './columns.js';
import type { GuestInstance } from './guest-instance.js';
import type { ManifestFunction } from './manifest.js';
import { UdfAggregateFunction } from './udf-aggregate.js';
import type { WasmUdfModule } from './udf-module.js';

export class WasmAggregateFunction extends UdfAggregateFunction {
  /** Present when the module exports `<export>_merge`: partial states travel as one list of state bytes per group. */
  readonly stateTypes?: () => DataType[];

  constructor(
    readonly module: WasmUdfModule,
    readonly spec: ManifestFunction,
    sqlName: string = spec.name,
  ) {
    super(sqlName, spec, module.name);
    if (WebAssembly.Module.exports(module.module).some((e) => e.name === `${spec.export}_merge` && e.kind === 'function')) {
      this.stateTypes = () => [DataTypes.list(DataTypes.int8)];
    }
  }

  protected newAccumulator(): GroupsAccumulator {
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
    new Int32Array(inst.bytes().buffer, gids, n).set(this.fn.spec.nulls === 'strict' ? strictGroupIds(args, groupIds) : groupIds);
    const update = inst.func(`${this.fn.spec.export}_update`);
    const status = inst.call(label, () => update(this.states, gids, descs, nargs, n));
    if (status !== 0) throw inst.statusError(label, status);
  }

  /** Every group's state bytes, copied out as one list per group (states are flat: see docs/udf-abi.md §7). */
  state(numGroups: number): arrow.Data[] {
    const inst = this.instance();
    this.ensureStates(inst, numGroups);
    const size = this.size;
    const bytes = new Int8Array(numGroups * size);
    bytes.set(new Int8Array(inst.bytes().buffer, this.states, numGroups * size));
    const offsets = new Int32Array(numGroups + 1);
    for (let g = 0; g <= numGroups; g++) offsets[g] = g * size;
    this.finish(inst);
    const child = arrow.makeData({ type: new arrow.Int8(), length: bytes.length, data: bytes });
    return [arrow.makeData({ type: new arrow.List(new arrow.Field('item', new arrow.Int8(), true)), length: numGroups, nullCount: 0, valueOffsets: offsets, child })];
  }

  /** Copy partial states into the guest and fold each into its group with `<export>_merge`. */
  merge(states: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    const inst = this.instance();
    const label = this.fn.label;
    this.ensureStates(inst, numGroups);
    const list = states[0]!;
    const size = this.size;
    const offsets = list.valueOffsets as Int32Array;
    const items = list.children[0]!.values as Int8Array;
    const rows: number[] = [];
    for (let i = 0; i < groupIds.length; i++) {
      if (groupIds[i]! < 0) continue;
      if (offsets[i + 1]! - offsets[i]! !== size) throw new QuiverError('INTERNAL', `${label}: a partial state of ${offsets[i + 1]! - offsets[i]!} bytes, expected ${size}`);
      rows.push(i);
    }
    const n = rows.length;
    if (n === 0) return;
    const others = inst.scratch(PARTIAL_STATES_SLOT, n * size, this.align, label);
    const map = inst.scratch(GROUP_IDS_SLOT, n * 4, 8, label);
    const mem = inst.bytes();
    const guestMap = new Int32Array(mem.buffer, map, n);
    const base = items.byteOffset;
    for (let k = 0; k < n; k++) {
      const i = rows[k]!;
      mem.set(new Uint8Array(items.buffer, base + offsets[i]!, size), others + k * size);
      guestMap[k] = groupIds[i]!;
    }
    const merge = inst.func(`${this.fn.spec.export}_merge`);
    const status = inst.call(label, () => merge(this.states, others, map, n));
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
    this.finish(inst);
    return out;
  }

  /** Release the states (`<export>_free` first, when exported) and give the instance back. */
  private finish(inst: GuestInstance): void {
    const free = inst.exports[`${this.fn.spec.export}_free`];
    if (typeof free === 'function') inst.call(this.fn.label, () => free(this.states, this.capacity) as number);
    inst.free(this.states, this.capacity * this.size, this.align);
    this.fn.module.release(inst);
    this.inst = null;
  }

  memoryBytes(): number {
    return this.capacity * this.size;
  }
}
