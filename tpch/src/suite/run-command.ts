/**
 * `tpch run --sf <n> | --data <dir> [--queries 1,3,…] [--spelling interval|literal]
 * [--q11-fraction <x>|spec] [--check]`: runs the queries on Quiver and prints query, rows, time and
 * answer status; with `--check` each answer is compared with DuckDB's over the same data.
 */
import { parseArgs } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SessionContext } from 'quiver';
import { querySelection, sourceOption } from './args.js';
import { loadDuckDb, registerQuiver } from './data.js';
import { openDuckDb } from './duckdb.js';
import { formatMiB, formatMs, textTable } from './report.js';
import { answerDiff, runDuckDb, runQuiver } from './runner.js';

export const RUN_USAGE = `usage: quiver tpch run --sf <n> | --data <dir> [--queries 1,3,...] [--spelling interval|literal]
                      [--q11-fraction <decimal>|spec] [--check]`;

type Print = (text: string) => void;

/** Runs the command; the exit code (1 when a query fails or an answer differs). */
export async function runRun(argv: string[], print: Print): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sf: { type: 'string' },
      data: { type: 'string' },
      queries: { type: 'string' },
      spelling: { type: 'string' },
      'q11-fraction': { type: 'string' },
      check: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const source = sourceOption(values.sf, values.data);
  const selection = querySelection(values.queries, values.spelling, values['q11-fraction'], source);

  const ctx = await SessionContext.create();
  let start = performance.now();
  await registerQuiver(ctx, source);
  print(`quiver: tables ready in ${formatMs(performance.now() - start)} ms`);
  let duck: DuckDBConnection | null = null;
  if (values.check) {
    start = performance.now();
    duck = await openDuckDb(1);
    await loadDuckDb(duck, source);
    print(`duckdb: tables loaded in ${formatMs(performance.now() - start)} ms`);
  }

  const rows: string[][] = [];
  let failures = 0;
  let total = 0;
  for (const n of selection.numbers) {
    const script = selection.scripts[n - 1]!;
    try {
      const { result, ms } = await runQuiver(ctx, script);
      total += ms;
      let status = 'ok';
      if (duck !== null) {
        const diff = answerDiff(result, (await runDuckDb(duck, script)).result);
        status = diff === null ? 'matches duckdb' : `DIFFERS: ${diff}`;
        if (diff !== null) failures++;
      }
      rows.push([`Q${n}`, String(result.numRows), formatMs(ms), status]);
    } catch (e) {
      failures++;
      rows.push([`Q${n}`, '-', '-', `ERROR: ${(e as Error).message}`]);
    }
  }
  print(textTable(['query', 'rows', 'ms', 'answer'], rows));
  print(`total ${formatMs(total)} ms; peak RSS ${formatMiB(process.resourceUsage().maxRSS * 1024)}`);
  if (values.check) print(failures === 0 ? `all ${rows.length} answers match DuckDB` : `${failures} of ${rows.length} queries failed or differ`);
  else if (failures > 0) print(`${failures} of ${rows.length} queries failed`);
  return failures === 0 ? 0 : 1;
}
