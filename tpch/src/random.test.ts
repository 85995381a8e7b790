/** The dbgen random streams: skip-ahead equals stepping, and the int32 overflow of random alphanumerics. */
import { describe, expect, it } from 'vitest';
import { RowStream } from './random.js';

describe('RowStream', () => {
  it('skip-ahead lands where stepping row by row does', () => {
    for (const perRow of [1, 2, 7, 9, 92]) {
      const stepped = new RowStream(709314158, perRow);
      for (let row = 0; row < 1000; row++) {
        stepped.next(0, 10);
        stepped.rowFinished();
      }
      const skipped = new RowStream(709314158, perRow);
      skipped.next(0, 10);
      skipped.advanceRows(999);
      expect(skipped.next(0, 1_000_000)).toBe(stepped.next(0, 1_000_000));
    }
  });

  it('reproduces the int32 overflow of UnifInt(0, MAX_LONG)', () => {
    const s = new RowStream(881155353, 9);
    const word = s.nextOverflowedWord();
    expect(word).toBeLessThanOrEqual(0);
    expect(word).toBeGreaterThan(-(2 ** 31));
  });
});
