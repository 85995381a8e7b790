/**
 * Example: plug a new data source into Quiver — a `TableProvider` over NDJSON logs whose scan
 * evaluates pushed-down comparisons itself (so Quiver keeps no Filter for them).
 *
 *   node examples/dist/ndjson-logs/main.js [logs.ndjson]     # without a file, writes a sample one
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataTypes, Field, Schema, SessionContext, renderTable } from 'quiver';
import { NdjsonTable } from './ndjson-table.js';

export const LOG_SCHEMA = new Schema([
  new Field('ts', DataTypes.utf8, false),
  new Field('service', DataTypes.utf8, false),
  new Field('level', DataTypes.utf8, false),
  new Field('status', DataTypes.int32, true),
  new Field('latency_ms', DataTypes.float64, true),
]);

/** A deterministic sample: `lines` log records over three services, about 5% errors. */
export function writeSampleLogs(path: string, lines = 5000): void {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const services = ['api', 'auth', 'billing'];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const r = next();
    const level = r < 0.05 ? 'error' : r < 0.15 ? 'warn' : 'info';
    const status = level === 'error' ? 500 + Math.floor(next() * 4) : 200;
    const ts = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    out.push(JSON.stringify({ ts, service: services[i % 3], level, status: i % 97 === 0 ? null : status, latency_ms: Math.round(next() * 5000) / 10 }));
  }
  writeFileSync(path, `${out.join('\n')}\n`);
}

export const QUERY = `
  SELECT service, count(*) AS errors, max(latency_ms) AS worst_ms
  FROM logs
  WHERE level = 'error' AND status >= 500 AND latency_ms * 2 > 100
  GROUP BY service ORDER BY service`;

export async function run(path?: string): Promise<{ report: string; table: NdjsonTable; plan: string }> {
  const file = path ?? join(mkdtempSync(join(tmpdir(), 'quiver-ndjson-')), 'logs.ndjson');
  if (!path) writeSampleLogs(file);
  const ctx = await SessionContext.create();
  const table = new NdjsonTable(file, LOG_SCHEMA);
  ctx.registerTable('logs', table);
  const df = await ctx.sql(QUERY);
  const plan = await df.explain();
  const result = await df.collect();
  const { linesParsed, rowsEmitted } = table.counters;
  const report = [
    plan,
    '',
    renderTable(result),
    `scan: parsed ${linesParsed} lines, passed ${rowsEmitted} rows to the engine (the rest failed the pushed filters)`,
  ].join('\n');
  return { report, table, plan };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log((await run(process.argv[2])).report);
}
