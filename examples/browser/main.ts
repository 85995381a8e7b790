/**
 * The browser example's page script: fetch a Parquet file by URL, register it with a Quiver
 * session, run SQL and render the result. `#result[data-status]` says `done` or `error` (the test reads it).
 */
import initParquet from 'parquet-wasm';
import { SessionContext, columnText, fromArrowType } from 'quiver';
import { ParquetTable } from '@quiver/exec';

const PARQUET_URL = new URL('./data/trips.parquet', document.baseURI).href;
const SQL = `SELECT city, count(*) AS trips, round(avg(fare), 2) AS avg_fare, max(distance_km) AS longest_km
FROM trips WHERE fare > 5 GROUP BY city ORDER BY trips DESC, city`;

async function main(): Promise<void> {
  document.getElementById('url')!.textContent = PARQUET_URL;
  document.getElementById('sql')!.textContent = SQL;
  await initParquet();
  const ctx = await SessionContext.create();
  const blob = await (await fetch(PARQUET_URL)).blob();
  ctx.registerTable('trips', await ParquetTable.open(blob));
  const table = await (await ctx.sql(SQL)).collect();

  const names = table.schema.fields.map((f) => f.name);
  const columns = table.schema.fields.map((f, c) => table.batches.flatMap((b) => columnText(b.data.children[c]!, fromArrowType(f.type))));
  const head = `<tr>${names.map((n) => `<th>${n}</th>`).join('')}</tr>`;
  const rows = Array.from({ length: table.numRows }, (_, r) => `<tr>${columns.map((c) => `<td>${c[r] ?? 'NULL'}</td>`).join('')}</tr>`);
  const result = document.getElementById('result')!;
  result.innerHTML = `<table>${head}${rows.join('')}</table>`;
  result.dataset.status = 'done';
}

main().catch((e: unknown) => {
  const result = document.getElementById('result')!;
  result.textContent = `error: ${e instanceof Error ? `${e.message}\n${e.stack}` : String(e)}`;
  result.dataset.status = 'error';
});
