/**
 * The build side of a hash join: an index from the build rows' key values to the rows holding them.
 * A single narrow-range integer key uses a `DenseKeyIndex`, anything else a `GroupHashTable`; rows
 * sharing a key are chained in input order through `head`/`next`. When every key is unique (the
 * usual primary-key side) a probe yields build rows directly and no chain needs walking.
 */
import type * as arrow from 'apache-arrow';
import { GroupHashTable } from './group-table.js';
import { DenseKeyIndex } from './dense-key-index.js';
import { hashColumns, rowsWithNullKey } from './hash-columns.js';

export class JoinIndex {
  /** First build row of each key id (-1 for none). */
  readonly head: Int32Array;
  /** Next build row with the same key, after each row (-1 at the end of a chain). */
  readonly next: Int32Array;
  /** Whether each key occurs in one build row only. */
  readonly unique: boolean;
  private readonly lookup: (keys: readonly arrow.Data[], out: Int32Array, skip: Uint8Array | null) => void;
  /** Whether `lookup` already yields build rows (dense index with unique keys). */
  private readonly rowsFromLookup: boolean;
  private readonly bytes: number;

  /** Indexes the build key columns; NULL keys are left out unless `nullEqualsNull`. */
  constructor(keys: readonly arrow.Data[], nullEqualsNull: boolean) {
    const n = keys[0]!.length;
    const keyIds = new Int32Array(n);
    const nulls = rowsWithNullKey(keys, n);
    const dense = keys.length === 1 && (!nullEqualsNull || nulls === null) ? DenseKeyIndex.tryBuild(keys[0]!, nulls, keyIds) : null;
    let numKeys: number;
    if (dense !== null) {
      numKeys = dense.numKeys;
      this.lookup = (probe, out, skip) => dense.find(probe[0]!, orFlags(rowsWithNullKey(probe, probe[0]!.length), skip), out);
      this.bytes = dense.memoryBytes();
    } else {
      const table = new GroupHashTable(keys.map((k) => k.type), Math.min(Math.max(16, n), 1 << 20));
      table.findOrInsert(keys, hashColumns(keys, n), keyIds, nullEqualsNull ? null : nulls);
      numKeys = table.numGroups;
      this.lookup = (probe, out, skip) => {
        const m = probe[0]!.length;
        table.find(probe, hashColumns(probe, m), out, orFlags(nullEqualsNull ? null : rowsWithNullKey(probe, m), skip));
      };
      this.bytes = table.memoryBytes();
    }
    const head = new Int32Array(numKeys).fill(-1);
    const next = new Int32Array(n);
    let unique = true;
    for (let r = n - 1; r >= 0; r--) {
      const k = keyIds[r]!;
      if (k < 0) continue;
      next[r] = head[k]!;
      if (next[r]! >= 0) unique = false;
      head[k] = r;
    }
    this.head = head;
    this.next = next;
    this.unique = unique;
    // With unique keys the dense index can hold rows instead of key ids: a probe then reads the row in one step.
    this.rowsFromLookup = unique && dense !== null;
    if (this.rowsFromLookup) dense!.mapIds(head);
  }

  /**
   * For each probe row: with unique keys the matching build row, else the key id whose chain starts
   * at `head[id]`; -1 when nothing matches or the row is flagged in `skip`.
   */
  probe(keys: readonly arrow.Data[], out: Int32Array, skip: Uint8Array | null = null): void {
    this.lookup(keys, out, skip);
    if (this.unique && !this.rowsFromLookup) {
      const head = this.head;
      for (let i = 0; i < out.length; i++) if (out[i]! >= 0) out[i] = head[out[i]!]!;
    }
  }

  memoryBytes(): number {
    return this.bytes + this.head.byteLength + this.next.byteLength;
  }
}

/** Rows flagged in either `a` or `b` (null: none); `a` is updated in place when both are given. */
function orFlags(a: Uint8Array | null, b: Uint8Array | null): Uint8Array | null {
  if (a === null || b === null) return a ?? b;
  for (let i = 0; i < a.length; i++) a[i] = a[i]! | b[i]!;
  return a;
}
