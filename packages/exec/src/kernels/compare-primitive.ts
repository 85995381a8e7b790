/**
 * Comparison loops over number-valued buffers (Int8–Int32, Float32/64, Date32) straight into
 * bit-packed output, eight rows per output byte; a scalar side is read with stride 0, and a column
 * against a constant takes one dedicated loop per operator.
 */
import type { ComparisonOp } from '@quiver/planner';

type Nums = ArrayLike<number>;

/** Writes bit i of `out` = `a[i*sa] op b[i*sb]` for the six ordering/equality operators. */
export function compareNumbers(op: ComparisonOp, a: Nums, sa: number, b: Nums, sb: number, n: number, out: Uint8Array): void {
  if (sa === 1 && sb === 0) return compareWithValue(op, a, b[0]!, n, out);
  if (sa === 0 && sb === 1) return compareWithValue(FLIPPED[op as keyof typeof FLIPPED], b, a[0]!, n, out);
  switch (op) {
    case '=': return eq(a, sa, b, sb, n, out);
    case '<>': return ne(a, sa, b, sb, n, out);
    case '<': return lt(a, sa, b, sb, n, out);
    case '<=': return le(a, sa, b, sb, n, out);
    case '>': return lt(b, sb, a, sa, n, out);
    case '>=': return le(b, sb, a, sa, n, out);
    default: throw new Error(`compareNumbers: ${op} is handled by the caller`);
  }
}

/** `y op x` is `x FLIPPED[op] y`. */
const FLIPPED = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

/** Bit i of `out` = `a[i] op v`: the column-against-constant loops of filters, one per operator. */
function compareWithValue(op: ComparisonOp, a: Nums, v: number, n: number, out: Uint8Array): void {
  switch (op) {
    case '=': return eqValue(a, v, n, out);
    case '<>': return neValue(a, v, n, out);
    case '<': return ltValue(a, v, n, out);
    case '<=': return leValue(a, v, n, out);
    case '>': return gtValue(a, v, n, out);
    case '>=': return geValue(a, v, n, out);
    default: throw new Error(`compareNumbers: ${op} is handled by the caller`);
  }
}

function eqValue(a: Nums, v: number, n: number, out: Uint8Array): void {
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) if (a[base + j]! === v) byte |= 1 << j;
    out[base >> 3] = byte;
  }
}

function neValue(a: Nums, v: number, n: number, out: Uint8Array): void {
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) if (a[base + j]! !== v) byte |= 1 << j;
    out[base >> 3] = byte;
  }
}

function ltValue(a: Nums, v: number, n: number, out: Uint8Array): void {
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) if (a[base + j]! < v) byte |= 1 << j;
    out[base >> 3] = byte;
  }
}

function leValue(a: Nums, v: number, n: number, out: Uint8Array): void {
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) if (a[base + j]! <= v) byte |= 1 << j;
    out[base >> 3] = byte;
  }
}

function gtValue(a: Nums, v: number, n: number, out: Uint8Array): void {
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) if (a[base + j]! > v) byte |= 1 << j;
    out[base >> 3] = byte;
  }
}

function geValue(a: Nums, v: number, n: number, out: Uint8Array): void {
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) if (a[base + j]! >= v) byte |= 1 << j;
    out[base >> 3] = byte;
  }
}

function eq(a: Nums, sa: number, b: Nums, sb: number, n: number, out: Uint8Array): void {
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) {
      const i = base + j;
      if (a[i * sa]! === b[i * sb]!) byte |= 1 << j;
    }
    out[base >> 3] = byte;
  }
}

function ne(a: Nums, sa: number, b: Nums, sb: number, n: number, out: Uint8Array): void {
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) {
      const i = base + j;
      if (a[i * sa]! !== b[i * sb]!) byte |= 1 << j;
    }
    out[base >> 3] = byte;
  }
}

function lt(a: Nums, sa: number, b: Nums, sb: number, n: number, out: Uint8Array): void {
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) {
      const i = base + j;
      if (a[i * sa]! < b[i * sb]!) byte |= 1 << j;
    }
    out[base >> 3] = byte;
  }
}

function le(a: Nums, sa: number, b: Nums, sb: number, n: number, out: Uint8Array): void {
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) {
      const i = base + j;
      if (a[i * sa]! <= b[i * sb]!) byte |= 1 << j;
    }
    out[base >> 3] = byte;
  }
}

/** Packs per-row orderings (negative, zero, positive) into bits for `op`. */
export function packOrdering(op: ComparisonOp, cmp: Int8Array, n: number, out: Uint8Array): void {
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(8, n - base);
    let byte = 0;
    for (let j = 0; j < end; j++) {
      const c = cmp[base + j]!;
      let hit: boolean;
      switch (op) {
        case '=': hit = c === 0; break;
        case '<>': hit = c !== 0; break;
        case '<': hit = c < 0; break;
        case '<=': hit = c <= 0; break;
        case '>': hit = c > 0; break;
        default: hit = c >= 0; break;
      }
      if (hit) byte |= 1 << j;
    }
    out[base >> 3] = byte;
  }
}
