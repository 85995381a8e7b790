import { describe, expect, it } from 'vitest';
import { diffRows, sameValue } from './compare.js';

describe('sameValue', () => {
  it('compares decimals exactly, whatever their trailing zeros', () => {
    expect(sameValue('37734107', '37734107.00')).toBe(true);
    expect(sameValue('-0.50', '-.5')).toBe(true);
    expect(sameValue('37734107.01', '37734107.00', 0)).toBe(false);
    expect(sameValue('1e3', '1000', 0)).toBe(true);
  });
  it('compares floats within a relative tolerance of 1e-9', () => {
    expect(sameValue('1.0000000001e3', '1000')).toBe(true);
    expect(sameValue('1.00001e3', '1000')).toBe(false);
  });
  it('compares dates, strings and NULLs exactly', () => {
    expect(sameValue('1995-03-15', '1995-03-15')).toBe(true);
    expect(sameValue('1995-03-15', '1995-03-16')).toBe(false);
    expect(sameValue('abc', 'abc ')).toBe(false);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue(null, '')).toBe(false);
  });
});

describe('diffRows', () => {
  const rows = [
    ['a', '1.50'],
    ['b', '2'],
  ];
  it('checks order only when the query orders', () => {
    const swapped = [rows[1]!, rows[0]!];
    expect(diffRows(swapped, rows, false)).toBeNull();
    expect(diffRows(swapped, rows, true)).toMatch(/^row 0 column 0: "b" != expected "a"/);
  });
  it('reports a row count or column count difference', () => {
    expect(diffRows(rows.slice(1), rows, true)).toBe('row count 1 != expected 2');
    expect(diffRows([['a'], ['b', '2']], rows, true)).toBe('row 0: 1 columns != expected 2');
  });
  it('accepts equal decimals written differently', () => {
    expect(diffRows([['a', '1.5'], ['b', '2.00']], rows, true, [0, 0])).toBeNull();
  });
  it('compares each column with its own tolerance', () => {
    const close = [['a', '1.5000000001'], ['b', '2']];
    expect(diffRows(close, rows, true, [0, 1e-9])).toBeNull();
    expect(diffRows(close, rows, true, [0, 0])).toMatch(/^row 0 column 1/);
  });
});
