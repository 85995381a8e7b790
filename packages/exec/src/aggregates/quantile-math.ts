/**
 * Quantiles of one group's sorted values, as DataFusion computes them:
 * - `medianOf`: the middle value, or the mean of the two middle values;
 * - `percentileContOf`: linear interpolation at rank p·(n−1), the fraction truncated to millionths
 *   (DataFusion's fixed-point interpolation, so `percentile_cont(0.3)` of 10..50 is 21.99999);
 * - `digestQuantile`: the t-digest estimate over centroids that are the values themselves (with
 *   their weights), which is what DataFusion's digest holds for inputs of up to 100 values. The
 *   APPROX_* functions use it over all values: they are computed exactly, not approximated.
 * Decimals interpolate their unscaled values as BigInts, truncating toward zero like integer division
 * (the mean of two middle values too).
 */

export function medianOf(sorted: Float64Array): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const PRECISION = 1_000_000;

/** Where rank p·(n−1) falls: the lower index, the upper index and the interpolation weight in millionths. */
export function rankOf(n: number, p: number): { lo: number; hi: number; millionths: number } {
  if (n === 1) return { lo: 0, hi: 0, millionths: 0 };
  if (p === 0) return { lo: 0, hi: 0, millionths: 0 };
  if (p === 1) return { lo: n - 1, hi: n - 1, millionths: 0 };
  const index = p * (n - 1);
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  return { lo, hi, millionths: Math.trunc((index - lo) * PRECISION) };
}

export function percentileContOf(sorted: Float64Array, p: number): number {
  const { lo, hi, millionths } = rankOf(sorted.length, p);
  const low = sorted[lo]!;
  if (lo === hi) return low;
  return low + ((sorted[hi]! - low) * millionths) / PRECISION;
}

/** The decimal percentile between unscaled values `low` and `high` at rank weight `millionths`. */
export function interpolateDecimal(low: bigint, high: bigint, millionths: number): bigint {
  return low + ((high - low) * BigInt(millionths)) / BigInt(PRECISION);
}

/**
 * The t-digest estimate of quantile `q` over centroids with means `means` (sorted, not empty) and
 * weights `weights` (aligned with `means`; null means every weight is 1).
 */
export function digestQuantile(means: Float64Array, weights: Float64Array | null, q: number): number {
  const n = means.length;
  const weight = (k: number) => (weights === null ? 1 : weights[k]!);
  const first = means[0]!;
  const last = means[n - 1]!;
  if (q <= 0) return first;
  if (q >= 1) return last;
  let total = 0;
  for (let k = 0; k < n; k++) total += weight(k);
  const rank = q * total;
  let pos: number;
  let t: number;
  if (q > 0.5) {
    pos = 0;
    t = total;
    for (let k = n - 1; k >= 0; k--) {
      t -= weight(k);
      if (rank >= t) {
        pos = k;
        break;
      }
    }
  } else {
    pos = n - 1;
    t = 0;
    for (let k = 0; k < n; k++) {
      if (rank < t + weight(k)) {
        pos = k;
        break;
      }
      t += weight(k);
    }
  }
  let delta = 0;
  let min = first;
  let max = last;
  if (n > 1) {
    if (pos === 0) {
      delta = means[1]! - means[0]!;
      max = means[1]!;
    } else if (pos === n - 1) {
      delta = means[pos]! - means[pos - 1]!;
      min = means[pos - 1]!;
    } else {
      delta = (means[pos + 1]! - means[pos - 1]!) / 2;
      min = means[pos - 1]!;
      max = means[pos + 1]!;
    }
  }
  const value = means[pos]! + ((rank - t) / weight(pos) - 0.5) * delta;
  return value < min ? min : value > max ? max : value;
}
