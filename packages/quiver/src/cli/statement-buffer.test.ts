import { describe, expect, it } from 'vitest';
import { isCompleteStatement } from './statement-buffer.js';

describe('isCompleteStatement', () => {
  it('needs a terminating semicolon', () => {
    expect(isCompleteStatement('select 1')).toBe(false);
    expect(isCompleteStatement('select 1;')).toBe(true);
    expect(isCompleteStatement('select 1;  \n')).toBe(true);
  });
  it('ignores semicolons in strings, identifiers and comments', () => {
    expect(isCompleteStatement("select ';'")).toBe(false);
    expect(isCompleteStatement("select 'it''s;'")).toBe(false);
    expect(isCompleteStatement('select "a;b"')).toBe(false);
    expect(isCompleteStatement('select 1 -- done;')).toBe(false);
    expect(isCompleteStatement('select 1 /* ; */')).toBe(false);
    expect(isCompleteStatement('select 1; -- trailing comment')).toBe(true);
  });
});
