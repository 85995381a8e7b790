/**
 * dbgen's `.tbl` text: every value followed by `|`, rows ended by LF, integers in plain decimal,
 * money with two decimals (and a leading `-` when negative), quantities as whole numbers, dates as
 * `YYYY-MM-DD`. Formats a raw batch straight from its typed arrays into one byte buffer, column by
 * column: a first pass sums the width of every row, a second writes each column at a per-row cursor,
 * one block of rows at a time.
 */
import type { RawBatch, RawColumn } from './batch.js';
import { DATE_TEXT, START_EPOCH_DAY } from './dates.js';

const PIPE = 0x7c;
const LF = 0x0a;
const TWO_32 = 4294967296;
const BLOCK_ROWS = 1024;
/** Text longer than this is copied with `set` (a native copy) rather than byte by byte. */
const LONG_TEXT = 32;

/** Number of decimal digits of a non-negative integer below 2^53. */
function digitCount(v: number): number {
  let n = 1;
  while (v >= 10) {
    if (v >= 10000) {
      v = Math.floor(v / 10000);
      n += 4;
    } else {
      v = Math.floor(v / 10);
      n++;
    }
  }
  return n;
}

/** "00".."99": two digits per lookup. */
const DIGIT_PAIRS = new TextEncoder().encode(Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).join(''));

/** Writes a non-negative integer below 2^53 ending just before `end`. */
function writeDigits(out: Uint8Array, end: number, v: number): void {
  let at = end;
  while (v >= 2147483648) {
    const q = Math.floor(v / 10);
    out[--at] = 0x30 + (v - q * 10);
    v = q;
  }
  let i = v | 0;
  while (i >= 100) {
    const q = (i / 100) | 0;
    const pair = (i - q * 100) * 2;
    out[--at] = DIGIT_PAIRS[pair + 1]!;
    out[--at] = DIGIT_PAIRS[pair]!;
    i = q;
  }
  if (i >= 10) {
    out[--at] = DIGIT_PAIRS[i * 2 + 1]!;
    out[--at] = DIGIT_PAIRS[i * 2]!;
  } else {
    out[--at] = 0x30 + i;
  }
}

/** `YYYY-MM-DD` of each day as little-endian words, for three stores per date: bytes 0–7 ... */
const DATE_WORDS = new Uint32Array(DATE_TEXT.length / 5);
/** ... and bytes 8–9. */
const DATE_TAILS = new Uint16Array(DATE_TEXT.length / 10);
{
  const view = new DataView(DATE_TEXT.buffer, DATE_TEXT.byteOffset, DATE_TEXT.byteLength);
  for (let day = 0; day < DATE_TAILS.length; day++) {
    DATE_WORDS[2 * day] = view.getUint32(day * 10, true);
    DATE_WORDS[2 * day + 1] = view.getUint32(day * 10 + 4, true);
    DATE_TAILS[day] = view.getUint16(day * 10 + 8, true);
  }
}

const int64At = (words: Uint32Array, r: number): number => words[2 * r]! + words[2 * r + 1]! * TWO_32;
const centsAt = (words: Uint32Array, r: number): number => words[4 * r]! + (words[4 * r + 1]! | 0) * TWO_32;

/** Adds the printed width of column values to `widths`. */
function measure(col: RawColumn, widths: Int32Array, rows: number): void {
  switch (col.kind) {
    case 'utf8': {
      const offsets = col.offsets;
      for (let r = 0; r < rows; r++) widths[r] += offsets[r + 1]! - offsets[r]!;
      break;
    }
    case 'date':
      for (let r = 0; r < rows; r++) widths[r] += 10;
      break;
    case 'int32': {
      const values = col.values;
      for (let r = 0; r < rows; r++) widths[r] += digitCount(values[r]!);
      break;
    }
    case 'int64': {
      const words = col.words;
      for (let r = 0; r < rows; r++) widths[r] += digitCount(int64At(words, r));
      break;
    }
    case 'decimal': {
      const words = col.words;
      for (let r = 0; r < rows; r++) {
        const cents = centsAt(words, r);
        widths[r] += cents < 0 ? 4 + digitCount(Math.floor(-cents / 100)) : 3 + digitCount(Math.floor(cents / 100));
      }
      break;
    }
    case 'quantity': {
      const words = col.words;
      for (let r = 0; r < rows; r++) widths[r] += digitCount(Math.floor(words[4 * r]! / 100));
      break;
    }
  }
}

