import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataTypes as T, Field, Schema, typeToString } from '@quiver/common';
import { collectRows, testContext } from '../test-helpers.js';
import { CsvTable } from './csv-table.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quiver-csv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('CsvTable', () => {
  it('infers BIGINT, DOUBLE, DATE, BOOLEAN, TIMESTAMP and VARCHAR from a sample, names from the header', async () => {
    const path = file('infer.csv', 'id,price,day,ok,at,name\n1,1.5,2024-02-29,true,2024-01-01 10:00:00,alpha\n-7,2e3,1999-12-31,FALSE,2024-01-02T00:00:00.5,"be,ta"\n,,,,,\n');
    const t = await CsvTable.open(path);
    expect(t.schema.fields.map((f) => `${f.name}:${typeToString(f.type)}`)).toEqual([
      'id:BIGINT', 'price:DOUBLE', 'day:DATE', 'ok:BOOLEAN', 'at:TIMESTAMP', 'name:VARCHAR',
    ]);
    expect(await collectRows(t.scan(null, [], null))).toEqual([
      [1n, 1.5, 19782, true, 1704103200000000n, 'alpha'],
      [-7n, 2000, 10956, false, 1704153600500000n, 'be,ta'],
      [null, null, null, null, null, null],
    ]);
  });

  it('reads RFC 4180 quoting: delimiters, doubled quotes, newlines in fields, CRLF, quoted empty string vs NULL', async () => {
    const path = file('quotes.csv', 'a,b\r\n"x ""q"" y","line1\nline2"\r\n"",\r\n\r\nplain,"z"');
    const t = await CsvTable.open(path);
    expect(await collectRows(t.scan(null, [], null))).toEqual([
      ['x "q" y', 'line1\nline2'],
      ['', null],
      ['plain', 'z'],
    ]);
  });

  it('uses a declared schema with exact decimals, a custom delimiter, no header and a trailing delimiter', async () => {
    const schema = new Schema([new Field('k', T.int32), new Field('amount', T.decimal(15, 2)), new Field('big', T.decimal(38, 4)), new Field('d', T.date32)]);
    const path = file('tpch.tbl', '1|12.345|123456789012345678901234.56785|1995-03-15|\n2|-0.5|-1|1970-01-01|\n3|7|0.00005|2000-02-29|\n');
    const t = await CsvTable.open(path, { schema, header: false, delimiter: '|' });
    expect(await collectRows(t.scan([1, 2, 0], [], null))).toEqual([
      [1235n, 1234567890123456789012345679n, 1],
      [-50n, -10000n, 2],
      [700n, 1n, 3],
    ]);
  });

  it('infers TIME from HH:MM[:SS[.ffffff]] values and reads declared TIME columns, rejecting bad times', async () => {
    const t = await CsvTable.open(file('times.csv', 'at,n\n09:30,1\n23:59:59.5,2\n,3\n'));
    expect(t.schema.fields.map((f) => typeToString(f.type))).toEqual(['TIME', 'BIGINT']);
    expect(await collectRows(t.scan([0], [], null))).toEqual([[34_200_000_000n], [86_399_500_000n], [null]]);
    const declared = await CsvTable.open(file('times2.csv', 'at\n 00:00:00.000001 \n12:00\n'), { schema: new Schema([new Field('at', T.time)]) });
    expect(await collectRows(declared.scan(null, [], null))).toEqual([[1n], [43_200_000_000n]]);
    const bad = await CsvTable.open(file('times3.csv', 'at\n10:61\n'), { schema: new Schema([new Field('at', T.time)]) });
    await expect(collectRows(bad.scan(null, [], null))).rejects.toThrow(/line 2, column 'at': cannot read '10:61' as TIME/);
  });

  it('names columns column0.. without a header and drops an all-empty trailing column', async () => {
    const t = await CsvTable.open(file('nohdr.tbl', '1|a|\n2|b|\n'), { header: false, delimiter: '|' });
    expect(t.schema.fields.map((f) => f.name)).toEqual(['column0', 'column1']);
    expect(await collectRows(t.scan(null, [], null))).toEqual([[1n, 'a'], [2n, 'b']]);
  });

  it('emits batches of the batch size and honours the limit', async () => {
    const text = 'n\n' + Array.from({ length: 25 }, (_, i) => `${i}\n`).join('');
    const t = await CsvTable.open(file('many.csv', text));
    const sizes: number[] = [];
    for await (const b of t.scan(null, [], null).execute(testContext({ batchSize: 10 }))) sizes.push(b.numRows);
    expect(sizes).toEqual([10, 10, 5]);
    expect(await collectRows(t.scan(null, [], 3))).toEqual([[0n], [1n], [2n]]);
  });

  it('reports bad rows with the file and line', async () => {
    const schema = new Schema([new Field('a', T.int32), new Field('b', T.utf8)]);
    const wrongCount = await CsvTable.open(file('count.csv', 'a,b\n1,x\n2\n'), { schema });
    await expect(collectRows(wrongCount.scan(null, [], null))).rejects.toMatchObject({ code: 'IO', message: expect.stringMatching(/count\.csv: line 3: expected 2 fields, found 1/) });
    const badValue = await CsvTable.open(file('value.csv', 'a,b\n1,x\n\n"two",y\n'), { schema });
    await expect(collectRows(badValue.scan(null, [], null))).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringMatching(/value\.csv: line 4, column 'a': cannot read 'two' as INTEGER/),
    });
    const overflow = await CsvTable.open(file('overflow.csv', 'a,b\n3000000000,x\n'), { schema });
    await expect(collectRows(overflow.scan(null, [], null))).rejects.toMatchObject({ code: 'IO' });
    const unterminated = await CsvTable.open(file('open.csv', 'a,b\n1,"abc\n'), { schema });
    await expect(collectRows(unterminated.scan(null, [], null))).rejects.toMatchObject({ message: expect.stringMatching(/open\.csv: line 2: unterminated quoted field/) });
    await expect(CsvTable.open(join(dir, 'absent.csv'))).rejects.toMatchObject({ code: 'IO', message: expect.stringContaining('absent.csv') });
  });
});

describe('CsvTable inference', () => {
  it('does not take single letters for booleans', async () => {
    const t = await CsvTable.open(file('letters.csv', 'flag\nN\nY\n'));
    expect(t.schema.field(0).type).toEqual(T.utf8);
  });
});

describe('CSV float parsing', () => {
  it('reads doubles exactly as the platform parser does, fast path or not', async () => {
    const texts = ['0.1', '-2.5e3', '1e-7', '123456789012345', '1234567890123456789', '3.14159265358979323846', '.5', '5.', '1E22', '1e23', 'inf', '-Infinity', 'NaN', '+7'];
    const t = await CsvTable.open(file('floats.csv', 'x\n' + texts.join('\n') + '\n'), { schema: new Schema([new Field('x', T.float64)]) });
    const expected = texts.map((x) => (x.toLowerCase().includes('inf') ? (x.startsWith('-') ? -Infinity : Infinity) : Number(x)));
    expect((await collectRows(t.scan(null, [], null))).map((r) => r[0])).toEqual(expected);
    const bad = await CsvTable.open(file('badfloat.csv', 'x\n1.2.3\n'), { schema: new Schema([new Field('x', T.float64)]) });
    await expect(collectRows(bad.scan(null, [], null))).rejects.toMatchObject({ code: 'IO' });
  });
});
