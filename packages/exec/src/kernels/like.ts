/**
 * LIKE / ILIKE over UTF-8 bytes. A pattern is compiled once: `%`-only patterns become anchored
 * segment searches (equality, prefix, suffix, contains, ordered multi-contains); patterns with `_`
 * use a backtracking matcher in which `_` consumes one whole UTF-8 character. The escape character
 * (backslash unless given; '' for none) makes the next character literal; a trailing one stands for
 * itself, as in DataFusion (`'\\' LIKE '\\'` is true). ILIKE folds ASCII case
 * byte-wise and lower-cases non-ASCII rows through a decode.
 */
import type * as arrow from 'apache-arrow';
import type { ColumnarValue } from '@quiver/planner';
import { makeBoolean } from './builders.js';
import { binaryValidity, isNullScalar } from './operands.js';
import { bitmapBytes, getBit } from './validity.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const ANY_ONE = -1;
const ANY_MANY = -2;

export interface LikeMatcher {
  /** Whether bytes [start, end) of `bytes` match. */
  matches(bytes: Uint8Array, start: number, end: number): boolean;
}

function fold(b: number): number {
  return b >= 65 && b <= 90 ? b | 32 : b;
}

function utf8Length(lead: number): number {
  return lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

/** Pattern tokens: byte values, ANY_ONE for `_`, ANY_MANY for `%` (runs of `%` collapsed). */
function tokenize(pattern: string, escape: string): number[] {
  const tokens: number[] = [];
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== '' && c === escape && i + 1 < chars.length) {
      for (const b of encoder.encode(chars[++i]!)) tokens.push(b);
    } else if (c === '%') {
      if (tokens[tokens.length - 1] !== ANY_MANY) tokens.push(ANY_MANY);
    } else if (c === '_') {
      tokens.push(ANY_ONE);
    } else {
      for (const b of encoder.encode(c)) tokens.push(b);
    }
  }
  return tokens;
}

/** Rows at least this long search the first byte natively (through a view ending at the row). */
const NATIVE_SCAN_BYTES = 256;

/** Index of `needle` in bytes [from, end), or -1. */
function indexOf(bytes: Uint8Array, from: number, end: number, needle: Uint8Array, ci: boolean): number {
  const m = needle.length;
  if (m === 0) return from;
  const first = needle[0]!;
  const last = end - m;
  // A native scan must stop at `end` (past it lie the other rows), which costs a view: only long rows pay off.
  const row = !ci && end - from >= NATIVE_SCAN_BYTES ? bytes.subarray(0, end) : null;
  for (let i = from; i <= last; i++) {
    if (row !== null) {
      i = row.indexOf(first, i);
      if (i < 0 || i > last) return -1;
    } else if ((ci ? fold(bytes[i]!) : bytes[i]) !== first) continue;
    let k = 1;
    if (ci) while (k < m && fold(bytes[i + k]!) === needle[k]) k++;
    else while (k < m && bytes[i + k] === needle[k]) k++;
    if (k === m) return i;
  }
  return -1;
}

function startsWith(bytes: Uint8Array, start: number, end: number, s: Uint8Array, ci: boolean): boolean {
  if (end - start < s.length) return false;
  for (let k = 0; k < s.length; k++) if ((ci ? fold(bytes[start + k]!) : bytes[start + k]) !== s[k]) return false;
  return true;
}

/** Matcher for a pattern whose only wildcard is `%`: segments anchored at both ends, the rest in order. */
class SegmentMatcher implements LikeMatcher {
  constructor(
    private readonly segments: Uint8Array[],
    private readonly ci: boolean,
  ) {}

  matches(bytes: Uint8Array, start: number, end: number): boolean {
    const segs = this.segments;
    const ci = this.ci;
    const first = segs[0]!;
    if (segs.length === 1) return end - start === first.length && startsWith(bytes, start, end, first, ci);
    const lastSeg = segs[segs.length - 1]!;
    if (end - start < first.length + lastSeg.length) return false;
    if (!startsWith(bytes, start, end, first, ci)) return false;
    const tail = end - lastSeg.length;
    if (!startsWith(bytes, tail, end, lastSeg, ci)) return false;
    let pos = start + first.length;
    for (let s = 1; s < segs.length - 1; s++) {
      const at = indexOf(bytes, pos, tail, segs[s]!, ci);
      if (at < 0) return false;
      pos = at + segs[s]!.length;
    }
    return true;
  }
}

