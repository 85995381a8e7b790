/**
 * An open-addressing hash table (linear probing on typed arrays) that maps multi-column keys to dense
 * group ids 0..numGroups-1. Keys live columnar in `KeyStore`s; each slot holds the key's 32-bit hash
 * next to its group id, so a probe touches one slot entry and compares key values only on a hash
 * match — no per-row JS object or string is ever built. Used by hash aggregation (group ids), hash
 * joins (key ids of the build side) and DISTINCT.
 */
import * as arrow from 'apache-arrow';
import { createKeyStore, type InlineWords, type KeyStore } from './key-store.js';

/** Integer key values below this (4 Mi) are found by direct indexing instead of hashing. */
const DIRECT_LIMIT = 1 << 22;

export class GroupHashTable {
  private readonly stores: KeyStore[];
  /** Pairs (hash, group id); group id -1 marks an empty slot. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  /** Groups whose key sits in `slots` (the rest are in `direct`); drives resizing. */
  private hashed = 0;
  /**
   * For one integer key column: the group id of each key value in [0, DIRECT_LIMIT) at that index
   * (-1: none yet), grown on demand. Such values never enter `slots`, so each value has one home.
   */
  private direct = new Int32Array(0);
  /**
   * For one or two string key columns whose values are at most one byte long (TPC-H Q1's flags): the
   * group id of each combined key code (-1: not looked up yet). A cache over `slots`, filled on first sight.
   */
  private shortStrings: Int32Array | null = null;

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
   * Rows flagged in `skip` are neither looked up nor inserted and get -1. `hashes` may be a function
   * computing them, called only when they are needed (one-byte string keys whose groups are all
   * known need none).
   */
  findOrInsert(keys: readonly arrow.Data[], hashes: Uint32Array | (() => Uint32Array), out: Int32Array, skip: Uint8Array | null = null): void {
    if (!this.probeShortStrings(keys, hashes, out, skip)) this.probe(keys, typeof hashes === 'function' ? hashes() : hashes, out, skip, true);
  }

  /** Writes the group id of every row of `keys` to `out`, or -1 when the key is absent (or the row is skipped). */
  find(keys: readonly arrow.Data[], hashes: Uint32Array, out: Int32Array, skip: Uint8Array | null = null): void {
    this.probe(keys, hashes, out, skip, false);
  }

  private probe(keys: readonly arrow.Data[], hashes: Uint32Array, out: Int32Array, skip: Uint8Array | null, insert: boolean): void {
    const stores = this.stores;
    const nKeys = stores.length;
    for (let k = 0; k < nKeys; k++) stores[k]!.bind(keys[k]!);
    const words = nKeys === 1 ? stores[0]!.inlineWords() : null;
    if (words !== null) {
      if (words.width === 1) this.probeWords1(words, hashes, out, skip, insert);
      else this.probeWords2(words, hashes, out, skip, insert);
      return;
    }
    const single = nKeys === 1 ? stores[0]! : null;
    // An integer key (this batch has NULLs) still finds small values in `direct`, where they live.
    const integral = single !== null && single.integral ? single : null;
    const n = hashes.length;
    // Rows often come clustered by key (sorted or generated in key order): a row whose hash and key
    // equal the previous row's takes its group without touching the table.
    let prevHash = 0;
    let prevGroup = -1;
    for (let i = 0; i < n; i++) {
      if (skip !== null && skip[i] !== 0) {
        out[i] = -1;
        continue;
      }
      if (integral !== null) {
        const v = integral.smallValue(i);
        if (v >= 0 && v < DIRECT_LIMIT) {
          out[i] = this.directGroup(v, i, insert);
          continue;
        }
      }
      const h = hashes[i]! | 0;
      if (h === prevHash && prevGroup >= 0 && this.keyEquals(i, prevGroup)) {
        out[i] = prevGroup;
        continue;
      }
      out[i] = this.slotGroup(i, h, insert);
      prevHash = h;
      prevGroup = out[i]!;
    }
  }

