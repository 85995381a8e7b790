/**
 * Parallel generation: a pool of worker threads sharing the text pool, and ordered streaming of a
 * table's batch-sized unit ranges through it (a bounded number in flight, results in table order).
 * Falls back to the calling thread when only one core is available or when running from sources
 * (the worker script exists only in the compiled package).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RawBatch } from './batch.js';
import { BATCH_UNITS, rawBatches } from './generate.js';
import { textPool } from './pool.js';
import { formatTbl } from './tbl.js';
import type { TpchTable, UnitRange } from './schema.js';

/** What a task produces: raw column batches, or their `.tbl` text. */
export type TaskOutput = 'raw' | 'tbl';

export interface WorkerTask extends UnitRange {
  readonly id: number;
  readonly table: TpchTable;
  readonly sf: number;
  readonly output: TaskOutput;
}

export type WorkerReply =
  | { readonly id: number; readonly rows: number; readonly batches: RawBatch[]; readonly text?: undefined; readonly error?: undefined }
  | { readonly id: number; readonly rows: number; readonly text: Uint8Array[]; readonly batches?: undefined; readonly error?: undefined }
  | { readonly id: number; readonly error: string };

type Done = Exclude<WorkerReply, { error: string }>;

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** Default number of generator threads: one per available core, none on a single core. */
export function defaultThreads(): number {
  const cores = availableParallelism();
  return cores > 1 ? cores : 0;
}

/** Worker threads that run generation tasks. */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: { task: WorkerTask; settle: (reply: WorkerReply) => void }[] = [];
  private readonly running = new Map<number, (reply: WorkerReply) => void>();
  private nextId = 0;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (reply: WorkerReply) => {
        const settle = this.running.get(reply.id);
        this.running.delete(reply.id);
        this.idle.push(worker);
        this.pump();
        settle?.(reply);
      });
      worker.on('error', (error) => {
        for (const [id, settle] of this.running) settle({ id, error: String(error) });
        this.running.clear();
      });
      this.idle.push(worker);
    }
  }

  /** A pool of `threads` workers, or undefined when workers are unavailable or not wanted. */
  static create(threads: number = defaultThreads()): WorkerPool | undefined {
    if (threads < 1 || !existsSync(fileURLToPath(WORKER_URL))) return undefined;
    const pool = textPool();
    return new WorkerPool(Array.from({ length: threads }, () => new Worker(WORKER_URL, { workerData: { pool } })));
  }

  get size(): number {
    return this.workers.length;
  }

  run(task: Omit<WorkerTask, 'id'>): Promise<Done> {
    return new Promise((resolve, reject) => {
      const settle = (reply: WorkerReply): void => {
        if (reply.error !== undefined) reject(new Error(`tpch worker failed: ${reply.error}`));
        else resolve(reply);
      };
      this.waiting.push({ task: { ...task, id: this.nextId++ }, settle });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.pop()!;
      const { task, settle } = this.waiting.shift()!;
      this.running.set(task.id, settle);
      worker.postMessage(task);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Splits a unit range into batch-sized tasks. */
function split(table: TpchTable, range: UnitRange): UnitRange[] {
  const size = BATCH_UNITS[table];
  const parts: UnitRange[] = [];
  for (let start = range.start, end = range.start + range.count; start < end; start += size) {
    parts.push({ start, count: Math.min(size, end - start) });
  }
  return parts;
}

/**
 * Results of a unit range of a table, in order: on the worker pool when given, with up to three
 * tasks per worker in flight, otherwise generated in this thread.
 */
export async function* orderedResults(
  table: TpchTable,
  sf: number,
  range: UnitRange,
  output: TaskOutput,
  workers: WorkerPool | undefined,
): AsyncGenerator<Done, void, undefined> {
  const tasks = split(table, range);
  if (!workers) {
    const pool = textPool();
    for (const task of tasks) {
      const batches = [...rawBatches(table, sf, task, pool)];
      const rows = batches.reduce((n, b) => n + b.length, 0);
      yield output === 'tbl' ? { id: 0, rows, text: batches.map(formatTbl) } : { id: 0, rows, batches };
    }
    return;
  }
  const window = workers.size * 3;
  const inFlight: Promise<Done>[] = [];
  let next = 0;
  const launch = (): void => {
    const promise = workers.run({ table, sf, output, ...tasks[next++]! });
    promise.catch(() => undefined); // observed when awaited; avoids unhandled rejections on early exit
    inFlight.push(promise);
  };
  while (next < tasks.length && inFlight.length < window) launch();
  while (inFlight.length > 0) {
    const result = await inFlight.shift()!;
    if (next < tasks.length) launch();
    yield result;
  }
}
