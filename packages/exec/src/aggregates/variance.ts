/**
 * VAR_SAMP (VAR, VARIANCE, VAR_SAMPLE), VAR_POP (VAR_POPULATION), STDDEV_SAMP (STDDEV) and
 * STDDEV_POP over DOUBLE: per group a count, the running mean and the sum of squared deviations,
 * updated one value at a time with Welford's method (no cancellation for values far from zero).
 * Results are DOUBLE; NULL without values, and for the sample forms with fewer than two.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, type DataType } from '@quiver/common';
import type { AggregateFunction, GroupsAccumulator } from '@quiver/planner';
import { makeColumn } from '../selection/make-column.js';
import { bitmapFromBytes } from '../kernels/validity.js';
import { ensureCapacity } from '../hash/grow.js';
import { DistinctAccumulator } from './distinct.js';
import { float64Values, floatArgs } from './float-args.js';
import { presentRows } from './present-rows.js';

export type VarianceKind = 'var_samp' | 'var_pop' | 'stddev_samp' | 'stddev_pop';

export class VarianceFunction implements AggregateFunction {
  constructor(
    readonly name: string,
    private readonly kind: VarianceKind,
  ) {}
  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    return floatArgs(this.name, argTypes, 1);
  }
  returnType(): DataType {
    return DataTypes.float64;
  }
  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, distinct: boolean): GroupsAccumulator {
    const inner = new VarianceAccumulator(this.kind);
    return distinct ? new DistinctAccumulator(argTypes, inner) : inner;
  }
}

export class VarianceAccumulator implements GroupsAccumulator {
  private counts = new Float64Array(0);
  private means = new Float64Array(0);
  private m2 = new Float64Array(0);

  constructor(private readonly kind: VarianceKind) {}

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.counts = ensureCapacity(this.counts, numGroups);
    this.means = ensureCapacity(this.means, numGroups);
    this.m2 = ensureCapacity(this.m2, numGroups);
    const { counts, means, m2 } = this;
    const n = groupIds.length;
    const present = presentRows(args, n);
    const values = float64Values(args[0]!);
    for (let i = 0; i < n; i++) {
      if (present !== null && present[i] === 0) continue;
      const g = groupIds[i]!;
      const x = values[i]!;
      const c = ++counts[g]!;
      const delta = x - means[g]!;
      means[g]! += delta / c;
      m2[g]! += delta * (x - means[g]!);
    }
  }

  evaluate(numGroups: number): arrow.Data {
    const out = new Float64Array(numGroups);
    const valid = new Uint8Array(numGroups);
    const sample = this.kind === 'var_samp' || this.kind === 'stddev_samp';
    const root = this.kind === 'stddev_samp' || this.kind === 'stddev_pop';
    for (let g = 0; g < numGroups; g++) {
      const c = this.counts[g] ?? 0;
      if (c === 0 || (sample && c < 2)) continue;
      const variance = this.m2[g]! / (sample ? c - 1 : c);
      out[g] = root ? Math.sqrt(variance) : variance;
      valid[g] = 1;
    }
    return makeColumn(new arrow.Float64(), numGroups, { validity: bitmapFromBytes(valid, numGroups), values: out });
  }

  memoryBytes(): number {
    return this.counts.byteLength + this.means.byteLength + this.m2.byteLength;
  }
}
