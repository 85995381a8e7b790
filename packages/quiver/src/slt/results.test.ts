import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { TypeKind } from '@quiver/common';
import { compareResult, hashLine, renderDataFusion, renderSqlite, renderTable } from './results.js';

type Value = [TypeKind, string | null];
const int = (text: string): Value => ['Int64', text];
const float = (v: number): Value => ['Float64', String(v)];
const text = (t: string): Value => ['Utf8', t];
const sqlite = ([kind, value]: Value, letter: string) => renderSqlite(kind, value, letter);
const datafusion = ([kind, value]: Value) => renderDataFusion(kind, value);

describe('SQLite rendering', () => {
  it('renders by the type letter: I truncates, R is %.3f with ties to even, T keeps text', () => {
    expect(sqlite(float(-2.7), 'I')).toBe('-2');
    expect(sqlite(float(-0.4), 'I')).toBe('0');
    expect(sqlite(['Decimal128', '-12.95'], 'I')).toBe('-12');
    expect(sqlite(text('12abc'), 'I')).toBe('12');
    expect(sqlite(int('5'), 'R')).toBe('5.000');
    expect(sqlite(float(0.0625), 'R')).toBe('0.062');
    expect(sqlite(float(0.0635), 'R')).toBe('0.064');
    expect(sqlite(float(2), 'T')).toBe('2.0');
  });

  it('shows NULL, (empty) and @ for unprintable bytes', () => {
    expect(sqlite(['Int64', null], 'I')).toBe('NULL');
    expect(sqlite(text(''), 'T')).toBe('(empty)');
    expect(sqlite(text('a\tb'), 'T')).toBe('a@b');
  });
});

describe('DataFusion rendering', () => {
  it('rounds floats and decimals to 12 decimals, drops trailing zeros, spells specials', () => {
    expect(datafusion(float(1 / 3))).toBe('0.333333333333');
    expect(datafusion(float(42))).toBe('42');
    expect(datafusion(float(-0))).toBe('0');
    expect(datafusion(float(1e-7))).toBe('0.0000001');
    expect(datafusion(float(1e21))).toBe('1000000000000000000000');
    expect(datafusion(float(-Infinity))).toBe('-Infinity');
    expect(datafusion(['Decimal128', '0.110'])).toBe('0.11');
    expect(datafusion(['Decimal128', '-0.0000000000004'])).toBe('0');
    expect(datafusion(['Timestamp', '2024-01-15 10:30:00'])).toBe('2024-01-15T10:30:00');
    expect(datafusion(text(''))).toBe('(empty)');
  });
});

describe('comparison', () => {
  const rows = [
    ['2', 'b'],
    ['1', 'a'],
  ];

  it('SQLite: value-wise, rowsort sorts rows as strings, valuesort sorts every value', () => {
    expect(compareResult(rows, { types: 'IT', sortMode: 'rowsort', expected: ['1', 'a', '2', 'b'] }, 'sqlite', 8).ok).toBe(true);
    expect(compareResult(rows, { types: 'IT', sortMode: 'nosort', expected: ['1', 'a', '2', 'b'] }, 'sqlite', 8)).toEqual({ ok: false, actual: ['2', 'b', '1', 'a'] });
    expect(compareResult(rows, { types: 'IT', sortMode: 'valuesort', expected: ['1', '2', 'a', 'b'] }, 'sqlite', 8).ok).toBe(true);
  });

  it('SQLite: more values than the threshold compare by md5', () => {
    expect(hashLine(['1', '2'])).toBe('2 values hashing to 6ddb4095eb719e2a9f0a3f95677d24e0');
    const expected = [hashLine(['2', 'b', '1', 'a'])];
    expect(compareResult(rows, { types: 'IT', sortMode: 'nosort', expected }, 'sqlite', 3).ok).toBe(true);
    expect(compareResult(rows, { types: 'IT', sortMode: 'rowsort', expected }, 'sqlite', 3).ok).toBe(false);
  });

  it('DataFusion: row-wise lines, trailing spaces ignored, <slt:ignore> matches anything', () => {
    expect(compareResult(rows, { types: 'IT', sortMode: 'rowsort', expected: ['1 a  ', '2 b'] }, 'datafusion', 0).ok).toBe(true);
    expect(compareResult(rows, { types: 'IT', sortMode: 'nosort', expected: ['2 <slt:ignore>', '1 a'] }, 'datafusion', 0).ok).toBe(true);
    expect(compareResult(rows, { types: 'IT', sortMode: 'nosort', expected: ['1 a', '2 b'] }, 'datafusion', 0)).toEqual({ ok: false, actual: ['2 b', '1 a'] });
  });
});

describe('renderTable', () => {
  it('renders every chunk of every column, by type letter (SQLite) or by type (DataFusion)', () => {
    const t = new arrow.Table({ a: arrow.vectorFromArray([1.5, null], new arrow.Float64()), s: arrow.vectorFromArray(['x', ''], new arrow.Utf8()) });
    const twoChunks = t.concat(t.slice(0, 1));
    expect(renderTable(twoChunks, 'sqlite', 'IT')).toEqual([
      ['1', 'x'],
      ['NULL', '(empty)'],
      ['1', 'x'],
    ]);
    expect(renderTable(twoChunks, 'datafusion', 'IT')).toEqual([
      ['1.5', 'x'],
      ['NULL', '(empty)'],
      ['1.5', 'x'],
    ]);
  });
});
