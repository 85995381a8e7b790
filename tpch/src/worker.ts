/**
 * Worker-thread entry: generates one batch-sized unit range per request, as raw column buffers or
 * as `.tbl` bytes, and transfers the result back. The text pool arrives once, shared, in workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawBatch } from './batch.js';
import { rawBatches } from './generate.js';
import { adoptTextPool } from './pool.js';
import { formatTbl } from './tbl.js';
import type { WorkerReply, WorkerTask } from './parallel.js';

adoptTextPool((workerData as { pool: Uint8Array }).pool);

function buffersOf(batch: RawBatch): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const c of batch.columns) {
    if (c.kind === 'utf8') {
      buffers.add(c.offsets.buffer as ArrayBuffer);
      buffers.add(c.data.buffer as ArrayBuffer);
    } else {
      buffers.add(('values' in c ? c.values : c.words).buffer as ArrayBuffer);
    }
  }
  return [...buffers];
}

parentPort!.on('message', (task: WorkerTask) => {
  try {
    const batches = [...rawBatches(task.table, task.sf, task)];
    if (task.output === 'tbl') {
      const text = batches.map(formatTbl);
      const reply: WorkerReply = { id: task.id, text, rows: batches.reduce((n, b) => n + b.length, 0) };
      parentPort!.postMessage(reply, text.map((t) => t.buffer as ArrayBuffer));
    } else {
      const reply: WorkerReply = { id: task.id, batches, rows: batches.reduce((n, b) => n + b.length, 0) };
      parentPort!.postMessage(reply, batches.flatMap(buffersOf));
    }
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
