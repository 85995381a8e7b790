/**
 * What a guest may import: the host module `qe_udf` (log, fail, random_fill) and a deterministic
 * subset of WASI preview1 (stdout/stderr to the log, no environment or arguments, a clock frozen
 * at instantiation, randomness from the host, `proc_exit` fails the call). Everything else is
 * rejected before instantiation.
 */
import { HOST_MODULE, WASI_MODULE } from './abi.js';

/** A guest-reported failure (`qe_udf.fail`, `proc_exit`), thrown through the guest's frames. */
export class GuestFailure extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
  }
}

export const HOST_FUNCTIONS = new Set(['log', 'fail', 'random_fill']);
export const WASI_FUNCTIONS = new Set([
  'fd_write', 'fd_close', 'fd_seek', 'fd_fdstat_get', 'environ_get', 'environ_sizes_get',
  'args_get', 'args_sizes_get', 'clock_time_get', 'random_get', 'proc_exit', 'sched_yield',
]);

/** The guest's log output, kept to its last `LOG_TAIL` bytes to append to error messages. */
export class GuestLog {
  static readonly LOG_TAIL = 1024;
  private text = '';

  append(line: string): void {
    this.text = (this.text + line).slice(-GuestLog.LOG_TAIL);
  }

  /** The tail as a suffix for error messages ('' when the guest logged nothing). */
  suffix(): string {
    return this.text ? `; guest log: ${this.text.trimEnd()}` : '';
  }
}

const EBADF = 8;
const ESPIPE = 70;
const decoder = new TextDecoder();

/** The import object for one instance; `memory()` returns the instance's memory once it exists. */
export function hostImports(memory: () => WebAssembly.Memory, log: GuestLog): WebAssembly.Imports {
  const bytes = (ptr: number, len: number) => {
    const buf = memory().buffer;
    if (ptr < 0 || len < 0 || ptr + len > buf.byteLength) throw new GuestFailure(`out-of-bounds pointer ${ptr}+${len} passed to the host`, -1);
    return new Uint8Array(buf, ptr, len);
  };
  const view = () => new DataView(memory().buffer);
  const frozenNanos = BigInt(Date.now()) * 1_000_000n;
  const random = (ptr: number, len: number) => {
    const target = bytes(ptr >>> 0, len >>> 0);
    for (let at = 0; at < target.length; at += 65536) crypto.getRandomValues(target.subarray(at, at + 65536));
  };
  return {
    [HOST_MODULE]: {
      log: (level: number, ptr: number, len: number) => log.append(`[${level}] ${decoder.decode(bytes(ptr >>> 0, len >>> 0))}\n`),
      fail: (ptr: number, len: number, row: number) => {
        throw new GuestFailure(decoder.decode(bytes(ptr >>> 0, Math.min(len >>> 0, 4096))), row);
      },
      random_fill: random,
    },
    [WASI_MODULE]: {
      fd_write: (fd: number, iovs: number, count: number, written: number) => {
        if (fd !== 1 && fd !== 2) return EBADF;
        const v = view();
        let total = 0;
        for (let i = 0; i < count; i++) {
          const ptr = v.getUint32(iovs + i * 8, true);
          const len = v.getUint32(iovs + i * 8 + 4, true);
          log.append(decoder.decode(bytes(ptr, len)));
          total += len;
        }
        view().setUint32(written, total, true);
        return 0;
      },
      fd_close: () => 0,
      fd_seek: () => ESPIPE,
      fd_fdstat_get: (fd: number, out: number) => {
        if (fd !== 1 && fd !== 2) return EBADF;
        bytes(out, 24).fill(0);
        view().setUint8(out, 2); // character device
        return 0;
      },
      environ_get: () => 0,
      environ_sizes_get: (count: number, size: number) => {
        view().setUint32(count, 0, true);
        view().setUint32(size, 0, true);
        return 0;
      },
      args_get: () => 0,
      args_sizes_get: (count: number, size: number) => {
        view().setUint32(count, 0, true);
        view().setUint32(size, 0, true);
        return 0;
      },
      clock_time_get: (_id: number, _precision: bigint, out: number) => {
        view().setBigUint64(out, frozenNanos, true);
        return 0;
      },
      random_get: (ptr: number, len: number) => {
        random(ptr, len);
        return 0;
      },
      proc_exit: (code: number) => {
        throw new GuestFailure(`the guest called proc_exit(${code})`, -1);
      },
      sched_yield: () => 0,
    },
  };
}
