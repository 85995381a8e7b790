// Builds the browser example into examples/browser/dist: the page bundled by Vite, the SQL
// parser's WebAssembly glue beside it, and a sample Parquet file (data/trips.parquet) to load by URL.
//   node examples/browser/build.mjs && npx vite preview examples/browser/dist   (or any static server)
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');

export async function buildBrowserExample() {
  await build({ root: here, logLevel: 'warn', base: './', build: { outDir: out, emptyOutDir: true, target: 'es2022' } });
  // sqlparser-ts loads its glue with a runtime import of '../wasm/…' relative to the bundle (assets/).
  const sqlparser = dirname(createRequire(import.meta.url).resolve('@guanmingchiu/sqlparser-ts'));
  cpSync(join(sqlparser, '..', 'wasm'), join(out, 'wasm'), { recursive: true });
  mkdirSync(join(out, 'data'), { recursive: true });
  writeFileSync(join(out, 'data', 'trips.parquet'), sampleParquet());
  return out;
}

/** 10,000 deterministic taxi trips in four cities. */
function sampleParquet() {
  const n = 10_000;
  const cities = ['Lisbon', 'Oslo', 'Quito', 'Seoul'];
  const city = Array.from({ length: n }, (_, i) => cities[(i * 7) % 4]);
  const fare = Float64Array.from({ length: n }, (_, i) => 3 + ((i * 37) % 400) / 10);
  const distance = Float64Array.from({ length: n }, (_, i) => ((i * 13) % 250) / 10);
  const table = new arrow.Table({
    city: arrow.vectorFromArray(city, new arrow.Utf8()),
    fare: arrow.makeVector(fare),
    distance_km: arrow.makeVector(distance),
  });
  return pq.writeParquet(pq.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built ${await buildBrowserExample()}`);
