/**
 * `x [NOT] IN (v1, v2, ...)` against a list of literal values, through a hash set built once per
 * list: true on a match; otherwise NULL when x is NULL or the list holds a NULL; otherwise false.
 * Numbers (and 64-bit/decimal values below 2^53) are looked up as numbers, larger ones as bigints,
 * strings by a hash of their UTF-8 bytes.
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, typeToString, type DataType, type IntervalValue, type ScalarValue } from '@quiver/common';
import { makeBoolean } from './builders.js';
import { bitmapBytes, getBit, validityOf } from './validity.js';
import { decimalAsBigInt, decimalAsNumber, int64AsNumber, int64Words, SAFE_LIMIT } from './wide-int.js';

/** String lists up to this long are searched by direct comparison rather than hashing. */
const SHORT_LIST = 8;
const encoder = new TextEncoder();

/** FNV-1a hash of bytes [start, end). */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** A membership test for row i of an array (whose value is known to be non-NULL). */
type Lookup = (i: number) => boolean;

export interface InListSet {
  readonly hasNull: boolean;
  lookup(data: arrow.Data): Lookup;
}

/** Compiles the non-NULL values of `list` (all of type `type`) into a set. */
export function compileInList(type: DataType, list: readonly ScalarValue[]): InListSet {
  const hasNull = list.some((s) => s.value === null);
  const vals = list.filter((s) => s.value !== null).map((s) => s.value!);
  switch (type.kind) {
    case 'Int8':
    case 'Int16':
    case 'Int32':
    case 'Float32':
    case 'Float64':
    case 'Date32': {
      const set = new Set(vals as number[]);
      return { hasNull, lookup: (d) => { const v = d.values as ArrayLike<number>; return (i) => set.has(v[i]!); } };
    }
    case 'Int64':
    case 'Timestamp':
    case 'Time':
    case 'Decimal128': {
      const nums = new Set<number>();
      const bigs = new Set<bigint>();
      for (const v of vals as bigint[]) {
        if (v < BigInt(SAFE_LIMIT) && v > -BigInt(SAFE_LIMIT)) nums.add(Number(v));
        else bigs.add(v);
      }
      if (type.kind === 'Decimal128') {
        return {
          hasNull,
          lookup: (d) => {
            const w = d.values as Uint32Array;
            return (i) => {
              const x = decimalAsNumber(w, i);
              return x === x ? nums.has(x) : bigs.has(decimalAsBigInt(w, i));
            };
          },
        };
      }
      return {
        hasNull,
        lookup: (d) => {
          const v = d.values as BigInt64Array;
          const w = int64Words(v);
          return (i) => {
            const x = int64AsNumber(w, i);
            return x === x ? nums.has(x) : bigs.has(v[i]!);
          };
        },
      };
    }
    case 'Utf8': {
      const encoded = (vals as string[]).map((v) => encoder.encode(v));
      if (encoded.length <= SHORT_LIST) {
        // A few candidates: compare lengths and bytes directly, without hashing each row.
        return {
          hasNull,
          lookup: (d) => {
            const offsets = d.valueOffsets as Int32Array;
            const bytes = d.values as Uint8Array;
            return (i) => {
              const start = offsets[i]!;
              const len = offsets[i + 1]! - start;
              outer: for (const b of encoded) {
                if (b.length !== len) continue;
                for (let k = 0; k < len; k++) if (b[k] !== bytes[start + k]) continue outer;
                return true;
              }
              return false;
            };
          },
        };
      }
      const table = new Map<number, Uint8Array[]>();
      for (const b of encoded) {
        const h = hashBytes(b, 0, b.length);
        const bucket = table.get(h);
        if (bucket) bucket.push(b);
        else table.set(h, [b]);
      }
      return {
        hasNull,
        lookup: (d) => {
          const offsets = d.valueOffsets as Int32Array;
          const bytes = d.values as Uint8Array;
          return (i) => {
            const start = offsets[i]!;
            const end = offsets[i + 1]!;
            const bucket = table.get(hashBytes(bytes, start, end));
            if (bucket === undefined) return false;
            outer: for (const b of bucket) {
              if (b.length !== end - start) continue;
              for (let k = 0; k < b.length; k++) if (b[k] !== bytes[start + k]) continue outer;
              return true;
            }
            return false;
          };
        },
      };
    }
    case 'Boolean': {
      const hasTrue = vals.includes(true);
      const hasFalse = vals.includes(false);
      return {
        hasNull,
        lookup: (d) => {
          const bits = d.values as Uint8Array;
          return (i) => (getBit(bits, d.offset + i) ? hasTrue : hasFalse);
        },
      };
    }
    case 'Interval': {
      const key = (m: number, dd: number, n: bigint) => `${m}/${dd}/${n}`;
      const set = new Set((vals as IntervalValue[]).map((v) => key(v.months, v.days, v.nanos)));
      return {
        hasNull,
        lookup: (d) => {
          const w = d.values as Int32Array;
          return (i) => set.has(key(w[4 * i]!, w[4 * i + 1]!, BigInt.asIntN(64, (BigInt(w[4 * i + 3]!) << 32n) | BigInt(w[4 * i + 2]! >>> 0))));
        },
      };
    }
    case 'Null':
      return { hasNull: true, lookup: () => () => false };
    default:
      throw new QuiverError('INTERNAL', `IN list over ${typeToString(type)} is not supported`);
  }
}

/** `data [NOT] IN set` as a Boolean array. */
export function inList(data: arrow.Data, set: InListSet, negated: boolean): arrow.Data {
  const n = data.length;
  const inValid = data.type.typeId === 1 /* Null */ ? new Uint8Array(bitmapBytes(n)) : validityOf(data);
  const out = new Uint8Array(bitmapBytes(n));
  const resultValid = set.hasNull ? new Uint8Array(bitmapBytes(n)) : inValid;
  const has = data.type.typeId === 1 ? () => false : set.lookup(data);
  for (let i = 0; i < n; i++) {
    if (inValid !== null && !getBit(inValid, i)) continue;
    if (has(i)) {
      if (!negated) out[i >> 3]! |= 1 << (i & 7);
      if (set.hasNull) resultValid![i >> 3]! |= 1 << (i & 7);
    } else if (!set.hasNull && negated) {
      out[i >> 3]! |= 1 << (i & 7);
    }
  }
  return makeBoolean(n, out, resultValid);
}
