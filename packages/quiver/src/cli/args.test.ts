import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.js';

describe('parseCliArgs', () => {
  it('collects commands, files and tables in order', () => {
    const o = parseCliArgs(['-c', 'select 1', '--file', 'a.sql', '-t', 'li=data/li.parquet', '--table=o=o.csv', '--format', 'csv']);
    expect(o.commands).toEqual(['select 1']);
    expect(o.files).toEqual(['a.sql']);
    expect(o.tables).toEqual([
      { name: 'li', path: 'data/li.parquet' },
      { name: 'o', path: 'o.csv' },
    ]);
    expect(o.format).toBe('csv');
    expect(o.timing).toBe(true);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => parseCliArgs(['--format', 'xml'])).toThrow("--format must be table, csv or json, got 'xml'");
    expect(() => parseCliArgs(['-t', 'nopath'])).toThrow("--table expects name=path, got 'nopath'");
    expect(() => parseCliArgs(['--bogus'])).toThrow("unknown option '--bogus'");
    expect(() => parseCliArgs(['-c'])).toThrow('option -c needs a value');
  });
});