  /** The group of row `i` (hash `h`) found in `slots`, inserted when absent and `insert`, else -1. */
  private slotGroup(i: number, h: number, insert: boolean): number {
    const stores = this.stores;
    const nKeys = stores.length;
    const slots = this.slots;
    const mask = this.mask;
    let s = h & mask;
    for (;;) {
      const g = slots[2 * s + 1]!;
      if (g < 0) return insert ? this.insert(s, h, i) : -1;
      if (slots[2 * s] === h) {
        let eq = true;
        for (let k = 0; k < nKeys; k++) {
          if (!stores[k]!.equals(i, g)) {
            eq = false;
            break;
          }
        }
        if (eq) return g;
      }
      s = (s + 1) & mask;
    }
  }

  /**
   * `findOrInsert` through `shortStrings` when the keys are one or two NULL-free Utf8 columns whose
   * values are all at most one byte (rows flagged in `skip` get -1); false (nothing done) otherwise.
   */
  private probeShortStrings(keys: readonly arrow.Data[], hashes: Uint32Array | (() => Uint32Array), out: Int32Array, skip: Uint8Array | null): boolean {
    const nKeys = keys.length;
    if (nKeys > 2) return false;
    const n = out.length;
    for (const key of keys) {
      if (key.typeId !== arrow.Type.Utf8 || key.nullCount > 0) return false;
      const offsets = key.valueOffsets as Int32Array;
      for (let i = 0; i < n; i++) if (offsets[i + 1]! - offsets[i]! > 1) return false;
    }
    const o0 = keys[0]!.valueOffsets as Int32Array;
    const b0 = keys[0]!.values as Uint8Array;
    const o1 = nKeys === 2 ? (keys[1]!.valueOffsets as Int32Array) : o0;
    const b1 = nKeys === 2 ? (keys[1]!.values as Uint8Array) : b0;
    // Code of one value: 0 for '', 1 + byte otherwise; two columns combine as c0 * 257 + c1.
    const groups = (this.shortStrings ??= new Int32Array(257 * 257).fill(-1));
    let bound = false;
    for (let i = 0; i < n; i++) {
      if (skip !== null && skip[i] !== 0) {
        out[i] = -1;
        continue;
      }
      const c0 = o0[i + 1] === o0[i] ? 0 : 1 + b0[o0[i]!]!;
      const code = nKeys === 2 ? c0 * 257 + (o1[i + 1] === o1[i] ? 0 : 1 + b1[o1[i]!]!) : c0;
      let g = groups[code]!;
      if (g < 0) {
        // A code not seen yet: look its key up in (or add it to) `slots`, hashes computed now.
        if (typeof hashes === 'function') hashes = hashes();
        if (!bound) for (let k = 0; k < nKeys; k++) this.stores[k]!.bind(keys[k]!);
        bound = true;
        groups[code] = g = this.slotGroup(i, hashes[i]! | 0, true);
      }
      out[i] = g;
    }
    return true;
  }

  private keyEquals(row: number, group: number): boolean {
    const stores = this.stores;
    for (let k = 0; k < stores.length; k++) if (!stores[k]!.equals(row, group)) return false;
    return true;
  }

