/**
 * An open-addressing hash table (linear probing on typed arrays) that maps multi-column keys to dense
 * group ids 0..numGroups-1. Keys live columnar in `KeyStore`s; a probe compares the stored 32-bit hash
 * first and then the key values, so no per-row JS object or string is ever built. Used by hash
 * aggregation (group ids), hash joins (key ids of the build side) and DISTINCT.
 */
import type * as arrow from 'apache-arrow';
import { createKeyStore, type KeyStore } from './key-store.js';
import { ensureCapacity } from './grow.js';

export class GroupHashTable {
  private readonly stores: KeyStore[];
  private slots: Int32Array;
  private mask: number;
  private groupHashes = new Uint32Array(64);
  private count = 0;

  constructor(keyTypes: readonly arrow.DataType[], initialCapacity = 1024) {
    this.stores = keyTypes.map(createKeyStore);
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  get numGroups(): number {
    return this.count;
  }

  /**
   * Writes the group id of every row of `keys` to `out`, adding groups for keys not seen before.
   * Rows flagged in `skip` are neither looked up nor inserted and get -1.
   */
  findOrInsert(keys: readonly arrow.Data[], hashes: Uint32Array, out: Int32Array, skip: Uint8Array | null = null): void {
    this.probe(keys, hashes, out, skip, true);
  }

  /** Writes the group id of every row of `keys` to `out`, or -1 when the key is absent (or the row is skipped). */
  find(keys: readonly arrow.Data[], hashes: Uint32Array, out: Int32Array, skip: Uint8Array | null = null): void {
    this.probe(keys, hashes, out, skip, false);
  }

  private probe(keys: readonly arrow.Data[], hashes: Uint32Array, out: Int32Array, skip: Uint8Array | null, insert: boolean): void {
    const stores = this.stores;
    const nKeys = stores.length;
    for (let k = 0; k < nKeys; k++) stores[k]!.bind(keys[k]!);
    const single = nKeys === 1 ? stores[0]! : null;
    const n = hashes.length;
    for (let i = 0; i < n; i++) {
      if (skip !== null && skip[i] !== 0) {
        out[i] = -1;
        continue;
      }
      const h = hashes[i]!;
      let s = h & this.mask;
      for (;;) {
        const g = this.slots[s]!;
        if (g < 0) {
          out[i] = insert ? this.insert(s, h, i) : -1;
          break;
        }
        if (this.groupHashes[g] === h) {
          let eq: boolean;
          if (single !== null) eq = single.equals(i, g);
          else {
            eq = true;
            for (let k = 0; k < nKeys; k++) {
              if (!stores[k]!.equals(i, g)) {
                eq = false;
                break;
              }
            }
          }
          if (eq) {
            out[i] = g;
            break;
          }
        }
        s = (s + 1) & this.mask;
      }
    }
  }

  private insert(slot: number, hash: number, row: number): number {
    const g = this.count++;
    this.groupHashes = ensureCapacity(this.groupHashes, this.count);
    this.groupHashes[g] = hash;
    for (const st of this.stores) st.append(row);
    this.slots[slot] = g;
    if (this.count * 2 > this.slots.length) this.resize();
    return g;
  }

  private resize(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let g = 0; g < this.count; g++) {
      let s = this.groupHashes[g]! & mask;
      while (slots[s]! >= 0) s = (s + 1) & mask;
      slots[s] = g;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** The key of every group, one column per key column. */
  keyColumns(): arrow.Data[] {
    return this.stores.map((s) => s.finish());
  }

  memoryBytes(): number {
    let bytes = this.slots.byteLength + this.groupHashes.byteLength;
    for (const s of this.stores) bytes += s.memoryBytes();
    return bytes;
  }
}
