/**
 * One instance of a UDF component: jco's `instantiate` over the cached compiled core modules, with
 * the `quiver:udf/logging` import and the WASI subset's stdout/stderr writing to the instance's log, and the translation of what a call
 * can throw into `QuiverError`: a `failure` result (the guest's message and row; the instance stays
 * usable), a trap (the instance is discarded; `RESOURCES` when a memory has reached the cap), or a
 * result that does not match its declaration (discarded too).
 */
import { QuiverError } from '@quiver/common';
import { GuestLog } from '../wasm/host-imports.js';
import { PAGE_BYTES } from '../wasm/memory-cap.js';
import { BadResult } from './columns.js';
import type { InstantiateFn } from './transpile.js';
import { wasiImports } from './wasi.js';
import {
  FUNCTION_NAMES,
  FUNCTIONS_INTERFACE,
  LOGGING_INTERFACE,
  STATES_FUNCTION_NAMES,
  STATES_INTERFACE,
  type WitAggregateStates,
  type WitFailure,
  type WitFunctions,
} from './world.js';

export class ComponentInstance {
  readonly log = new GuestLog();
  readonly functions: WitFunctions;
  /** The `aggregate-states` interface, when the component exports it. */
  readonly states: WitAggregateStates | null;
  /** Set when the instance trapped or misbehaved: it must not be used again. */
  broken = false;
  private readonly memories: WebAssembly.Memory[] = [];

  /** Throws a plain Error when instantiation fails or the functions interface is incomplete. */
  constructor(instantiate: InstantiateFn, modules: ReadonlyMap<string, WebAssembly.Module>, private readonly maxMemoryBytes: number) {
    const exports = instantiate(
      (file) => modules.get(file)!,
      { ...wasiImports(this.log), [LOGGING_INTERFACE]: { log: (level: number, message: string) => this.log.append(`[${level}] ${message}\n`) } },
      (module, imports) => {
        const instance = new WebAssembly.Instance(module, imports);
        for (const e of Object.values(instance.exports)) if (e instanceof WebAssembly.Memory) this.memories.push(e);
        return instance;
      },
    );
    const key = Object.keys(exports).find((k) => FUNCTIONS_INTERFACE.test(k));
    const functions = key === undefined ? undefined : exports[key];
    const missing = FUNCTION_NAMES.filter((f) => typeof functions?.[f] !== 'function');
    if (missing.length > 0) throw new Error(`its functions interface lacks ${missing.join(', ')}`);
    this.functions = functions as unknown as WitFunctions;
    const statesKey = Object.keys(exports).find((k) => STATES_INTERFACE.test(k));
    const states = statesKey === undefined ? undefined : exports[statesKey];
    const missingStates = STATES_FUNCTION_NAMES.filter((f) => typeof states?.[f] !== 'function');
    if (states !== undefined && missingStates.length > 0) throw new Error(`its aggregate-states interface lacks ${missingStates.join(', ')}`);
    this.states = (states as unknown as WitAggregateStates | undefined) ?? null;
  }

  /**
   * Run one guest call, turning failures, traps and bad results into `QuiverError` naming `what`;
   * `fn` gets the functions interface and the `aggregate-states` one (null when not exported).
   */
  call<T>(what: string, fn: (f: WitFunctions, states: WitAggregateStates | null) => T): T {
    try {
      return fn(this.functions, this.states);
    } catch (e) {
      throw this.translate(what, e);
    }
  }

  private translate(what: string, e: unknown): Error {
    if (e instanceof QuiverError) return e;
    const failure = failurePayload(e);
    if (failure !== null) return new QuiverError('WASM', `${what} failed${rowText(failure.row)}: ${failure.message}${this.log.suffix()}`);
    this.broken = true;
    if (e instanceof BadResult) return new QuiverError('WASM', `${what} returned a bad result: ${e.message}`);
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && /call stack/.test(message))) {
      const capped = this.memories.some((m) => m.buffer.byteLength + PAGE_BYTES > this.maxMemoryBytes);
      if (capped) return new QuiverError('RESOURCES', `${what} trapped with its memory at the ${this.maxMemoryBytes >> 20} MiB cap: ${message}${this.log.suffix()}`, { cause: e });
      return new QuiverError('WASM', `${what} trapped: ${message}${this.log.suffix()}`, { cause: e });
    }
    return new QuiverError('WASM', `${what} failed: ${message}${this.log.suffix()}`, { cause: e });
  }
}

/** The `failure` record of an `err` result, which jco throws as a ComponentError's payload. */
function failurePayload(e: unknown): WitFailure | null {
  if (e === null || typeof e !== 'object' || !('payload' in e)) return null;
  const p = (e as { payload: unknown }).payload as Partial<WitFailure> | null;
  if (p === null || typeof p !== 'object' || typeof p.message !== 'string') return null;
  return { message: p.message.slice(0, 4096), row: typeof p.row === 'number' ? p.row : -1 };
}

function rowText(row: number): string {
  return row >= 0 ? ` at row ${row} of the batch` : '';
}