/** Writes column values of rows [from, to) (each followed by `|`) at the row cursors and advances them. */
function emit(col: RawColumn, out: Uint8Array, cursor: Int32Array, from: number, to: number): void {
  switch (col.kind) {
    case 'utf8': {
      const { offsets, data } = col;
      for (let r = from; r < to; r++) {
        let at = cursor[r]!;
        const start = offsets[r]!;
        const end = offsets[r + 1]!;
        if (end - start > LONG_TEXT) {
          out.set(data.subarray(start, end), at);
          at += end - start;
        } else {
          for (let i = start; i < end; i++) out[at++] = data[i]!;
        }
        out[at++] = PIPE;
        cursor[r] = at;
      }
      break;
    }
    case 'date': {
      const values = col.values;
      const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
      for (let r = from; r < to; r++) {
        const at = cursor[r]!;
        const day = values[r]! - START_EPOCH_DAY;
        view.setUint32(at, DATE_WORDS[2 * day]!, true);
        view.setUint32(at + 4, DATE_WORDS[2 * day + 1]!, true);
        view.setUint16(at + 8, DATE_TAILS[day]!, true);
        out[at + 10] = PIPE;
        cursor[r] = at + 11;
      }
      break;
    }
    case 'int32': {
      const values = col.values;
      for (let r = from; r < to; r++) {
        const v = values[r]!;
        const end = cursor[r]! + digitCount(v);
        writeDigits(out, end, v);
        out[end] = PIPE;
        cursor[r] = end + 1;
      }
      break;
    }
    case 'int64': {
      const words = col.words;
      for (let r = from; r < to; r++) {
        const v = int64At(words, r);
        const end = cursor[r]! + digitCount(v);
        writeDigits(out, end, v);
        out[end] = PIPE;
        cursor[r] = end + 1;
      }
      break;
    }
    case 'decimal': {
      const words = col.words;
      for (let r = from; r < to; r++) {
        let at = cursor[r]!;
        let cents = centsAt(words, r);
        if (cents < 0) {
          out[at++] = 0x2d;
          cents = -cents;
        }
        const units = Math.floor(cents / 100);
        const cc = cents - units * 100;
        at += digitCount(units);
        writeDigits(out, at, units);
        out[at] = 0x2e;
        out[at + 1] = 0x30 + ((cc / 10) | 0);
        out[at + 2] = 0x30 + (cc % 10);
        out[at + 3] = PIPE;
        cursor[r] = at + 4;
      }
      break;
    }
    case 'quantity': {
      const words = col.words;
      for (let r = from; r < to; r++) {
        const v = Math.floor(words[4 * r]! / 100);
        const end = cursor[r]! + digitCount(v);
        writeDigits(out, end, v);
        out[end] = PIPE;
        cursor[r] = end + 1;
      }
      break;
    }
  }
}

/** The `.tbl` lines of a batch. */
export function formatTbl(batch: RawBatch): Uint8Array {
  const rows = batch.length;
  const widths = new Int32Array(rows).fill(batch.columns.length + 1); // the pipes and the LF
  for (const col of batch.columns) measure(col, widths, rows);
  const cursor = new Int32Array(rows);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    cursor[r] = total;
    total += widths[r]!;
  }
  const out = new Uint8Array(total);
  // Row blocks keep the output being written within the CPU cache across the column passes.
  for (let from = 0; from < rows; from += BLOCK_ROWS) {
    const to = Math.min(rows, from + BLOCK_ROWS);
    for (const col of batch.columns) emit(col, out, cursor, from, to);
    for (let r = from; r < to; r++) out[cursor[r]!] = LF;
  }
  return out;
}
