import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTbl } from '../api.js';
import { TPCH_TABLES } from '../schema.js';
import { runBench } from './bench-command.js';
import { runTpchCli } from './cli.js';
import { runRun } from './run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'quiver-tpch-suite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function capture(run: (print: (text: string) => void) => Promise<number>): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await run((t) => lines.push(t));
  return { code, text: lines.join('\n') };
}

describe('tpch run', () => {
  it('runs generated data and checks each answer against DuckDB', async () => {
    const { code, text } = await capture((p) => runRun(['--sf', '0.01', '--queries', '6,15', '--check'], p));
    expect(code).toBe(0);
    expect(text).toMatch(/^Q6 +1 +[\d.]+ +matches duckdb$/m);
    expect(text).toMatch(/^Q15 +1 +[\d.]+ +matches duckdb$/m);
    expect(text).toContain('all 2 answers match DuckDB');
  });

  it('reads .tbl files (trailing delimiter) from a directory', async () => {
    const tbl = join(dir, 'tbl');
    mkdirSync(tbl);
    for (const table of TPCH_TABLES) {
      writeFileSync(join(tbl, `${table}.tbl`), Buffer.concat([...generateTbl(table, { sf: 0.01 })]));
    }
    const { code, text } = await capture((p) => runRun(['--data', tbl, '--queries', '1,13', '--check', '--spelling', 'literal'], p));
    expect(code).toBe(0);
    expect(text).toMatch(/^Q1 +4 +[\d.]+ +matches duckdb$/m);
    expect(text).toMatch(/^Q13 +\d+ +[\d.]+ +matches duckdb$/m);
  });

  it('names a missing table file and rejects bad options', async () => {
    await expect(runRun(['--data', dir, '--queries', '1'], () => {})).rejects.toThrow(`${dir}: no region.parquet or region.tbl`);
    await expect(runRun(['--sf', '1', '--data', dir], () => {})).rejects.toThrow('give exactly one of --sf <n> and --data <dir>');
    await expect(runRun(['--sf', '0.01', '--queries', '23'], () => {})).rejects.toThrow('--queries takes numbers 1 to 22');
    await expect(runRun(['--data', dir, '--q11-fraction', 'spec'], () => {})).rejects.toThrow('--q11-fraction spec needs --sf');
  });
});

describe('tpch bench', () => {
  it('times each query on both engines, validates the answers and writes JSON, Markdown and SVG', async () => {
    const out = join(dir, 'bench');
    const { code, text } = await capture((p) => runBench(['--sf', '0.01', '--against', 'duckdb', '--runs', '1', '--queries', '6,14', '--out', out], p));
    expect(code).toBe(0);
    expect(text).toMatch(/^sum +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+$/m);
    expect(text).toMatch(/peak RSS: Quiver [\d.,]+ MiB \(this process\), DuckDB [\d.,]+ MiB \(its own process\)$/m);
    const json = JSON.parse(readFileSync(join(out, 'tpch-bench.json'), 'utf8')) as {
      quiverPeakRssBytes: number;
      duckdbPeakRssBytes: number;
      queries: Array<{ query: number; answerDiff: string | null }>;
    };
    expect(json.queries.map((q) => [q.query, q.answerDiff])).toEqual([[6, null], [14, null]]);
    expect(json.quiverPeakRssBytes).toBeGreaterThan(0);
    expect(json.duckdbPeakRssBytes).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'tpch-bench.md'), 'utf8')).toMatch(/\| Q14 \| 1 \|/);
    expect(readFileSync(join(out, 'tpch-bench.svg'), 'utf8')).toMatch(/^<svg[^]*<\/svg>\n$/);
  });

  it('requires --against duckdb', async () => {
    await expect(runBench(['--sf', '0.01'], () => {})).rejects.toThrow('--against duckdb is required');
  });
});

describe('quiver tpch', () => {
  it('prints the usage for an unknown command and returns 1', async () => {
    expect(await runTpchCli(['frobnicate'])).toBe(1);
  });
});
