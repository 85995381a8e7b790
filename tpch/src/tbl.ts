/**
 * dbgen's `.tbl` text: every value followed by `|`, rows ended by LF, integers in plain decimal,
 * money with two decimals (and a leading `-` when negative), quantities as whole numbers, dates as
 * `YYYY-MM-DD`. Formats a raw batch straight from its typed arrays into one byte buffer.
 */
import type { RawBatch } from './batch.js';
import { DATE_TEXT, START_EPOCH_DAY } from './dates.js';

const PIPE = 0x7c;
const LF = 0x0a;
const TWO_32 = 4294967296;
/** Upper bound of the printed width of a non-text value. */
const MAX_NUMBER_WIDTH = 22;

/** Writes a non-negative integer at `at`; returns the new end. */
function writeUint(out: Uint8Array, at: number, value: number): number {
  let len = 1;
  for (let t = value; t >= 10; t = Math.floor(t / 10)) len++;
  let n = value;
  for (let i = at + len - 1; i >= at; i--) {
    out[i] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  }
  return at + len;
}

/** Writes cents as `[-]units.cc`; returns the new end. */
function writeCents(out: Uint8Array, at: number, cents: number): number {
  let pos = at;
  let v = cents;
  if (v < 0) {
    out[pos++] = 0x2d;
    v = -v;
  }
  pos = writeUint(out, pos, Math.floor(v / 100));
  const cc = v % 100;
  out[pos++] = 0x2e;
  out[pos++] = 0x30 + Math.floor(cc / 10);
  out[pos++] = 0x30 + (cc % 10);
  return pos;
}

/** The `.tbl` lines of a batch. */
export function formatTbl(batch: RawBatch): Uint8Array {
  let capacity = batch.length * (1 + batch.columns.length);
  for (const c of batch.columns) capacity += c.kind === 'utf8' ? c.data.length : batch.length * MAX_NUMBER_WIDTH;
  const out = new Uint8Array(capacity);
  const columns = batch.columns;
  const ncols = columns.length;
  let pos = 0;
  for (let r = 0; r < batch.length; r++) {
    for (let c = 0; c < ncols; c++) {
      const col = columns[c]!;
      switch (col.kind) {
        case 'utf8': {
          const data = col.data;
          for (let i = col.offsets[r]!, end = col.offsets[r + 1]!; i < end; i++) out[pos++] = data[i]!;
          break;
        }
        case 'int32':
          pos = writeUint(out, pos, col.values[r]!);
          break;
        case 'date': {
          const from = (col.values[r]! - START_EPOCH_DAY) * 10;
          for (let i = 0; i < 10; i++) out[pos++] = DATE_TEXT[from + i]!;
          break;
        }
        case 'int64':
          pos = writeUint(out, pos, col.words[2 * r]! + col.words[2 * r + 1]! * TWO_32);
          break;
        case 'decimal':
          pos = writeCents(out, pos, col.words[4 * r]! + (col.words[4 * r + 1]! | 0) * TWO_32);
          break;
        case 'quantity':
          pos = writeUint(out, pos, Math.floor(col.words[4 * r]! / 100));
          break;
      }
      out[pos++] = PIPE;
    }
    out[pos++] = LF;
  }
  return out.subarray(0, pos);
}