/** General matcher with `_`: iterative wildcard matching with backtracking to the last `%`. */
class TokenMatcher implements LikeMatcher {
  constructor(
    private readonly tokens: Int32Array,
    private readonly ci: boolean,
  ) {}

  matches(bytes: Uint8Array, start: number, end: number): boolean {
    const tok = this.tokens;
    const np = tok.length;
    const ci = this.ci;
    let p = 0;
    let s = start;
    let starP = -1;
    let starS = start;
    while (s < end) {
      const t = p < np ? tok[p]! : 0;
      if (p < np && t === ANY_ONE) {
        s += utf8Length(bytes[s]!);
        p++;
      } else if (p < np && t >= 0 && t === (ci ? fold(bytes[s]!) : bytes[s])) {
        s++;
        p++;
      } else if (p < np && t === ANY_MANY) {
        starP = p++;
        starS = s;
      } else if (starP >= 0) {
        p = starP + 1;
        starS += utf8Length(bytes[starS]!);
        s = starS;
      } else {
        return false;
      }
    }
    while (p < np && tok[p] === ANY_MANY) p++;
    return p === np && s === end;
  }
}

/** Compiles `pattern` (with ILIKE folding when `ci`; the pattern is lower-cased first). */
export function compileLike(pattern: string, escape: string | null, ci: boolean): LikeMatcher {
  const tokens = tokenize(ci ? pattern.toLowerCase() : pattern, escape ?? '\\');
  if (!tokens.includes(ANY_ONE)) {
    const segments: Uint8Array[] = [];
    let current: number[] = [];
    for (const t of tokens) {
      if (t === ANY_MANY) {
        segments.push(Uint8Array.from(current));
        current = [];
      } else current.push(t);
    }
    segments.push(Uint8Array.from(current));
    return new SegmentMatcher(segments, ci);
  }
  return new TokenMatcher(Int32Array.from(tokens), ci);
}

/** Whether bytes [start, end) contain a non-ASCII byte. */
function hasNonAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** `v [NOT] [I]LIKE pattern` for a Utf8 value and pattern. */
export function like(
  v: ColumnarValue,
  pattern: ColumnarValue,
  escape: string | null,
  ci: boolean,
  negated: boolean,
  length: number,
): arrow.Data {
  const out = new Uint8Array(bitmapBytes(length));
  if (isNullScalar(v) || isNullScalar(pattern)) return makeBoolean(length, out, new Uint8Array(bitmapBytes(length)));
  const validity = binaryValidity(v, pattern, length);
  const { offsets, bytes } = utf8Of(v);
  const sv = v.kind === 'array' ? 1 : 0;
  let matcherAt: (i: number) => LikeMatcher;
  if (pattern.kind === 'scalar') {
    const m = compileLike(pattern.value.value as string, escape, ci);
    matcherAt = () => m;
  } else {
    const cache = new Map<string, LikeMatcher>();
    const po = pattern.data.valueOffsets as Int32Array;
    const pb = pattern.data.values as Uint8Array;
    matcherAt = (i) => {
      const text = decoder.decode(pb.subarray(po[i]!, po[i + 1]!));
      let m = cache.get(text);
      if (m === undefined) cache.set(text, (m = compileLike(text, escape, ci)));
      return m;
    };
  }
  const flip = negated ? 1 : 0;
  for (let i = 0; i < length; i++) {
    if (validity !== null && !getBit(validity, i)) continue;
    const start = offsets[i * sv]!;
    const end = offsets[i * sv + 1]!;
    let hit: boolean;
    if (ci && hasNonAscii(bytes, start, end)) {
      const lowered = encoder.encode(decoder.decode(bytes.subarray(start, end)).toLowerCase());
      hit = matcherAt(i).matches(lowered, 0, lowered.length);
    } else {
      hit = matcherAt(i).matches(bytes, start, end);
    }
    if ((hit ? 1 : 0) ^ flip) out[i >> 3]! |= 1 << (i & 7);
  }
  return makeBoolean(length, out, validity);
}

function utf8Of(v: ColumnarValue): { offsets: Int32Array; bytes: Uint8Array } {
  if (v.kind === 'array') return { offsets: v.data.valueOffsets as Int32Array, bytes: v.data.values as Uint8Array };
  const bytes = encoder.encode(v.value.value as string);
  return { offsets: Int32Array.of(0, bytes.length), bytes };
}
