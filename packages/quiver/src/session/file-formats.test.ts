import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { MemTable } from '@quiver/exec';
import { SessionContext } from './context.js';
import { col, fn } from '../expr-helpers.js';
import type { FileFormat } from './file-formats.js';

/** A made-up format: one text value per line, read into a `line` column and written back. */
const linesFormat: FileFormat = {
  name: 'lines',
  extensions: ['.lines'],
  async open(path) {
    const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
    return MemTable.fromArrow(new arrow.Table({ line: arrow.vectorFromArray(lines, new arrow.Utf8()) }));
  },
  async write(path, batches) {
    const out: string[] = [];
    for await (const b of batches) for (const v of b.getChildAt(0)!) out.push(String(v));
    writeFileSync(path, `${out.join('\n')}\n`);
  },
};

describe('file formats registered by name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-formats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('read by extension in SQL and registerFile, written by name or extension', async () => {
    const ctx = await SessionContext.create();
    ctx.formats.register(linesFormat);
    const input = join(dir, 'words.lines');
    writeFileSync(input, 'pear\napple\nfig\n');
    const sorted = await (await ctx.sql(`SELECT line FROM '${input}' ORDER BY line`)).collect();
    expect(sorted.getChild('line')!.toArray()).toEqual(['apple', 'fig', 'pear']);

    await ctx.registerFile('words', input);
    const output = join(dir, 'upper.lines');
    await ctx.table('words').select(fn('upper', col('line')).alias('line')).write(output);
    expect(readFileSync(output, 'utf8')).toBe('PEAR\nAPPLE\nFIG\n');
    await expect(ctx.table('words').write(join(dir, 'x.unknown'))).rejects.toThrow("no file format for the extension of");
    await expect(ctx.table('words').write(join(dir, 'x.lines'), 'line')).rejects.toThrow("format 'line' (did you mean 'lines'?)");
    await expect(ctx.table('words').write(join(dir, 'x.arrow'))).rejects.toThrow("format 'arrow' cannot write files");
  });
});
