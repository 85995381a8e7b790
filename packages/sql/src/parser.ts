/**
 * The parser adapter: SQL text to the parser's statements, with parse failures turned into
 * `SQL_PARSE` errors placed at the offending token (or at the end of the input for "found: EOF").
 */
import { dialectFromString, init, parse, Parser } from '@guanmingchiu/sqlparser-ts';
import { QuiverError, type SourceLocation } from '@quiver/common';
import type { Statement } from './ast.js';

export type SqlDialect = 'generic' | 'postgresql' | 'duckdb';

let ready: Promise<void> | null = null;
let initialized = false;

/** Load the parser's WebAssembly module; call (and await) once before `parseSql`. */
export function initSql(): Promise<void> {
  ready ??= init().then(() => {
    initialized = true;
  });
  return ready;
}

/** The statements of `sql`; throws `SQL_PARSE` with the position of the error. */
export function parseSql(sql: string, dialect: SqlDialect = 'generic'): Statement[] {
  if (!initialized) throw new QuiverError('INTERNAL', 'the SQL parser is not initialized: await initSql() first');
  let parsed: unknown;
  try {
    parsed = parse(sql, dialect);
  } catch (err) {
    if (!String((err as Error)?.message).includes('recursion limit exceeded')) throw parseError(err, sql);
    parsed = parseDeep(sql, dialect);
  }
  if (!Array.isArray(parsed)) throw new QuiverError('INTERNAL', 'the SQL parser returned no statement list');
  return parsed as Statement[];
}

/**
 * The parser's default nesting limit (50) rejects machine-written SQL with deeply parenthesized
 * predicates; such statements are parsed again with a higher limit, one that stays well inside the
 * WebAssembly stack (nesting of about 1000 overflows it).
 */
const DEEP_RECURSION_LIMIT = 250;

function parseDeep(sql: string, dialect: SqlDialect): unknown {
  try {
    return new Parser(dialectFromString(dialect)).withRecursionLimit(DEEP_RECURSION_LIMIT).parse(sql);
  } catch (err) {
    throw parseError(err, sql);
  }
}

const POSITION = /\s*at Line: (\d+), Column: (\d+)\s*$/;

/** A parser failure as a QuiverError: message without the parser's prefix, position as `location`. */
export function parseError(err: unknown, sql: string): QuiverError {
  const raw = err instanceof Error ? err.message : String(err);
  let text = raw.replace(/^sql parser error:\s*/, '');
  let location: SourceLocation | undefined;
  const pos = POSITION.exec(text);
  if (pos) {
    location = { line: Number(pos[1]), column: Number(pos[2]) };
    text = text.slice(0, pos.index);
  }
  const expected = /^Expected: (.*), found: (.*)$/s.exec(text);
  if (expected) {
    const found = expected[2]!;
    if (found === 'EOF') location = endOfInput(sql);
    text = `expected ${expected[1]}, found ${found === 'EOF' ? 'end of input' : found}`;
  }
  return new QuiverError('SQL_PARSE', `syntax error: ${text}`, { location, cause: err });
}

/** The position just after the last non-blank character of `sql`. */
function endOfInput(sql: string): SourceLocation {
  const lines = sql.replace(/[\s;]+$/, '').split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
