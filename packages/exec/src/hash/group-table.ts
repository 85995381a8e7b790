/**
 * An open-addressing hash table (linear probing on typed arrays) that maps multi-column keys to dense
 * group ids 0..numGroups-1. Keys live columnar in `KeyStore`s; each slot holds the key's 32-bit hash
 * next to its group id, so a probe touches one slot entry and compares key values only on a hash
 * match — no per-row JS object or string is ever built. Used by hash aggregation (group ids), hash
 * joins (key ids of the build side) and DISTINCT.
 */
import type * as arrow from 'apache-arrow';
import { createKeyStore, type KeyStore } from './key-store.js';

export class GroupHashTable {
  private readonly stores: KeyStore[];
  /** Pairs (hash, group id); group id -1 marks an empty slot. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(keyTypes: readonly arrow.DataType[], initialCapacity = 1024) {
    this.stores = keyTypes.map(createKeyStore);
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.slots = emptySlots(cap);
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
    const words = nKeys === 1 ? stores[0]!.singleWords() : null;
    if (words !== null && !insert) {
      this.findWords(words.input, words.stored, hashes, out, skip);
      return;
    }
    const single = nKeys === 1 ? stores[0]! : null;
    const n = hashes.length;
    for (let i = 0; i < n; i++) {
      if (skip !== null && skip[i] !== 0) {
        out[i] = -1;
        continue;
      }
      const h = hashes[i]! | 0;
      const slots = this.slots;
      const mask = this.mask;
      let s = h & mask;
      for (;;) {
        const g = slots[2 * s + 1]!;
        if (g < 0) {
          out[i] = insert ? this.insert(s, h, i) : -1;
          break;
        }
        if (slots[2 * s] === h) {
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
        s = (s + 1) & mask;
      }
    }
  }

  /** `find` for one single-word key column without NULLs: the comparison is inlined. */
  private findWords(input: ArrayLike<number>, stored: ArrayLike<number>, hashes: Uint32Array, out: Int32Array, skip: Uint8Array | null): void {
    const slots = this.slots;
    const mask = this.mask;
    const n = hashes.length;
    for (let i = 0; i < n; i++) {
      if (skip !== null && skip[i] !== 0) {
        out[i] = -1;
        continue;
      }
      const h = hashes[i]! | 0;
      const v = input[i]!;
      let s = h & mask;
      let g: number;
      for (;;) {
        g = slots[2 * s + 1]!;
        if (g < 0 || (slots[2 * s] === h && stored[g] === v)) break;
        s = (s + 1) & mask;
      }
      out[i] = g;
    }
  }

  private insert(slot: number, hash: number, row: number): number {
    const g = this.count++;
    for (const st of this.stores) st.append(row);
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = g;
    if (this.count * 2 > this.mask + 1) this.resize();
    return g;
  }

  private resize(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    const slots = emptySlots(cap);
    const mask = cap - 1;
    for (let s = 0; s < old.length; s += 2) {
      const g = old[s + 1]!;
      if (g < 0) continue;
      const h = old[s]!;
      let t = h & mask;
      while (slots[2 * t + 1]! >= 0) t = (t + 1) & mask;
      slots[2 * t] = h;
      slots[2 * t + 1] = g;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** The key of every group, one column per key column. */
  keyColumns(): arrow.Data[] {
    return this.stores.map((s) => s.finish());
  }

  memoryBytes(): number {
    let bytes = this.slots.byteLength;
    for (const s of this.stores) bytes += s.memoryBytes();
    return bytes;
  }
}

function emptySlots(cap: number): Int32Array {
  const slots = new Int32Array(cap * 2);
  for (let s = 1; s < slots.length; s += 2) slots[s] = -1;
  return slots;
}
