/**
 * Weighted picks over the distribution facts in `dists.ts`, done the dbgen way: draw U(0, total−1)
 * from a stream and index a table in which each token is repeated `weight` times.
 */
import type { RowStream } from './random.js';
import type { WeightedList } from './dists.js';

const encoder = new TextEncoder();

/** A distribution ready for picking; tokens are pre-encoded as ASCII bytes. */
export class Distribution {
  /** Token bytes in list order. */
  readonly tokens: readonly Uint8Array[];
  private readonly expanded: Uint16Array;

  constructor(list: WeightedList) {
    this.tokens = list.map(([token]) => encoder.encode(token));
    const total = list.reduce((sum, [, weight]) => sum + weight, 0);
    this.expanded = new Uint16Array(total);
    let at = 0;
    list.forEach(([, weight], index) => {
      this.expanded.fill(index, at, at + weight);
      at += weight;
    });
  }

  /** Picks a token index with one draw from `stream`. */
  pick(stream: RowStream): number {
    return this.expanded[stream.next(0, this.expanded.length - 1)]!;
  }
}
