import { describe, expect, it } from 'vitest';
import { caretFrame, closestNames, didYouMean, editDistance, QuiverError } from './error.js';

describe('did-you-mean suggestions', () => {
  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests the closest names, best first, case-insensitively', () => {
    expect(closestNames('lineitm', ['lineitem', 'orders', 'nation'])).toEqual(['lineitem']);
    expect(closestNames('NATION', ['nation', 'region'])).toEqual(['nation']);
    expect(closestNames('zzzzzz', ['lineitem', 'orders'])).toEqual([]);
  });

  it('phrases one or several candidates', () => {
    expect(didYouMean('ordrs', ['orders'])).toBe(" (did you mean 'orders'?)");
    expect(didYouMean('ab', ['ac', 'ad'])).toBe(" (did you mean 'ac' or 'ad'?)");
    expect(didYouMean('qqqqq', ['orders'])).toBe('');
  });
});

describe('QuiverError', () => {
  it('renders the SQL position with a caret', () => {
    const sql = 'SELECT a\nFROM lineitm';
    const err = new QuiverError('PLAN', "table 'lineitm' not found", { location: { line: 2, column: 6 } }).withSql(sql);
    expect(err.message).toBe("table 'lineitm' not found at line 2, column 6\n2 | FROM lineitm\n  |      ^");
    expect(err.code).toBe('PLAN');
    expect(err.location).toEqual({ line: 2, column: 6 });
  });

  it('leaves errors without a position unchanged', () => {
    const err = new QuiverError('EXECUTION', 'overflow');
    expect(err.withSql('select 1')).toBe(err);
    expect(caretFrame('x', { line: 1, column: 1 })).toBe('1 | x\n  | ^');
  });
});
