import { QuiverError } from '@quiver/common';
import { beforeAll, describe, expect, it } from 'vitest';
import { initSql, parseSql } from './parser.js';

beforeAll(async () => {
  await initSql();
});

function parseFailure(sql: string): QuiverError {
  try {
    parseSql(sql);
  } catch (err) {
    if (err instanceof QuiverError) return err;
    throw err;
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('parseSql', () => {
  it('returns one statement per SQL statement', () => {
    const stmts = parseSql('select 1; select 2');
    expect(stmts).toHaveLength(2);
    expect(Object.keys(stmts[0]!)).toEqual(['Query']);
  });

  it('places a syntax error at the offending token', () => {
    const err = parseFailure('SELEC 1');
    expect(err.code).toBe('SQL_PARSE');
    expect(err.message).toBe('syntax error: expected an SQL statement, found SELEC');
    expect(err.location).toEqual({ line: 1, column: 1 });
  });

  it('places "found EOF" at the end of the input, ignoring trailing blanks', () => {
    const err = parseFailure('select a\nfrom t where  \n');
    expect(err.message).toBe('syntax error: expected an expression, found end of input');
    expect(err.location).toEqual({ line: 2, column: 13 });
    expect(err.withSql('select a\nfrom t where  \n').message).toContain('2 | from t where  \n  |             ^');
  });

  it('keeps the position of tokenizer errors', () => {
    const err = parseFailure("select 'abc");
    expect(err.message).toBe('syntax error: Unterminated string literal');
    expect(err.location).toEqual({ line: 1, column: 8 });
  });

  it('parses deeply parenthesized predicates past the default nesting limit, and rejects absurd nesting cleanly', () => {
    const nested = (depth: number) => `select 1 where ${'('.repeat(depth)}a > 1${')'.repeat(depth)}`;
    expect(parseSql(nested(100))).toHaveLength(1);
    expect(parseFailure(nested(400)).message).toContain('recursion limit exceeded');
    expect(parseSql('select 2')).toHaveLength(1);
  });
});
