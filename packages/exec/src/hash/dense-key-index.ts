/**
 * A "perfect hash" for a single integer join key whose build values lie in a narrow range (like
 * the primary keys of TPC-H tables): an Int32Array indexed by value - min holds each key's id, so a
 * probe is one array read with no hashing. Used instead of `GroupHashTable` when it applies.
 */
import * as arrow from 'apache-arrow';
import { wordsOf } from '../selection/layout.js';

/**
 * Value ranges up to this many slots (32 MiB) are indexed densely even when sparse: one array read
 * per probe beats hashing, and TPC-H's filtered key sets (orders by date) spread over the whole range.
 */
const MAX_SPARSE_RANGE = 1 << 23;

/** Below this share of the range holding keys, probes test a bitset of the present values first. */
const SPARSE_BELOW = 0.25;

export class DenseKeyIndex {
  /**
   * For a sparsely filled range: bit `slot` set when the value `min + slot` is indexed. It is 32
   * times smaller than `ids`, so most probes that miss (the usual case then) stay in cache.
   */
  private readonly present: Int32Array | null;

  private constructor(
    private readonly min: number,
    private readonly ids: Int32Array,
    readonly numKeys: number,
    present: Int32Array | null,
  ) {
    this.present = present !== null && numKeys < SPARSE_BELOW * ids.length ? present : null;
  }

  /**
   * Indexes `keys` (build rows flagged in `skip` excluded) and writes each build row's key id to
   * `keyIds` (-1 for skipped rows); null when the key type or value range does not suit.
   */
  static tryBuild(keys: arrow.Data, skip: Uint8Array | null, keyIds: Int32Array): DenseKeyIndex | null {
    const values = int32Values(keys);
    if (values === null) return null;
    const n = keys.length;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      if (skip !== null && skip[i] !== 0) continue;
      const v = values[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min > max) return new DenseKeyIndex(0, new Int32Array(0), 0, null);
    const range = max - min + 1;
    if (range > 4 * n + 1024 && range > MAX_SPARSE_RANGE) return null;
    const ids = new Int32Array(range).fill(-1);
    const present = new Int32Array((range + 31) >>> 5);
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (skip !== null && skip[i] !== 0) {
        keyIds[i] = -1;
        continue;
      }
      const slot = values[i]! - min;
      let id = ids[slot]!;
      if (id < 0) {
        id = ids[slot] = count++;
        present[slot >>> 5]! |= 1 << (slot & 31);
      }
      keyIds[i] = id;
    }
    return new DenseKeyIndex(min, ids, count, present);
  }

  /** The key id of every probe row, or -1 when absent (or skipped, or not representable). */
  find(keys: arrow.Data, skip: Uint8Array | null, out: Int32Array): void {
    const values = int32Values(keys);
    const n = keys.length;
    if (values === null) {
      // Probe values outside the 32-bit range cannot be in the index, but the others can.
      const words = wordsOf(keys, 4) as Int32Array;
      for (let i = 0; i < n; i++) {
        const lo = words[2 * i]!;
        out[i] = (skip === null || skip[i] === 0) && words[2 * i + 1] === lo >> 31 ? this.lookup(lo) : -1;
      }
      return;
    }
    const ids = this.ids;
    const min = this.min;
    const range = ids.length;
    const present = this.present;
    if (present !== null) {
      for (let i = 0; i < n; i++) {
        const slot = values[i]! - min;
        out[i] = slot >= 0 && slot < range && present[slot >>> 5]! & (1 << (slot & 31)) && (skip === null || skip[i] === 0) ? ids[slot]! : -1;
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const slot = values[i]! - min;
      out[i] = slot >= 0 && slot < range && (skip === null || skip[i] === 0) ? ids[slot]! : -1;
    }
  }

  /** Replaces every key id by `map[id]` (e.g. the build row of each key, when keys are unique). */
  mapIds(map: Int32Array): void {
    const ids = this.ids;
    for (let s = 0; s < ids.length; s++) if (ids[s]! >= 0) ids[s] = map[ids[s]!]!;
  }

  private lookup(v: number): number {
    const slot = v - this.min;
    return slot >= 0 && slot < this.ids.length ? this.ids[slot]! : -1;
  }

  memoryBytes(): number {
    return this.ids.byteLength + (this.present?.byteLength ?? 0);
  }
}

/** The values of an integer-like column as 32-bit numbers, or null when the type is not integral or a value does not fit. */
function int32Values(data: arrow.Data): ArrayLike<number> | null {
  const t = data.type;
  if (t.typeId === arrow.Type.Date && (t as arrow.Date_).unit === arrow.DateUnit.DAY) return data.values as Int32Array;
  if (t.typeId !== arrow.Type.Int && t.typeId !== arrow.Type.Timestamp) return null;
  const bits = t.typeId === arrow.Type.Int ? (t as arrow.Int).bitWidth : 64;
  if (bits < 64) return data.values as Int8Array | Int16Array | Int32Array;
  const words = wordsOf(data, 4) as Int32Array;
  const n = data.length;
  const out = new Int32Array(n);
  const bm = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i]!;
    if (words[2 * i + 1] !== lo >> 31) {
      // NULL slots may hold anything; only real values must fit.
      const b = data.offset + i;
      if (bm === null || bm[b >> 3]! & (1 << (b & 7))) return null;
    }
    out[i] = lo;
  }
  return out;
}
