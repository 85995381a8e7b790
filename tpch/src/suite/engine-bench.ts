/**
 * `npm run bench`: TPC-H Q1 and Q6 at SF 0.1 (generated in memory) on Quiver and on DuckDB with one
 * thread, timed with tinybench; prints the median per engine and the ratio. Answers are checked first.
 */
import { Bench } from 'tinybench';
import { SessionContext } from 'quiver';
import { tpchQueries } from '../queries/tpch-queries.js';
import { loadDuckDb, registerQuiver } from './data.js';
import { openDuckDb } from './duckdb.js';
import { formatMs, textTable } from './report.js';
import { answerDiff, runDuckDb, runQuiver } from './runner.js';

const SF = 0.1;
const QUERIES = [1, 6];

const ctx = await SessionContext.create();
await registerQuiver(ctx, { sf: SF });
const duck = await openDuckDb(1);
await loadDuckDb(duck, { sf: SF });
const scripts = tpchQueries('interval');

const ITERATIONS = 10;
const bench = new Bench({ iterations: ITERATIONS, warmupIterations: 2, time: 0 });
for (const n of QUERIES) {
  const script = scripts[n - 1]!;
  const diff = answerDiff((await runQuiver(ctx, script)).result, (await runDuckDb(duck, script)).result);
  if (diff !== null) throw new Error(`Q${n}: Quiver's answer differs from DuckDB's: ${diff}`);
  bench.add(`Q${n} quiver`, async () => void (await runQuiver(ctx, script)));
  bench.add(`Q${n} duckdb-1t`, async () => void (await runDuckDb(duck, script)));
}
await bench.run();

function medianMs(name: string): number {
  const result = bench.getTask(name)?.result;
  if (result === undefined || !('latency' in result)) throw new Error(`${name}: no timing (${result?.state ?? 'not run'})`);
  return result.latency.p50;
}

const rows = QUERIES.map((n) => {
  const quiver = medianMs(`Q${n} quiver`);
  const duckdb = medianMs(`Q${n} duckdb-1t`);
  return [`Q${n}`, formatMs(quiver), formatMs(duckdb), (quiver / duckdb).toFixed(2)];
});
console.log(`TPC-H SF ${SF}, median of ${ITERATIONS} runs (tinybench), answers checked against DuckDB`);
console.log(textTable(['query', 'quiver ms', 'duckdb-1t ms', 'ratio'], rows));
