/**
 * An aggregate function of a UDF component as an `AggregateFunction`. Each accumulator takes its
 * own instance, opens an aggregation there (`aggregate-open` returns the guest's handle; the
 * per-group states live in the guest), feeds it batches with the row's group id (-1 for rows a
 * strict function skips) and gets every group's value from `aggregate-finish`, whose validity
 * marks NULL groups. The instance goes back to the pool after `evaluate`. When the component exports
 * `aggregate-states`, the function takes part in two-phase aggregation: `state` takes every group's
 * state bytes out (`aggregate-state`, one list of bytes per group), `merge` hands a batch of such
 * states to `aggregate-merge` with the group each folds into.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, QuiverError, type DataType } from '@quiver/common';
import type { GroupsAccumulator } from '@quiver/planner';
import { strictGroupIds } from '../wasm/bits.js';
import type { ManifestFunction } from '../wasm/manifest.js';
import { UdfAggregateFunction } from '../wasm/udf-aggregate.js';
import { BadResult, fromWitColumn, toWitColumn } from './columns.js';
import type { ComponentInstance } from './component-instance.js';
import type { ComponentUdfModule } from './component-module.js';
import type { WitAggregateStates, WitGroupStates } from './world.js';

export class ComponentAggregateFunction extends UdfAggregateFunction {
  /** Present when the component exports `aggregate-states`: a partial state is one list of bytes per group. */
  readonly stateTypes?: () => DataType[];

  constructor(
    readonly module: ComponentUdfModule,
    readonly spec: ManifestFunction,
    sqlName: string = spec.name,
  ) {
    super(sqlName, spec, module.name);
    if (module.mergeable) this.stateTypes = () => [DataTypes.list(DataTypes.int8)];
  }

  protected newAccumulator(): GroupsAccumulator {
    return new ComponentGroupsAccumulator(this);
  }
}

class ComponentGroupsAccumulator implements GroupsAccumulator {
  private inst: ComponentInstance | null;
  private readonly handle: number;

  constructor(private readonly fn: ComponentAggregateFunction) {
    const inst = fn.module.acquire();
    try {
      this.handle = inst.call(fn.label, (f) => f.aggregateOpen(fn.spec.export));
    } catch (e) {
      fn.module.release(inst);
      throw e;
    }
    this.inst = inst;
  }

  private instance(): ComponentInstance {
    if (this.inst === null) throw new QuiverError('INTERNAL', `${this.fn.label}: accumulator used after evaluate`);
    if (this.inst.broken) throw new QuiverError('WASM', `${this.fn.label}: the component instance failed earlier in this aggregation`);
    return this.inst;
  }

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    const inst = this.instance();
    const n = groupIds.length;
    if (n === 0) return;
    const ids = this.fn.spec.nulls === 'strict' ? strictGroupIds(args, groupIds) : groupIds;
    const columns = args.map((a, i) => toWitColumn({ kind: 'array', data: a }, this.fn.parameterTypes[i]!, n));
    inst.call(this.fn.label, (f) => f.aggregateUpdate(this.handle, ids, numGroups, columns));
  }

  /** Every group's state as a list of bytes (the guest's encoding); the aggregation is finished. */
  state(numGroups: number): arrow.Data[] {
    const inst = this.instance();
    const { offsets, bytes } = inst.call(this.fn.label, (_, s) => checkStates(statesOf(s, this.fn.label).aggregateState(this.handle, numGroups), numGroups));
    this.fn.module.release(inst);
    this.inst = null;
    const items = new Int8Array(bytes.buffer, bytes.byteOffset, offsets[numGroups]!);
    const child = arrow.makeData({ type: new arrow.Int8(), length: items.length, data: items });
    return [arrow.makeData({ type: new arrow.List(new arrow.Field('item', new arrow.Int8(), true)), length: numGroups, nullCount: 0, valueOffsets: offsets, child })];
  }

  /** Hand a batch of partial states (as `state` made them) to the guest, state i for group `groupIds[i]`. */
  merge(states: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    const inst = this.instance();
    const n = groupIds.length;
    if (n === 0) return;
    const list = states[0]!;
    let offsets = (list.valueOffsets as Int32Array).subarray(0, n + 1);
    const base = offsets[0]!;
    if (base !== 0) offsets = offsets.map((o) => o - base);
    const items = list.children[0]!.values as Int8Array;
    const bytes = new Uint8Array(items.buffer, items.byteOffset + base, offsets[n]!);
    inst.call(this.fn.label, (_, s) => statesOf(s, this.fn.label).aggregateMerge(this.handle, groupIds, numGroups, { offsets, bytes }));
  }

  evaluate(numGroups: number): arrow.Data {
    const inst = this.instance();
    const out = inst.call(this.fn.label, (f) => fromWitColumn(f.aggregateFinish(this.handle, numGroups), this.fn.returns, numGroups, undefined));
    this.fn.module.release(inst);
    this.inst = null;
    return out;
  }

  memoryBytes(): number {
    return 0;
  }
}

function statesOf(states: WitAggregateStates | null, label: string): WitAggregateStates {
  if (states === null) throw new QuiverError('INTERNAL', `${label}: the component does not export aggregate-states`);
  return states;
}

/** The guest's partial states, checked: `ngroups + 1` offsets from 0, non-decreasing, within the bytes. */
function checkStates(result: unknown, numGroups: number): WitGroupStates {
  const s = result as Partial<WitGroupStates> | null;
  if (s === null || typeof s !== 'object' || !(s.offsets instanceof Int32Array) || !(s.bytes instanceof Uint8Array)) throw new BadResult('not group-states');
  const { offsets, bytes } = s;
  if (offsets.length !== numGroups + 1) throw new BadResult(`${offsets.length} state offsets for ${numGroups} groups`);
  if (offsets[0] !== 0) throw new BadResult(`first state offset ${offsets[0]}`);
  for (let g = 0; g < numGroups; g++) if (offsets[g + 1]! < offsets[g]!) throw new BadResult(`state offsets decrease at group ${g}`);
  if (offsets[numGroups]! > bytes.length) throw new BadResult(`state offsets end at ${offsets[numGroups]}, past the ${bytes.length} bytes`);
  return { offsets, bytes };
}
