/**
 * Long conformance check: generates every table at the given scale factors (default 0.1 and 1) as
 * `.tbl` bytes on worker threads and compares rows, bytes and SHA-256 with official dbgen 2.14.
 * Usage: node tpch/dist/check/verify-tbl.js [sf ...]; exits 1 on any mismatch.
 */
import { createHash } from 'node:crypto';
import { generateTblAsync } from '../api.js';
import { WorkerPool } from '../parallel.js';
import { TPCH_TABLES } from '../schema.js';
import { OFFICIAL_TBL } from './official.js';

async function main(): Promise<void> {
  const sfs = process.argv.length > 2 ? process.argv.slice(2) : ['0.1', '1'];
  const workers = WorkerPool.create();
  let failures = 0;
  try {
    for (const sf of sfs) {
      const facts = OFFICIAL_TBL[sf];
      if (!facts) throw new Error(`no official hashes for SF ${sf} (known: ${Object.keys(OFFICIAL_TBL).join(', ')})`);
      for (const table of TPCH_TABLES) {
        const started = performance.now();
        const hash = createHash('sha256');
        let bytes = 0;
        let rows = 0;
        const onRows = (n: number): void => {
          rows += n;
        };
        for await (const chunk of generateTblAsync(table, { sf: Number(sf), workers, onRows })) {
          hash.update(chunk);
          bytes += chunk.length;
        }
        const sha256 = hash.digest('hex');
        const fact = facts[table];
        const ok = sha256 === fact.sha256 && rows === fact.rows && bytes === fact.bytes;
        if (!ok) failures++;
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        console.log(`sf${sf} ${table.padEnd(8)} ${String(rows).padStart(8)} rows ${String(bytes).padStart(10)} bytes ${ok ? 'OK' : `MISMATCH (expected ${fact.rows} rows, ${fact.bytes} bytes, ${fact.sha256})`} ${seconds}s`);
      }
    }
  } finally {
    await workers?.close();
  }
  if (failures > 0) {
    console.error(`${failures} table(s) differ from official dbgen output`);
    process.exitCode = 1;
  } else {
    console.log('all tables match official dbgen 2.14 output');
  }
}

await main();
