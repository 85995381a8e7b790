/**
 * Optimizer report (`npm run bench:optimizer`): for each TPC-H query, the q-error of the estimated
 * rows (max(est/actual, actual/est)) at the root and at every join, read from EXPLAIN ANALYZE, and
 * the wall time with the cost-based join order against the SQL-text order (rule `join-reorder` off).
 *
 * Usage: node tpch/dist/bench/optimizer-report.js [--dir <parquet dir> | --sf <n>] [--in-memory] [--runs 5] [--queries 5,7,9]
 * Without --dir/--sf it uses the reference Parquet at SF 0.1 in ../shared when present, else generates SF 0.1.
 * Files are scanned in place (statistics from the Parquet footers) unless --in-memory loads them first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { planner, SessionContext } from 'quiver';
import { tpchQueries } from '../queries/tpch-queries.js';
import { registerTpch } from '../register.js';
import { registerQuiver, type TpchSource } from '../suite/data.js';

const REFERENCE_SF01 = fileURLToPath(new URL('../../../../shared/tpch/reference-parquet/sf0.1', import.meta.url));

interface QueryReport {
  readonly query: number;
  readonly rootQError: number;
  readonly joinQErrors: number[];
  readonly costBasedMs: number;
  readonly textOrderMs: number;
  /** Whether the cost-based plan differs from the text-order plan at all. */
  readonly reordered: boolean;
}

const qError = (est: number, actual: number) => Math.max(Math.max(est, 1) / Math.max(actual, 1), Math.max(actual, 1) / Math.max(est, 1));

/** A count as EXPLAIN prints it (e.g. 601, 22.8K, 1.50M). */
function parseCount(text: string): number {
  const scale: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  const unit = text.at(-1)!;
  return unit in scale ? Number(text.slice(0, -1)) * scale[unit]! : Number(text);
}

