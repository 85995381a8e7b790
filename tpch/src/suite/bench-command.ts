/**
 * `tpch bench --sf <n> | --data <dir> --against duckdb [--runs N] [--queries …] [--out <dir>]`: loads
 * the tables into memory in Quiver (this process) and DuckDB (a child process, so each engine's peak
 * RSS is its own; load times reported apart), then per query one warm-up and the median of N runs on
 * Quiver, DuckDB with one thread and DuckDB with all threads, validating every Quiver answer against
 * DuckDB's value by value. Prints the table and writes `tpch-bench.json`, `tpch-bench.md` and
 * `tpch-bench.svg` to the output directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SessionContext } from 'quiver';
import { querySelection, sourceOption } from './args.js';
import { registerQuiver } from './data.js';
import { DuckDbProcess } from './duckdb-process.js';
import { barChartSvg, formatMiB, formatMs, markdownTable, textTable } from './report.js';
import { answerDiffRows, median, runQuiver } from './runner.js';

export const BENCH_USAGE = `usage: quiver tpch bench --sf <n> | --data <dir> --against duckdb [--runs N] [--queries 1,3,...]
                        [--spelling interval|literal] [--out <dir>]`;

type Print = (text: string) => void;

interface QueryTimes {
  readonly query: number;
  readonly rows: number;
  readonly quiverMs: number;
  readonly duckdb1Ms: number;
  readonly duckdbAllMs: number;
  /** null when the answers agree. */
  readonly answerDiff: string | null;
}

async function medianOf(runs: number, run: () => Promise<number>): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await run());
  return median(times);
}

async function benchQuery(ctx: SessionContext, duck: DuckDbProcess, threads: number, script: string, runs: number): Promise<Omit<QueryTimes, 'query'>> {
  const quiver = await runQuiver(ctx, script);
  await duck.setThreads(1);
  const expected = await duck.run(script, true);
  const diff = answerDiffRows(quiver.result, expected.rows!, expected.tolerances!);
  const quiverMs = await medianOf(runs, async () => (await runQuiver(ctx, script)).ms);
  const duckdb1Ms = await medianOf(runs, async () => (await duck.run(script, false)).ms);
  await duck.setThreads(threads);
  const duckdbAllMs = await medianOf(runs, async () => (await duck.run(script, false)).ms);
  return { rows: quiver.result.numRows, quiverMs, duckdb1Ms, duckdbAllMs, answerDiff: diff };
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}`;

export async function runBench(argv: string[], print: Print): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sf: { type: 'string' },
      data: { type: 'string' },
      against: { type: 'string' },
      runs: { type: 'string', default: '3' },
      queries: { type: 'string' },
      spelling: { type: 'string' },
      out: { type: 'string', default: 'tpch-bench' },
    },
    strict: true,
  });
  if (values.against !== 'duckdb') throw new Error(`--against duckdb is required (the only engine compared), got '${values.against ?? ''}'`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got '${values.runs}'`);
  const source = sourceOption(values.sf, values.data);
  const selection = querySelection(values.queries, values.spelling, undefined, source);
  const threads = availableParallelism();

  const ctx = await SessionContext.create();
  let start = performance.now();
  await registerQuiver(ctx, source, true);
  const quiverLoadMs = performance.now() - start;
  print(`quiver: tables in memory in ${formatMs(quiverLoadMs)} ms`);
  start = performance.now();
  const duck = await DuckDbProcess.start(source, threads);
  const duckdbLoadMs = performance.now() - start;
  const results: QueryTimes[] = [];
  let duckdbPeakRss: number;
  try {
    print(`duckdb: tables in memory in ${formatMs(duckdbLoadMs)} ms (in a child process)`);
    for (const n of selection.numbers) {
      const times = { query: n, ...(await benchQuery(ctx, duck, threads, selection.scripts[n - 1]!, runs)) };
      results.push(times);
      print(`Q${n}: quiver ${formatMs(times.quiverMs)} ms, duckdb-1t ${formatMs(times.duckdb1Ms)} ms, duckdb-${threads}t ${formatMs(times.duckdbAllMs)} ms${times.answerDiff === null ? '' : ' — ANSWER DIFFERS'}`);
    }
    duckdbPeakRss = await duck.peakRssBytes();
  } finally {
    duck.close();
  }

  const sum = (key: 'quiverMs' | 'duckdb1Ms' | 'duckdbAllMs') => results.reduce((s, r) => s + r[key], 0);
  const headers = ['query', 'rows', 'quiver ms', 'duckdb-1t ms', `duckdb-${threads}t ms`, 'quiver/duckdb-1t', `quiver/duckdb-${threads}t`, 'answer'];
  const rows = results.map((r) => [
    `Q${r.query}`,
    String(r.rows),
    formatMs(r.quiverMs),
    formatMs(r.duckdb1Ms),
    formatMs(r.duckdbAllMs),
    ratio(r.quiverMs, r.duckdb1Ms),
    ratio(r.quiverMs, r.duckdbAllMs),
    r.answerDiff === null ? 'ok' : 'DIFFERS',
  ]);
  rows.push(['sum', '', formatMs(sum('quiverMs')), formatMs(sum('duckdb1Ms')), formatMs(sum('duckdbAllMs')), ratio(sum('quiverMs'), sum('duckdb1Ms')), ratio(sum('quiverMs'), sum('duckdbAllMs')), '']);
  const scale = 'sf' in source ? `SF ${source.sf}` : source.dir;
  const quiverPeakRss = process.resourceUsage().maxRSS * 1024;
  const memory = `peak RSS: Quiver ${formatMiB(quiverPeakRss)} (this process), DuckDB ${formatMiB(duckdbPeakRss)} (its own process)`;
  print(textTable(headers, rows));
  print(`load: quiver ${formatMs(quiverLoadMs)} ms, duckdb ${formatMs(duckdbLoadMs)} ms; median of ${runs} runs after one warm-up; ${memory}`);

  mkdirSync(values.out, { recursive: true });
  const summary = { data: scale, runs, threads, quiverLoadMs, duckdbLoadMs, quiverPeakRssBytes: quiverPeakRss, duckdbPeakRssBytes: duckdbPeakRss, queries: results };
  writeFileSync(join(values.out, 'tpch-bench.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const intro = `TPC-H ${scale}, median of ${runs} runs after one warm-up; load: Quiver ${formatMs(quiverLoadMs)} ms, DuckDB ${formatMs(duckdbLoadMs)} ms; ${memory}.`;
  writeFileSync(join(values.out, 'tpch-bench.md'), `${intro}\n\n${markdownTable(headers, rows)}\n`);
  const chart = barChartSvg(`TPC-H ${scale}: per-query time (ms)`, results.map((r) => `Q${r.query}`), [
    { name: 'Quiver', color: '#3b6fd4', values: results.map((r) => r.quiverMs) },
    { name: 'DuckDB 1 thread', color: '#e0a020', values: results.map((r) => r.duckdb1Ms) },
    { name: `DuckDB ${threads} threads`, color: '#999999', values: results.map((r) => r.duckdbAllMs) },
  ]);
  writeFileSync(join(values.out, 'tpch-bench.svg'), `${chart}\n`);
  print(`wrote ${join(values.out, 'tpch-bench.{json,md,svg}')}`);
  const wrong = results.filter((r) => r.answerDiff !== null);
  for (const r of wrong) print(`Q${r.query}: ${r.answerDiff}`);
  return wrong.length === 0 ? 0 : 1;
}
