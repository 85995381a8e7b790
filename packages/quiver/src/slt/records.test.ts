import { describe, expect, it } from 'vitest';
import { appliesTo, parseSlt, SltParseError } from './records.js';

describe('parseSlt', () => {
  it('reads statements, queries with types, sort mode and label, and their expected lines', () => {
    const records = parseSlt(
      [
        '# a comment',
        'statement ok',
        'CREATE TABLE t(a INT)',
        '',
        'query IT rowsort label-7',
        'SELECT a,',
        '  b FROM t',
        '----',
        '1',
        'x',
        '',
        'statement count 3',
        'INSERT INTO t VALUES (1), (2), (3)',
      ].join('\n'),
    );
    expect(records).toEqual([
      { kind: 'statement', line: 2, conditions: [], sql: 'CREATE TABLE t(a INT)', expect: 'ok', count: 0 },
      { kind: 'query', line: 5, conditions: [], sql: 'SELECT a,\n  b FROM t', types: 'IT', sortMode: 'rowsort', expectError: false, expected: ['1', 'x'] },
      { kind: 'statement', line: 12, conditions: [], sql: 'INSERT INTO t VALUES (1), (2), (3)', expect: 'count', count: 3 },
    ]);
  });

  it('reads query error with a message, statement error, conditions, hash-threshold, include and halt', () => {
    const records = parseSlt(
      [
        'skipif mysql # comment after the name',
        'onlyif Quiver',
        'query error DataFusion error: bad thing',
        'SELECT x',
        '',
        'statement error',
        'DROP TABLE nope',
        '----',
        'multi-line message',
        '',
        'hash-threshold 20',
        '',
        'include ./part.slt.part',
        '',
        'halt',
      ].join('\n'),
    );
    expect(records.map((r) => r.kind)).toEqual(['query', 'statement', 'hashThreshold', 'include', 'halt']);
    expect(records[0]).toMatchObject({ expectError: true, types: '', conditions: [{ kind: 'skipif', engine: 'mysql' }, { kind: 'onlyif', engine: 'quiver' }] });
    expect(records[1]).toMatchObject({ expect: 'error', sql: 'DROP TABLE nope' });
    expect(records[2]).toMatchObject({ threshold: 20 });
    expect(records[3]).toMatchObject({ path: './part.slt.part' });
  });

  it('keeps a result line of spaces (a row of empty-looking values) inside the expected block', () => {
    const [q] = parseSlt('query T\nSELECT 1\n----\na\n   \nb\n\nstatement ok\nSELECT 2');
    expect(q).toMatchObject({ expected: ['a', '   ', 'b'] });
  });

  it('rejects unknown records and sort modes with the file and line', () => {
    expect(() => parseSlt('\nfrobnicate\n', 'f.slt')).toThrow(new SltParseError('f.slt', 2, "unknown record 'frobnicate'"));
    expect(() => parseSlt('query I sideways\nSELECT 1', 'f.slt')).toThrow("f.slt:1: unknown sort mode 'sideways'");
  });
});

describe('appliesTo', () => {
  it('runs skipif records for other engines and onlyif records only for this one', () => {
    expect(appliesTo([{ kind: 'skipif', engine: 'mysql' }], 'quiver')).toBe(true);
    expect(appliesTo([{ kind: 'skipif', engine: 'quiver' }], 'quiver')).toBe(false);
    expect(appliesTo([{ kind: 'onlyif', engine: 'mysql' }], 'quiver')).toBe(false);
    expect(appliesTo([{ kind: 'onlyif', engine: 'quiver' }], 'Quiver')).toBe(true);
  });
});
