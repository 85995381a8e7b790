/**
 * The child process of `DuckDbProcess`: an in-memory DuckDB answering the parent's requests one at
 * a time (load the tables, set the thread count, run a script, report peak RSS). Exits when the
 * parent disconnects or goes away.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckDbReaderRows, duckDbTolerances } from './compare.js';
import { loadDuckDb } from './data.js';
import { openDuckDb } from './duckdb.js';
import type { DuckDbReply, DuckDbRequest, DuckDbRun } from './duckdb-process.js';
import { runDuckDb } from './runner.js';

let con: DuckDBConnection | null = null;

function connection(): DuckDBConnection {
  if (con === null) throw new Error('no tables loaded yet');
  return con;
}

async function answer(request: DuckDbRequest): Promise<unknown> {
  switch (request.kind) {
    case 'load':
      con = await openDuckDb(request.threads);
      await loadDuckDb(con, request.source);
      return null;
    case 'threads':
      await connection().run(`SET threads = ${request.threads}`);
      return null;
    case 'run': {
      const { result, ms } = await runDuckDb(connection(), request.script);
      const run: DuckDbRun = request.withRows ? { ms, rows: duckDbReaderRows(result), tolerances: duckDbTolerances(result) } : { ms };
      return run;
    }
    case 'peakRss':
      return process.resourceUsage().maxRSS * 1024;
  }
}

let queue: Promise<void> = Promise.resolve();
process.on('message', (request: DuckDbRequest) => {
  queue = queue.then(async () => {
    let reply: DuckDbReply;
    try {
      reply = { id: request.id, value: await answer(request) };
    } catch (e) {
      reply = { id: request.id, error: (e as Error).message };
    }
    process.send!(reply);
  });
});
process.on('disconnect', () => process.exit(0));
