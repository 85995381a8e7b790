/**
 * An aggregate function of a UDF component as an `AggregateFunction`. Each accumulator takes its
 * own instance, opens an aggregation there (`aggregate-open` returns the guest's handle; the
 * per-group states live in the guest), feeds it batches with the row's group id (-1 for rows a
 * strict function skips) and gets every group's value from `aggregate-finish`, whose validity
 * marks NULL groups. The instance goes back to the pool after `evaluate`.
 */
import type * as arrow from 'apache-arrow';
import { QuiverError } from '@quiver/common';
import type { GroupsAccumulator } from '@quiver/planner';
import { strictGroupIds } from '../wasm/bits.js';
import type { ManifestFunction } from '../wasm/manifest.js';
import { UdfAggregateFunction } from '../wasm/udf-aggregate.js';
import { fromWitColumn, toWitColumn } from './columns.js';
import type { ComponentInstance } from './component-instance.js';
import type { ComponentUdfModule } from './component-module.js';

export class ComponentAggregateFunction extends UdfAggregateFunction {
  constructor(
    readonly module: ComponentUdfModule,
    readonly spec: ManifestFunction,
    sqlName: string = spec.name,
  ) {
    super(sqlName, spec, module.name);
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
