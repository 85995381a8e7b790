import { describe, expect, it } from 'vitest';
import { parseSql } from './parser.js';

describe('parseSql before initSql', () => {
  it('fails with an INTERNAL error saying to await initSql()', () => {
    expect(() => parseSql('select 1')).toThrow('the SQL parser is not initialized: await initSql() first');
  });
});
