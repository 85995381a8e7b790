/**
 * DuckDB in a process of its own, for `tpch bench`: each engine's memory is then measured apart
 * (peak RSS per process). The child (`duckdb-child.ts`, run from the built package) loads the
 * tables and runs scripts on request; it times each script itself, so the message passing is not
 * counted, and sends the result's rows as text only when asked (for validating Quiver's answer).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Row } from './compare.js';
import type { TpchSource } from './data.js';

/** The built child script; the same path from `src/suite` and `dist/suite`. */
const CHILD_SCRIPT = fileURLToPath(new URL('../../dist/suite/duckdb-child.js', import.meta.url));

export type DuckDbRequest =
  | { readonly id: number; readonly kind: 'load'; readonly source: TpchSource; readonly threads: number }
  | { readonly id: number; readonly kind: 'threads'; readonly threads: number }
  | { readonly id: number; readonly kind: 'run'; readonly script: string; readonly withRows: boolean }
  | { readonly id: number; readonly kind: 'peakRss' };

export interface DuckDbRun {
  readonly ms: number;
  /** The last query's rows as DuckDB's text, when asked for. */
  readonly rows?: Row[];
  /** Per column of the result: the relative tolerance floats are compared with (0: exact). */
  readonly tolerances?: number[];
}

export type DuckDbReply = { readonly id: number; readonly error: string } | { readonly id: number; readonly error?: undefined; readonly value: unknown };

export class DuckDbProcess {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: DuckDbReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(`duckdb: ${reply.error}`));
      else waiter?.resolve(reply.value);
    });
    child.on('exit', (code, signal) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`the DuckDB process exited (${signal ?? `code ${code}`})`));
      this.pending.clear();
    });
  }

  /** Starts the child and loads the eight tables into its in-memory DuckDB with `threads` threads. */
  static async start(source: TpchSource, threads: number): Promise<DuckDbProcess> {
    const child = fork(CHILD_SCRIPT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const duck = new DuckDbProcess(child);
    try {
      await duck.request({ kind: 'load', source, threads });
    } catch (e) {
      duck.close();
      throw e;
    }
    return duck;
  }

  async setThreads(threads: number): Promise<void> {
    await this.request({ kind: 'threads', threads });
  }

  /** Runs a script; the time of the run and, with `withRows`, its result's rows. */
  async run(script: string, withRows: boolean): Promise<DuckDbRun> {
    return (await this.request({ kind: 'run', script, withRows })) as DuckDbRun;
  }

  /** The child's peak resident set size so far, in bytes. */
  async peakRssBytes(): Promise<number> {
    return (await this.request({ kind: 'peakRss' })) as number;
  }

  close(): void {
    if (this.child.connected) this.child.disconnect();
  }

  private request(body: DistributiveOmit<DuckDbRequest, 'id'>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...body, id } as DuckDbRequest);
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