  /**
   * `probe` for one one-word key column without NULLs: the comparison is inlined, and a row with
   * the previous row's key takes its answer directly.
   */
  private probeWords1(words: InlineWords, hashes: Uint32Array, out: Int32Array, skip: Uint8Array | null, insert: boolean): void {
    const input = words.input;
    let prevValue = 0;
    let prevGroup = -1;
    let havePrev = false;
    let stored = words.stored();
    let slots = this.slots;
    let mask = this.mask;
    const n = hashes.length;
    for (let i = 0; i < n; i++) {
      if (skip !== null && skip[i] !== 0) {
        out[i] = -1;
        continue;
      }
      const v = input[i]!;
      if (havePrev && v === prevValue) {
        out[i] = prevGroup;
        continue;
      }
      if (v >= 0 && v < DIRECT_LIMIT) {
        const g = this.directGroup(v, i, insert);
        if (insert) stored = words.stored();
        out[i] = prevGroup = g;
        prevValue = v;
        havePrev = true;
        continue;
      }
      const h = hashes[i]! | 0;
      let s = h & mask;
      let g: number;
      for (;;) {
        g = slots[2 * s + 1]!;
        if (g < 0 || (slots[2 * s] === h && stored[g] === v)) break;
        s = (s + 1) & mask;
      }
      if (g < 0 && insert) {
        g = this.insert(s, h, i);
        stored = words.stored();
        slots = this.slots;
        mask = this.mask;
      }
      out[i] = g;
      prevValue = v;
      prevGroup = g;
      havePrev = true;
    }
  }

  /** `probe` for one two-word key column (64-bit integers) without NULLs: the comparison is inlined. */
  private probeWords2(words: InlineWords, hashes: Uint32Array, out: Int32Array, skip: Uint8Array | null, insert: boolean): void {
    const input = words.input;
    let prevLo = 0;
    let prevHi = 0;
    let prevGroup = -1;
    let havePrev = false;
    let stored = words.stored();
    let slots = this.slots;
    let mask = this.mask;
    const n = hashes.length;
    for (let i = 0; i < n; i++) {
      if (skip !== null && skip[i] !== 0) {
        out[i] = -1;
        continue;
      }
      const lo = input[2 * i]!;
      const hi = input[2 * i + 1]!;
      if (havePrev && lo === prevLo && hi === prevHi) {
        out[i] = prevGroup;
        continue;
      }
      if (hi === 0 && lo >= 0 && lo < DIRECT_LIMIT) {
        const g = this.directGroup(lo, i, insert);
        if (insert) stored = words.stored();
        out[i] = prevGroup = g;
        prevLo = lo;
        prevHi = hi;
        havePrev = true;
        continue;
      }
      const h = hashes[i]! | 0;
      let s = h & mask;
      let g: number;
      for (;;) {
        g = slots[2 * s + 1]!;
        if (g < 0 || (slots[2 * s] === h && stored[2 * g] === lo && stored[2 * g + 1] === hi)) break;
        s = (s + 1) & mask;
      }
      if (g < 0 && insert) {
        g = this.insert(s, h, i);
        stored = words.stored();
        slots = this.slots;
        mask = this.mask;
      }
      out[i] = g;
      prevLo = lo;
      prevHi = hi;
      prevGroup = g;
      havePrev = true;
    }
  }

  private insert(slot: number, hash: number, row: number): number {
    const g = this.count++;
    for (const st of this.stores) st.append(row);
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = g;
    if (++this.hashed * 2 > this.mask + 1) this.resize();
    return g;
  }

  /** The group of key value `v` (0 ≤ v < DIRECT_LIMIT) of row `row`, added when absent and `insert`, else -1 when absent. */
  private directGroup(v: number, row: number, insert: boolean): number {
    let direct = this.direct;
    if (v >= direct.length) {
      if (!insert) return -1;
      let size = Math.max(1024, direct.length);
      while (size <= v) size *= 2;
      direct = new Int32Array(Math.min(size, DIRECT_LIMIT)).fill(-1);
      direct.set(this.direct);
      this.direct = direct;
    }
    let g = direct[v]!;
    if (g < 0 && insert) {
      g = direct[v] = this.count++;
      for (const st of this.stores) st.append(row);
    }
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
    let bytes = this.slots.byteLength + this.direct.byteLength + (this.shortStrings?.byteLength ?? 0);
    for (const s of this.stores) bytes += s.memoryBytes();
    return bytes;
  }
}

function emptySlots(cap: number): Int32Array {
  const slots = new Int32Array(cap * 2);
  for (let s = 1; s < slots.length; s += 2) slots[s] = -1;
  return slots;
}
