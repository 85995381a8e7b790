/**
 * sqllogictest records: their types and the parser from file text. Both dialects share one syntax
 * (SQLite's corpus and DataFusion's extension with `query error`, `statement count` and `include`);
 * what differs is how results are written, which `./compare.js` handles.
 */

export type SltDialect = 'sqlite' | 'datafusion';
export type SortMode = 'nosort' | 'rowsort' | 'valuesort';

/** A `skipif <engine>` or `onlyif <engine>` line before a record. */
export interface SltCondition {
  readonly kind: 'skipif' | 'onlyif';
  readonly engine: string;
}

interface RecordBase {
  /** 1-based line of the record's first line (after its conditions). */
  readonly line: number;
  readonly conditions: readonly SltCondition[];
}

export type SltRecord =
  | (RecordBase & { readonly kind: 'statement'; readonly sql: string; readonly expect: 'ok' | 'error' | 'count'; readonly count: number })
  | (RecordBase & {
      readonly kind: 'query';
      readonly sql: string;
      /** One letter per column (`I`, `R`, `T`, `B`, `D`, `P`, `?`); empty for `query error`. */
      readonly types: string;
      readonly sortMode: SortMode;
      readonly expectError: boolean;
      /** The lines after `----` (result values, or an error message for `query error`). */
      readonly expected: readonly string[];
    })
  | (RecordBase & { readonly kind: 'hashThreshold'; readonly threshold: number })
  | (RecordBase & { readonly kind: 'include'; readonly path: string })
  | (RecordBase & { readonly kind: 'halt' });

export class SltParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

/** The header words of a line, without a trailing `# comment`. */
function words(line: string): string[] {
  const hash = line.indexOf(' #');
  return (hash >= 0 ? line.slice(0, hash) : line).trim().split(/\s+/);
}

const SORT_MODES = new Set<string>(['nosort', 'rowsort', 'valuesort']);

/** Parse the records of a sqllogictest file; `file` names it in errors. */
export function parseSlt(text: string, file = '<slt>'): SltRecord[] {
  const lines = text.split(/\r?\n/);
  const records: SltRecord[] = [];
  let conditions: SltCondition[] = [];
  let i = 0;
  const isBlank = (l: string | undefined) => l === undefined || l.trim() === '';

  /** SQL lines from `i` up to a blank line or `----` (comment lines dropped). */
  const readSql = (): string => {
    const sql: string[] = [];
    while (i < lines.length && !isBlank(lines[i]) && lines[i]!.trimEnd() !== '----') {
      if (!lines[i]!.startsWith('#')) sql.push(lines[i]!);
      i++;
    }
    return sql.join('\n');
  };
  /** After `----`: the lines up to the next empty line (a line of spaces is a result row of blank values). */
  const readExpected = (): string[] => {
    const out: string[] = [];
    if (i < lines.length && lines[i]!.trimEnd() === '----') {
      i++;
      while (i < lines.length && lines[i] !== '') out.push(lines[i++]!);
    }
    return out;
  };

  while (i < lines.length) {
    const raw = lines[i]!;
    if (isBlank(raw) || raw.startsWith('#')) {
      i++;
      continue;
    }
    const line = i + 1;
    const w = words(raw);
    i++;
    switch (w[0]) {
      case 'skipif':
      case 'onlyif':
        if (!w[1]) throw new SltParseError(file, line, `${w[0]} needs an engine name`);
        conditions.push({ kind: w[0], engine: w[1].toLowerCase() });
        continue;
      case 'statement': {
        const mode = w[1];
        if (mode !== 'ok' && mode !== 'error' && mode !== 'count') throw new SltParseError(file, line, `unknown statement mode '${mode ?? ''}'`);
        const count = mode === 'count' ? Number(w[2]) : 0;
        if (mode === 'count' && !Number.isInteger(count)) throw new SltParseError(file, line, 'statement count needs a number');
        const sql = readSql();
        readExpected();
        records.push({ kind: 'statement', line, conditions, sql, expect: mode, count });
        break;
      }
      case 'query': {
        const expectError = w[1] === 'error';
        const types = expectError ? '' : (w[1] ?? '');
        const sortMode = expectError ? 'nosort' : (w[2] ?? 'nosort');
        if (!SORT_MODES.has(sortMode)) throw new SltParseError(file, line, `unknown sort mode '${sortMode}'`);
        const sql = readSql();
        const expected = readExpected();
        records.push({ kind: 'query', line, conditions, sql, types, sortMode: sortMode as SortMode, expectError, expected });
        break;
      }
      case 'hash-threshold':
        records.push({ kind: 'hashThreshold', line, conditions, threshold: Number(w[1]) });
        break;
      case 'include':
        records.push({ kind: 'include', line, conditions, path: w[1] ?? '' });
        break;
      case 'halt':
        records.push({ kind: 'halt', line, conditions });
        break;
      default:
        throw new SltParseError(file, line, `unknown record '${w[0]}'`);
    }
    conditions = [];
  }
  return records;
}

/** Whether an engine named `engine` runs a record with these conditions. */
export function appliesTo(conditions: readonly SltCondition[], engine: string): boolean {
  const name = engine.toLowerCase();
  return conditions.every((c) => (c.kind === 'skipif' ? c.engine !== name : c.engine === name));
}
