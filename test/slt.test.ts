/**
 * Quiver's own sqllogictest files (test/slt, both dialects) through the runner: every applicable
 * record passes, and skipped and not-applicable records are counted as such. A copy with wrong
 * expectations shows that the runner reports failures.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSltFile } from 'quiver';

const dir = join(import.meta.dirname, 'slt');

describe('test/slt files', () => {
  it('sqlite-dialect.test: all applicable records pass', async () => {
    const r = await runSltFile(join(dir, 'sqlite-dialect.test'));
    expect(r.dialect).toBe('sqlite');
    expect(r.records.filter((x) => x.status === 'failed')).toEqual([]);
    expect({ passed: r.passed, skipped: r.skipped, notApplicable: r.notApplicable }).toEqual({ passed: 31, skipped: 2, notApplicable: 0 });
  });

  it('datafusion-dialect.slt (with its include): all applicable records pass, DataFusion-only ones counted apart', async () => {
    const r = await runSltFile(join(dir, 'datafusion-dialect.slt'));
    expect(r.dialect).toBe('datafusion');
    expect(r.records.filter((x) => x.status === 'failed')).toEqual([]);
    expect({ passed: r.passed, skipped: r.skipped, notApplicable: r.notApplicable }).toEqual({ passed: 32, skipped: 0, notApplicable: 6 });
    expect(r.records.filter((x) => x.status === 'notApplicable').map((x) => x.reason)).toEqual([
      'arrow_cast/arrow_typeof',
      'DataFusion option',
      'EXPLAIN output',
      'arrow_cast/arrow_typeof',
      'external data file (CREATE EXTERNAL TABLE)',
      "reads 'ext_data', which a not-applicable record did not create (external data file (CREATE EXTERNAL TABLE))",
    ]);
    expect(r.records.some((x) => x.file.endsWith('datafusion-tables.slt.part'))).toBe(true);
  });

  it('datafusion-aggregates.slt: statistical, percentile, bitwise, STRING_AGG and ARRAY_AGG aggregates pass', async () => {
    const r = await runSltFile(join(dir, 'datafusion-aggregates.slt'));
    expect(r.records.filter((x) => x.status === 'failed')).toEqual([]);
    expect({ passed: r.passed, skipped: r.skipped, notApplicable: r.notApplicable }).toEqual({ passed: 13, skipped: 0, notApplicable: 0 });
  });

  it('datafusion-arrays.slt: list literals, array functions, list columns, list comparisons and keys, unnest pass', async () => {
    const r = await runSltFile(join(dir, 'datafusion-arrays.slt'));
    expect(r.records.filter((x) => x.status === 'failed')).toEqual([]);
    expect({ passed: r.passed, skipped: r.skipped, notApplicable: r.notApplicable }).toEqual({ passed: 33, skipped: 0, notApplicable: 0 });
  });

  it('datafusion-scalars.slt: to_date, date_trunc, intervals, bitwise and pattern operators, regex and hash functions pass', async () => {
    const r = await runSltFile(join(dir, 'datafusion-scalars.slt'));
    expect(r.records.filter((x) => x.status === 'failed')).toEqual([]);
    expect({ passed: r.passed, skipped: r.skipped, notApplicable: r.notApplicable }).toEqual({ passed: 11, skipped: 0, notApplicable: 0 });
  });

  it('datafusion-windows.slt: ranking, lag/lead, frames, named windows and windows after GROUP BY pass', async () => {
    const r = await runSltFile(join(dir, 'datafusion-windows.slt'));
    expect(r.records.filter((x) => x.status === 'failed')).toEqual([]);
    expect({ passed: r.passed, skipped: r.skipped, notApplicable: r.notApplicable }).toEqual({ passed: 9, skipped: 0, notApplicable: 0 });
  });

  it('datafusion-grouping.slt: grouping sets, first/last/nth_value aggregates, table functions and wildcard options pass', async () => {
    const r = await runSltFile(join(dir, 'datafusion-grouping.slt'));
    expect(r.records.filter((x) => x.status === 'failed')).toEqual([]);
    expect({ passed: r.passed, skipped: r.skipped, notApplicable: r.notApplicable }).toEqual({ passed: 19, skipped: 0, notApplicable: 0 });
  });

  it('datafusion-order-by-all.slt: ORDER BY ALL over SELECT, GROUP BY and UNION outputs passes', async () => {
    const r = await runSltFile(join(dir, 'datafusion-order-by-all.slt'));
    expect(r.records.filter((x) => x.status === 'failed')).toEqual([]);
    expect({ passed: r.passed, skipped: r.skipped, notApplicable: r.notApplicable }).toEqual({ passed: 7, skipped: 0, notApplicable: 0 });
  });

  it('datafusion-time.slt: TIME literals, casts, comparisons, arithmetic, date_part and TIME columns pass', async () => {
    const r = await runSltFile(join(dir, 'datafusion-time.slt'));
    expect(r.records.filter((x) => x.status === 'failed')).toEqual([]);
    expect({ passed: r.passed, skipped: r.skipped, notApplicable: r.notApplicable }).toEqual({ passed: 19, skipped: 0, notApplicable: 0 });
  });
});

describe('failures are reported', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'quiver-slt-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('a wrong value fails its record with expected and actual text', async () => {
    const file = join(tmp, 'wrong.test');
    writeFileSync(file, readFileSync(join(dir, 'sqlite-dialect.test'), 'utf8').replace(/^-0\.062$/m, '-0.063'));
    const r = await runSltFile(file);
    expect(r.failed).toBe(1);
    const failure = r.records.find((x) => x.status === 'failed')!;
    expect(failure.line).toBe(20);
    expect(failure.expected).toContain('-0.063');
    expect(failure.actual).toContain('-0.062');
  });

  it('a query expected to fail that succeeds, and a statement count that differs, fail', async () => {
    copyFileSync(join(dir, 'datafusion-tables.slt.part'), join(tmp, 'datafusion-tables.slt.part'));
    const file = join(tmp, 'wrong.slt');
    writeFileSync(file, 'include ./datafusion-tables.slt.part\n\nquery error\nSELECT 1\n\nstatement count 5\nINSERT INTO prices VALUES (9, NULL, NULL, NULL)\n');
    const r = await runSltFile(file);
    expect(r.records.filter((x) => x.status === 'failed').map((x) => [x.expected, x.actual])).toEqual([
      ['an error', 'a result'],
      ['count 5', 'count 1'],
    ]);
  });
});
