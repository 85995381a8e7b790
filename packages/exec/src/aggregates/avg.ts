/**
 * AVG: DOUBLE for every numeric input (as DuckDB). Integer and decimal inputs are summed exactly
 * first (see `SumAccumulator`), so the only rounding is the final division; NULL for a group without values.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, type DataType } from '@quiver/common';
import type { AggregateFunction, GroupsAccumulator } from '@quiver/planner';
import { makeColumn } from '../selection/make-column.js';
import { bitmapFromBytes } from '../kernels/validity.js';
import { DistinctAccumulator } from './distinct.js';
import { numericArg, SumAccumulator } from './sum.js';

export class AvgFunction implements AggregateFunction {
  readonly name = 'avg';
  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    return [numericArg(this.name, argTypes)];
  }
  returnType(): DataType {
    return DataTypes.float64;
  }
  stateTypes(argTypes: readonly DataType[]): DataType[] {
    return SumAccumulator.stateTypes(argTypes[0]!);
  }
  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, distinct: boolean): GroupsAccumulator {
    const inner = new AvgAccumulator(argTypes[0]!);
    return distinct ? new DistinctAccumulator(argTypes, inner) : inner;
  }
}

export class AvgAccumulator implements GroupsAccumulator {
  /** Rows whose group id is -1 are left out (see `HashAggregateExec`). */
  readonly skipsUnassignedRows = true;
  private readonly sums: SumAccumulator;
  private readonly divisor: number;

  constructor(inputType: DataType) {
    const sumType = inputType.kind === 'Decimal128' ? DataTypes.decimal(38, inputType.scale) : inputType.kind.startsWith('Float') ? DataTypes.float64 : DataTypes.int64;
    this.sums = new SumAccumulator(inputType, sumType);
    this.divisor = inputType.kind === 'Decimal128' ? 10 ** inputType.scale : 1;
  }

  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.sums.update(args, groupIds, numGroups);
  }

  /** See `SumAccumulator.updateScaled`. */
  updateScaled(values: Float64Array, groupIds: Int32Array, numGroups: number): void {
    this.sums.updateScaled(values, groupIds, numGroups);
  }

  state(numGroups: number): arrow.Data[] {
    return this.sums.state(numGroups);
  }

  merge(states: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.sums.merge(states, groupIds, numGroups);
  }

  evaluate(numGroups: number): arrow.Data {
    const out = new Float64Array(numGroups);
    const valid = new Uint8Array(numGroups);
    const counts = this.sums.counts;
    for (let g = 0; g < numGroups; g++) {
      const c = counts[g] ?? 0;
      if (c === 0) continue;
      valid[g] = 1;
      out[g] = this.sums.sumAsNumber(g) / this.divisor / c;
    }
    return makeColumn(new arrow.Float64(), numGroups, { validity: bitmapFromBytes(valid, numGroups), values: out });
  }

  memoryBytes(): number {
    return this.sums.memoryBytes();
  }
}
