/**
 * RFC 4180 tokenizing over bytes: splits CSV text into records and fields without building strings.
 * A chunk of records is returned as field byte ranges (quotes stripped) with flags for quoted fields
 * and doubled quotes inside them, plus the line each record starts on (for error messages).
 * Records end at LF, CRLF or CR; blank lines are skipped.
 */
import { QuiverError } from '@quiver/common';
import { ensureCapacity } from '../hash/grow.js';

export const QUOTED = 1;
/** The field contains doubled quotes ("") that stand for one quote character. */
export const ESCAPED = 2;

export interface CsvChunk {
  readonly rows: number;
  /** Index of each record's first field in `starts`/`ends`/`flags`; rows + 1 entries. */
  readonly rowStart: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  /** 1-based line on which each record starts. */
  readonly lines: Int32Array;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

export class CsvTokenizer {
  private pos = 0;
  private line = 1;
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private flags = new Uint8Array(1024);

  constructor(
    private readonly bytes: Uint8Array,
    private readonly delimiter: number,
    private readonly source: string,
  ) {
    // A UTF-8 byte order mark is not part of the first field.
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) this.pos = 3;
  }

  get done(): boolean {
    this.skipBlankLines();
    return this.pos >= this.bytes.length;
  }

  private skipBlankLines(): void {
    const b = this.bytes;
    while (this.pos < b.length && (b[this.pos] === LF || b[this.pos] === CR)) {
      if (b[this.pos] === CR && b[this.pos + 1] === LF) this.pos++;
      this.pos++;
      this.line++;
    }
  }

  /** The next (up to) `maxRows` records. */
  next(maxRows: number): CsvChunk {
    const b = this.bytes;
    const len = b.length;
    const delim = this.delimiter;
    const rowStart = new Int32Array(maxRows + 1);
    const lines = new Int32Array(maxRows);
    let nf = 0;
    let rows = 0;
    let pos = this.pos;
    let line = this.line;
    while (rows < maxRows) {
      this.pos = pos;
      this.line = line;
      this.skipBlankLines();
      pos = this.pos;
      line = this.line;
      if (pos >= len) break;
      rowStart[rows] = nf;
      lines[rows] = line;
      for (;;) {
        let start = pos;
        let end: number;
        let flag = 0;
        if (b[pos] === QUOTE) {
          flag = QUOTED;
          start = ++pos;
          for (;;) {
            if (pos >= len) throw new QuiverError('IO', `${this.source}: line ${lines[rows]}: unterminated quoted field`);
            const c = b[pos]!;
            if (c === QUOTE) {
              if (b[pos + 1] === QUOTE) {
                flag |= ESCAPED;
                pos += 2;
                continue;
              }
              end = pos++;
              break;
            }
            if (c === LF || (c === CR && b[pos + 1] !== LF)) line++;
            pos++;
          }
          if (pos < len && b[pos] !== delim && b[pos] !== LF && b[pos] !== CR) {
            throw new QuiverError('IO', `${this.source}: line ${line}: unexpected character after a closing quote`);
          }
        } else {
          while (pos < len) {
            const c = b[pos]!;
            if (c === delim || c === LF || c === CR) break;
            pos++;
          }
          end = pos;
        }
        if (nf === this.starts.length) {
          this.starts = ensureCapacity(this.starts, nf + 1);
          this.ends = ensureCapacity(this.ends, nf + 1);
          this.flags = ensureCapacity(this.flags, nf + 1);
        }
        this.starts[nf] = start;
        this.ends[nf] = end;
        this.flags[nf] = flag;
        nf++;
        if (pos >= len) break;
        const c = b[pos]!;
        if (c === delim) {
          pos++;
          if (pos >= len) {
            // A trailing delimiter at the end of the input ends the record with an empty field.
            this.starts = ensureCapacity(this.starts, nf + 1);
            this.ends = ensureCapacity(this.ends, nf + 1);
            this.flags = ensureCapacity(this.flags, nf + 1);
            this.starts[nf] = this.ends[nf] = pos;
            this.flags[nf] = 0;
            nf++;
            break;
          }
          continue;
        }
        pos += c === CR && b[pos + 1] === LF ? 2 : 1;
        line++;
        break;
      }
      rows++;
    }
    this.pos = pos;
    this.line = line;
    rowStart[rows] = nf;
    return {
      rows,
      rowStart: rowStart.subarray(0, rows + 1),
      starts: this.starts.slice(0, nf),
      ends: this.ends.slice(0, nf),
      flags: this.flags.slice(0, nf),
      lines: lines.subarray(0, rows),
    };
  }
}
