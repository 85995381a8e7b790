import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { compareResult, hashLine, renderDataFusion, renderSqlite, tableCells, type Cell } from './results.js';

const int = (text: string): Cell => ({ kind: 'Int64', text });
const float = (v: number): Cell => ({ kind: 'Float64', text: String(v) });
const text = (t: string): Cell => ({ kind: 'Utf8', text: t });

describe('SQLite rendering', () => {
  it('renders by the type letter: I truncates, R is %.3f with ties to even, T keeps text', () => {
    expect(renderSqlite(float(-2.7), 'I')).toBe('-2');
    expect(renderSqlite(float(-0.4), 'I')).toBe('0');
    expect(renderSqlite({ kind: 'Decimal128', text: '-12.95' }, 'I')).toBe('-12');
    expect(renderSqlite(text('12abc'), 'I')).toBe('12');
    expect(renderSqlite(int('5'), 'R')).toBe('5.000');
    expect(renderSqlite(float(0.0625), 'R')).toBe('0.062');
    expect(renderSqlite(float(0.0635), 'R')).toBe('0.064');
    expect(renderSqlite(float(2), 'T')).toBe('2.0');
  });

  it('shows NULL, (empty) and @ for unprintable bytes', () => {
    expect(renderSqlite(null, 'I')).toBe('NULL');
    expect(renderSqlite(text(''), 'T')).toBe('(empty)');
    expect(renderSqlite(text('a\tb'), 'T')).toBe('a@b');
  });
});

describe('DataFusion rendering', () => {
  it('rounds floats and decimals to 12 decimals, drops trailing zeros, spells specials', () => {
    expect(renderDataFusion(float(1 / 3))).toBe('0.333333333333');
    expect(renderDataFusion(float(42))).toBe('42');
    expect(renderDataFusion(float(-0))).toBe('0');
    expect(renderDataFusion(float(1e-7))).toBe('0.0000001');
    expect(renderDataFusion(float(1e21))).toBe('1000000000000000000000');
    expect(renderDataFusion(float(-Infinity))).toBe('-Infinity');
    expect(renderDataFusion({ kind: 'Decimal128', text: '0.110' })).toBe('0.11');
    expect(renderDataFusion({ kind: 'Decimal128', text: '-0.0000000000004' })).toBe('0');
    expect(renderDataFusion({ kind: 'Timestamp', text: '2024-01-15 10:30:00' })).toBe('2024-01-15T10:30:00');
    expect(renderDataFusion(text(''))).toBe('(empty)');
  });
});

describe('comparison', () => {
  const rows: Cell[][] = [
    [int('2'), text('b')],
    [int('1'), text('a')],
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

describe('tableCells', () => {
  it('reads every chunk of every column with its type', () => {
    const t = new arrow.Table({ a: arrow.vectorFromArray([1, null], new arrow.Int32()), s: arrow.vectorFromArray(['x', ''], new arrow.Utf8()) });
    expect(tableCells(t.concat(t.slice(0, 1)))).toEqual([
      [{ kind: 'Int32', text: '1' }, { kind: 'Utf8', text: 'x' }],
      [null, { kind: 'Utf8', text: '' }],
      [{ kind: 'Int32', text: '1' }, { kind: 'Utf8', text: 'x' }],
    ]);
  });
});
