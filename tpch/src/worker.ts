/**
 * Worker-thread entry: runs one generation task per request (see `runTask`) and transfers the
 * result back. The text pool arrives once, shared, in workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TaskResult, WorkerReply, WorkerTask } from './parallel.js';
import { runTask } from './parallel.js';
import { adoptTextPool } from './pool.js';

const pool = (workerData as { pool: Uint8Array }).pool;
adoptTextPool(pool);

function transferables(result: TaskResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const bytes of result.bytes ?? []) buffers.add(bytes.buffer as ArrayBuffer);
  for (const batch of result.batches ?? []) {
    for (const c of batch.columns) {
      if (c.kind === 'utf8') {
        buffers.add(c.offsets.buffer as ArrayBuffer);
        buffers.add(c.data.buffer as ArrayBuffer);
      } else {
        buffers.add(('values' in c ? c.values : c.words).buffer as ArrayBuffer);
      }
    }
  }
  return [...buffers];
}

parentPort!.on('message', async (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply = { id: task.id, ...(await runTask(task, pool)) };
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return;
  }
  parentPort!.postMessage(reply, transferables(reply));
});
