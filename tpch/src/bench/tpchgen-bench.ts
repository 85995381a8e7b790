/**
 * Generator benchmark: wall time, CPU time (all threads) and peak RSS of TPC-H generation to `.tbl`
 * files, to Parquet files and into in-memory Arrow tables (each in a fresh process), plus the
 * one-off text pool build.
 * Usage: node tpch/dist/bench/tpchgen-bench.js [--sf 1] [--threads n]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Table } from 'apache-arrow';
import { runGenerate } from '../cli/generate.js';
import { defaultThreads } from '../parallel.js';
import { buildTextPool, POOL_SIZE, textPool } from '../pool.js';
import { registerTpch } from '../register.js';

const MODES = ['pool', 'tbl', 'parquet', 'arrow'] as const;
type Mode = (typeof MODES)[number];

interface Measurement {
  seconds: number;
  cpuSeconds: number;
  peakRssMB: number;
  detail: string;
}

/** Runs one mode in this process and prints its measurement as JSON. */
async function child(mode: Mode, sf: number, threads: string[]): Promise<void> {
  const started = performance.now();
  let detail = '';
  if (mode === 'pool') {
    buildTextPool(POOL_SIZE);
    detail = `${POOL_SIZE / 1024 / 1024} MiB, built without the disk cache`;
  } else if (mode === 'arrow') {
    const tables = new Map<string, Table>();
    await registerTpch({ registerTable: (name, table) => tables.set(name, table) }, { sf, ...(threads.length ? { threads: Number(threads[1]) } : {}) });
    const rows = [...tables.values()].reduce((n, t) => n + t.numRows, 0);
    detail = `${rows} rows in ${tables.size} tables held in memory`;
  } else {
    const out = mkdtempSync(join(tmpdir(), 'tpchgen-bench-'));
    try {
      await runGenerate(['--sf', String(sf), '--format', mode, '--out', out, ...threads]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    detail = mode === 'parquet' ? 'snappy, one file per table' : 'one file per table';
  }
  const usage = process.resourceUsage();
  const result: Measurement = {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    peakRssMB: usage.maxRSS / 1024,
    detail,
  };
  process.stdout.write(JSON.stringify(result));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sf: { type: 'string', default: '1' }, threads: { type: 'string' }, child: { type: 'string' } },
  });
  const sf = Number(values.sf);
  const threads = values.threads === undefined ? [] : ['--threads', values.threads];
  if (values.child) return child(values.child as Mode, sf, threads);

  textPool(); // make sure the disk cache exists, so every run below measures generation, not the pool build
  console.log(`TPC-H generator benchmark: SF ${sf}, ${values.threads ?? defaultThreads()} worker thread(s), node ${process.version}`);
  console.log(`${'mode'.padEnd(18)} wall (s)  cpu (s)  peak RSS (MB)  notes`);
  for (const mode of MODES) {
    const script = fileURLToPath(import.meta.url);
    const run = spawnSync(process.execPath, [script, '--child', mode, '--sf', String(sf), ...threads], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (run.status !== 0) throw new Error(`benchmark of ${mode} failed with status ${run.status}`);
    const m = JSON.parse(run.stdout) as Measurement;
    const label = mode === 'arrow' ? 'arrow (in memory)' : mode === 'pool' ? 'text pool' : mode;
    console.log(
      `${label.padEnd(18)} ${m.seconds.toFixed(2).padStart(8)}  ${m.cpuSeconds.toFixed(2).padStart(7)}  ${m.peakRssMB.toFixed(0).padStart(13)}  ${m.detail}`,
    );
  }
}

await main();