/** Root and join q-errors from the physical plan of EXPLAIN ANALYZE (the query's last statement). */
function qErrors(explain: string): { root: number; joins: number[] } {
  const physical = explain.slice(explain.lastIndexOf('physical_plan:\n') + 'physical_plan:\n'.length).split('\n');
  const metrics = (line: string) => {
    const m = /\[rows=(\d+), est_rows=([\d.]+[KMGT]?),/.exec(line);
    return m ? qError(parseCount(m[2]!), Number(m[1])) : null;
  };
  const joins = physical.filter((l) => /^\s*(HashJoinExec|NestedLoopJoinExec)/.test(l)).map(metrics).filter((q) => q !== null);
  return { root: metrics(physical[0]!) ?? NaN, joins };
}

async function runScript(ctx: SessionContext, sql: string): Promise<void> {
  for await (const { dataframe } of ctx.executeScript(sql)) await dataframe.collect();
}

/** The optimized plan of the script's last query, as text. */
async function optimizedPlan(ctx: SessionContext, sql: string): Promise<string> {
  let text = '';
  for await (const { dataframe } of ctx.executeScript(sql)) {
    if (dataframe.isDdl) await dataframe.collect();
    else text = planner.planToString(dataframe.optimizedPlan());
  }
  return text;
}

async function explainAnalyze(ctx: SessionContext, sql: string): Promise<string> {
  let text = '';
  for await (const { dataframe } of ctx.executeScript(sql)) {
    if (dataframe.isDdl) await dataframe.collect();
    else text = await dataframe.explain(true);
  }
  return text;
}

/** Median wall times of `sql` in each session, runs interleaved so both see the same machine load. */
async function medianTimes(sessions: readonly SessionContext[], sql: string, runs: number): Promise<number[]> {
  for (const ctx of sessions) await runScript(ctx, sql); // warm-up
  const times = sessions.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, ctx] of sessions.entries()) {
      const start = performance.now();
      await runScript(ctx, sql);
      times[k]!.push(performance.now() - start);
    }
  }
  return times.map(median);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, sf: { type: 'string' }, 'in-memory': { type: 'boolean' }, runs: { type: 'string' }, queries: { type: 'string' } } });
  const dir = values.dir ?? (values.sf === undefined && existsSync(join(REFERENCE_SF01, 'lineitem.parquet')) ? REFERENCE_SF01 : undefined);
  const source: TpchSource = dir !== undefined ? { dir } : { sf: Number(values.sf ?? '0.1') };
  const runs = Number(values.runs ?? '5');
  const costBased = await SessionContext.create();
  const textOrder = await SessionContext.create({ disabledRules: new Set(['join-reorder']) });
  if ('sf' in source) {
    // Generate once; both sessions get the same in-memory tables.
    await registerTpch({ registerTable: (name, table) => [costBased, textOrder].forEach((ctx) => ctx.registerTable(name, table)) }, { sf: source.sf });
  } else {
    for (const ctx of [costBased, textOrder]) await registerQuiver(ctx, source, values['in-memory'] ?? false);
  }
  console.log(`TPC-H ${'dir' in source ? source.dir : `SF ${source.sf} (generated)`}${values['in-memory'] ? ', in memory' : ''}; median of ${runs} runs\n`);
  console.log('query | root q-err | join q-errors                      | cost-based ms | text-order ms | speedup | join order');
  console.log('------|------------|------------------------------------|---------------|---------------|---------|-----------');
  const reports: QueryReport[] = [];
  const queries = tpchQueries('literal');
  const selected = values.queries ? values.queries.split(',').map(Number) : queries.map((_, i) => i + 1);
  for (const n of selected) {
    const sql = queries[n - 1]!;
    const { root, joins } = qErrors(await explainAnalyze(costBased, sql));
    const [costBasedMs, textOrderMs] = await medianTimes([costBased, textOrder], sql, runs);
    const reordered = (await optimizedPlan(costBased, sql)) !== (await optimizedPlan(textOrder, sql));
    const r: QueryReport = { query: n, rootQError: root, joinQErrors: joins, costBasedMs: costBasedMs!, textOrderMs: textOrderMs!, reordered };
    reports.push(r);
    const joinText = joins.map((q) => q.toFixed(1)).join(' ') || '-';
    console.log(
      `Q${String(n).padEnd(4)} | ${root.toFixed(1).padStart(10)} | ${joinText.padEnd(34)} | ${r.costBasedMs.toFixed(1).padStart(13)} | ${r.textOrderMs.toFixed(1).padStart(13)} | ${`${(r.textOrderMs / r.costBasedMs).toFixed(2)}x`.padStart(7)} | ${reordered ? 'changed' : 'same'}`,
    );
  }
  const allJoins = reports.flatMap((r) => r.joinQErrors);
  const sumCost = reports.reduce((s, r) => s + r.costBasedMs, 0);
  const sumText = reports.reduce((s, r) => s + r.textOrderMs, 0);
  const slower = reports.filter((r) => r.reordered && r.costBasedMs > r.textOrderMs * 1.1).map((r) => `Q${r.query}`);
  const changed = reports.filter((r) => r.reordered);
  const changedCost = changed.reduce((s, r) => s + r.costBasedMs, 0);
  const changedText = changed.reduce((s, r) => s + r.textOrderMs, 0);
  console.log(`\nmedian join q-error: ${median(allJoins).toFixed(2)} over ${allJoins.length} joins (max ${Math.max(...allJoins).toFixed(1)})`);
  console.log(`median root q-error: ${median(reports.map((r) => r.rootQError)).toFixed(2)}`);
  console.log(`${reports.length}-query sum: cost-based ${sumCost.toFixed(0)} ms, text order ${sumText.toFixed(0)} ms (${(sumText / sumCost).toFixed(2)}x)`);
  console.log(`${changed.length} queries with a different join order: cost-based ${changedCost.toFixed(0)} ms, text order ${changedText.toFixed(0)} ms (${(changedText / changedCost).toFixed(2)}x)`);
  console.log(`reordered queries more than 10% slower with the cost-based order: ${slower.join(', ') || 'none'}`);
}

await main();
