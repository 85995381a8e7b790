/**
 * Two-argument statistics over DOUBLE pairs: COVAR_SAMP (COVAR), COVAR_POP, CORR and the linear
 * regression family REGR_SLOPE/INTERCEPT/COUNT/R2/AVGX/AVGY/SXX/SYY/SXY (called as `regr_*(y, x)`:
 * the dependent variable first). Only rows where both arguments are non-NULL count. Per group: the
 * pair count, both running means, both sums of squared deviations and the co-moment, updated one pair
 * at a time with Welford's method. NULL results follow PostgreSQL and DataFusion: covariance and
 * slope-type results need two pairs (and a non-constant x), CORR is NULL when either side is constant
 * and NaN when both means are NaN; REGR_COUNT is a BIGINT, 0 for a group without pairs.
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

export type CoMomentKind =
  | 'covar_samp' | 'covar_pop' | 'corr'
  | 'regr_slope' | 'regr_intercept' | 'regr_count' | 'regr_r2' | 'regr_avgx' | 'regr_avgy' | 'regr_sxx' | 'regr_syy' | 'regr_sxy';

export class CoMomentFunction implements AggregateFunction {
  constructor(
    readonly name: string,
    private readonly kind: CoMomentKind,
  ) {}
  coerceArgs(argTypes: readonly DataType[]): DataType[] {
    return floatArgs(this.name, argTypes, 2);
  }
  returnType(): DataType {
    return this.kind === 'regr_count' ? DataTypes.int64 : DataTypes.float64;
  }
  createAccumulator(argTypes: readonly DataType[], _returnType: DataType, distinct: boolean): GroupsAccumulator {
    const inner = new CoMomentAccumulator(this.kind);
    return distinct ? new DistinctAccumulator(argTypes, inner) : inner;
  }
}

export class CoMomentAccumulator implements GroupsAccumulator {
  private counts = new Float64Array(0);
  private meanX = new Float64Array(0);
  private meanY = new Float64Array(0);
  private m2X = new Float64Array(0);
  private m2Y = new Float64Array(0);
  private coMoment = new Float64Array(0);

  constructor(private readonly kind: CoMomentKind) {}

  /** `args` are (a, b): x = a and y = b for covariance and correlation, y = a and x = b for `regr_*`. */
  update(args: readonly arrow.Data[], groupIds: Int32Array, numGroups: number): void {
    this.counts = ensureCapacity(this.counts, numGroups);
    this.meanX = ensureCapacity(this.meanX, numGroups);
    this.meanY = ensureCapacity(this.meanY, numGroups);
    this.m2X = ensureCapacity(this.m2X, numGroups);
    this.m2Y = ensureCapacity(this.m2Y, numGroups);
    this.coMoment = ensureCapacity(this.coMoment, numGroups);
    const { counts, meanX, meanY, m2X, m2Y, coMoment } = this;
    const n = groupIds.length;
    const present = presentRows(args, n);
    const regression = this.kind.startsWith('regr_');
    const xs = float64Values(args[regression ? 1 : 0]!);
    const ys = float64Values(args[regression ? 0 : 1]!);
    for (let i = 0; i < n; i++) {
      if (present !== null && present[i] === 0) continue;
      const g = groupIds[i]!;
      const x = xs[i]!;
      const y = ys[i]!;
      const c = ++counts[g]!;
      const dx = x - meanX[g]!;
      const dy = y - meanY[g]!;
      meanX[g]! += dx / c;
      meanY[g]! += dy / c;
      m2X[g]! += dx * (x - meanX[g]!);
      m2Y[g]! += dy * (y - meanY[g]!);
      coMoment[g]! += dx * (y - meanY[g]!);
    }
  }

  evaluate(numGroups: number): arrow.Data {
    if (this.kind === 'regr_count') {
      const out = new BigInt64Array(numGroups);
      for (let g = 0; g < numGroups; g++) out[g] = BigInt(this.counts[g] ?? 0);
      return makeColumn(new arrow.Int64(), numGroups, { validity: null, values: out });
    }
    const out = new Float64Array(numGroups);
    const valid = new Uint8Array(numGroups);
    for (let g = 0; g < numGroups; g++) {
      const v = this.groupResult(g);
      if (v === null) continue;
      out[g] = v;
      valid[g] = 1;
    }
    return makeColumn(new arrow.Float64(), numGroups, { validity: bitmapFromBytes(valid, numGroups), values: out });
  }

  private groupResult(g: number): number | null {
    const c = this.counts[g] ?? 0;
    const meanX = this.meanX[g]!;
    const meanY = this.meanY[g]!;
    const sxx = this.m2X[g]!;
    const syy = this.m2Y[g]!;
    const sxy = this.coMoment[g]!;
    switch (this.kind) {
      case 'covar_samp': return c < 2 ? null : sxy / (c - 1);
      case 'covar_pop': return c < 1 ? null : sxy / c;
      case 'corr': {
        if (Number.isNaN(meanX) && Number.isNaN(meanY)) return NaN;
        if (c < 2 || Number.isNaN(meanX) || Number.isNaN(meanY)) return null;
        const sdX = Math.sqrt(sxx / c);
        const sdY = Math.sqrt(syy / c);
        return sdX === 0 || sdY === 0 ? null : sxy / c / sdX / sdY;
      }
      case 'regr_slope':
      case 'regr_intercept': {
        const varX = sxx / c;
        if (c < 2 || varX === 0) return null;
        const slope = sxy / c / varX;
        return this.kind === 'regr_slope' ? slope : meanY - slope * meanX;
      }
      case 'regr_r2': {
        const varX = sxx / c;
        const varY = syy / c;
        if (c < 2 || varX === 0) return null;
        if (varY === 0) return 1;
        const cov = sxy / c;
        return (cov * cov) / (varX * varY);
      }
      case 'regr_avgx': return c < 1 ? null : meanX;
      case 'regr_avgy': return c < 1 ? null : meanY;
      case 'regr_sxx': return c < 1 ? null : sxx;
      case 'regr_syy': return c < 1 ? null : syy;
      case 'regr_sxy': return c < 1 ? null : sxy;
      case 'regr_count': return c;
    }
  }

  memoryBytes(): number {
    return this.counts.byteLength * 6;
  }
}
