/**
 * The one error type Quiver throws: a stable code, a message, and for SQL the position with a caret excerpt.
 */

export type ErrorCode =
  | 'SQL_PARSE' // the text is not valid SQL
  | 'PLAN' // valid SQL that cannot be planned (unknown name, bad GROUP BY, ...)
  | 'TYPE' // a type error or an impossible cast
  | 'NOT_IMPLEMENTED' // valid SQL that Quiver does not support yet
  | 'EXECUTION' // a failure while running (overflow, bad data)
  | 'IO' // a file could not be read or written, or is not in the expected format
  | 'WASM' // a WebAssembly module was rejected or trapped
  | 'RESOURCES' // memory or time limit exceeded
  | 'INTERNAL'; // a bug in Quiver

export interface SourceLocation {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

export class QuiverError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;

  constructor(code: ErrorCode, message: string, options?: { location?: SourceLocation; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'QuiverError';
    this.code = code;
    this.location = options?.location;
  }

  /** This error, placed at `location` in `sql`, with a caret excerpt appended to its message. */
  withSql(sql: string): QuiverError {
    if (!this.location) return this;
    const frame = caretFrame(sql, this.location);
    const err = new QuiverError(this.code, `${this.message} at line ${this.location.line}, column ${this.location.column}\n${frame}`, {
      location: this.location,
      cause: this.cause,
    });
    err.stack = this.stack;
    return err;
  }
}

/** The source line at `loc` with a caret under its column, e.g. for `SELEC 1`: "  1 | SELEC 1\n    | ^". */
export function caretFrame(sql: string, loc: SourceLocation): string {
  const lines = sql.split('\n');
  const text = lines[loc.line - 1] ?? '';
  const gutter = `${loc.line}`;
  const pad = ' '.repeat(gutter.length);
  return `${gutter} | ${text}\n${pad} | ${' '.repeat(Math.max(0, loc.column - 1))}^`;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The candidates closest to `name` (case-insensitive), best first; empty when nothing is plausibly meant. */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = name.toLowerCase();
  const scored: Array<[number, string]> = [];
  for (const c of new Set(candidates)) {
    const d = editDistance(lower, c.toLowerCase());
    if (d <= Math.max(1, Math.floor(lower.length / 3))) scored.push([d, c]);
  }
  scored.sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1]));
  return scored.slice(0, max).map(([, c]) => c);
}

/** " (did you mean a or b?)" or "" — appended to unknown-name messages. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const best = closestNames(name, candidates);
  if (best.length === 0) return '';
  const quoted = best.map((c) => `'${c}'`);
  return ` (did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`}?)`;
}
