/**
 * The deterministic WASI preview2 subset a UDF component may import (docs/udf-abi.md §14), the
 * counterpart of the core path's preview1 subset (../wasm/host-imports.ts), as the JavaScript
 * objects jco's generated code calls: no environment, arguments or working directory; stdout and
 * stderr append to the instance's log, stdin is at its end, no terminals; the wall clock is frozen
 * when the instance is created and the monotonic clock stays at zero (polls are always ready);
 * random bytes come from the host (`crypto.getRandomValues`); `exit` fails the call and discards
 * the instance. Files: `wasi:filesystem` links but there are no preopened directories, so a guest
 * never holds a descriptor (the resources' methods exist only so jco's code links, and fail with
 * `access`). Sockets and the rest are absent: components importing them are rejected.
 */
import type { GuestLog } from '../wasm/host-imports.js';

/** The WASI interfaces (jco keys them without their version) this subset provides. */
export const WASI_INTERFACES: ReadonlySet<string> = new Set([
  'wasi:cli/environment', 'wasi:cli/exit', 'wasi:cli/stdin', 'wasi:cli/stdout', 'wasi:cli/stderr',
  'wasi:cli/terminal-input', 'wasi:cli/terminal-output', 'wasi:cli/terminal-stdin', 'wasi:cli/terminal-stdout', 'wasi:cli/terminal-stderr',
  'wasi:io/error', 'wasi:io/poll', 'wasi:io/streams',
  'wasi:clocks/wall-clock', 'wasi:clocks/monotonic-clock',
  'wasi:random/random', 'wasi:random/insecure', 'wasi:random/insecure-seed',
  'wasi:filesystem/types', 'wasi:filesystem/preopens',
]);

/** How much an output stream accepts per write (`check-write`). */
const WRITE_BUDGET = 1n << 20n;

class Pollable {
  ready(): boolean {
    return true;
  }
  block(): void {}
}

class IoError {
  constructor(private readonly message: string) {}
  toDebugString(): string {
    return this.message;
  }
}

/** stdin: always at its end (`closed`). */
class InputStream {
  read(): never {
    throw { tag: 'closed' };
  }
  blockingRead(): never {
    throw { tag: 'closed' };
  }
  skip(): never {
    throw { tag: 'closed' };
  }
  blockingSkip(): never {
    throw { tag: 'closed' };
  }
  subscribe(): Pollable {
    return new Pollable();
  }
}

/** stdout or stderr: writes append to the instance's log. */
class OutputStream {
  private readonly decoder = new TextDecoder();
  constructor(private readonly log: GuestLog) {}
  checkWrite(): bigint {
    return WRITE_BUDGET;
  }
  write(contents: Uint8Array): void {
    this.log.append(this.decoder.decode(contents, { stream: true }));
  }
  blockingWriteAndFlush(contents: Uint8Array): void {
    this.write(contents);
  }
  flush(): void {}
  blockingFlush(): void {}
  writeZeroes(len: bigint): void {
    this.write(new Uint8Array(Number(len)));
  }
  blockingWriteZeroesAndFlush(len: bigint): void {
    this.writeZeroes(len);
  }
  splice(): never {
    throw { tag: 'last-operation-failed', val: new IoError('splice is not supported') };
  }
  blockingSplice(): never {
    return this.splice();
  }
  subscribe(): Pollable {
    return new Pollable();
  }
}

class TerminalInput {}
class TerminalOutput {}

/** The `error-code` every filesystem operation fails with (none is reachable: no preopens). */
function denied(): never {
  throw 'access';
}

/** A file or directory of `wasi:filesystem/types`; never handed out (there are no preopens). */
class Descriptor {
  readViaStream(): never { return denied(); }
  writeViaStream(): never { return denied(); }
  appendViaStream(): never { return denied(); }
  advise(): never { return denied(); }
  syncData(): never { return denied(); }
  getFlags(): never { return denied(); }
  getType(): never { return denied(); }
  setSize(): never { return denied(); }
  setTimes(): never { return denied(); }
  read(): never { return denied(); }
  write(): never { return denied(); }
  readDirectory(): never { return denied(); }
  sync(): never { return denied(); }
  createDirectoryAt(): never { return denied(); }
  stat(): never { return denied(); }
  statAt(): never { return denied(); }
  setTimesAt(): never { return denied(); }
  linkAt(): never { return denied(); }
  openAt(): never { return denied(); }
  readlinkAt(): never { return denied(); }
  removeDirectoryAt(): never { return denied(); }
  renameAt(): never { return denied(); }
  symlinkAt(): never { return denied(); }
  unlinkFileAt(): never { return denied(); }
  /** `is-same-object` returns a bool, not a result: no two descriptors are known to be the same. */
  isSameObject(): boolean {
    return false;
  }
  metadataHash(): never { return denied(); }
  metadataHashAt(): never { return denied(); }
}

class DirectoryEntryStream {
  readDirectoryEntry(): never { return denied(); }
}

function randomBytes(len: bigint): Uint8Array {
  const out = new Uint8Array(Number(len));
  for (let at = 0; at < out.length; at += 65536) crypto.getRandomValues(out.subarray(at, at + 65536));
  return out;
}

function randomU64(): bigint {
  return crypto.getRandomValues(new BigUint64Array(1))[0]!;
}

/** The import objects of the subset for one instance, keyed like `instantiate`'s imports. */
export function wasiImports(log: GuestLog): Record<string, Record<string, unknown>> {
  const stdout = new OutputStream(log);
  const stderr = new OutputStream(log);
  const stdin = new InputStream();
  const frozenMs = Date.now();
  const wallNow = { seconds: BigInt(Math.floor(frozenMs / 1000)), nanoseconds: (frozenMs % 1000) * 1_000_000 };
  return {
    'wasi:cli/environment': { getEnvironment: () => [], getArguments: () => [], initialCwd: () => undefined },
    'wasi:cli/exit': {
      exit: (status: { tag: string }) => {
        throw new Error(`the guest called exit (${status.tag === 'ok' ? 'success' : 'failure'})`);
      },
    },
    'wasi:cli/stdin': { getStdin: () => stdin },
    'wasi:cli/stdout': { getStdout: () => stdout },
    'wasi:cli/stderr': { getStderr: () => stderr },
    'wasi:cli/terminal-input': { TerminalInput },
    'wasi:cli/terminal-output': { TerminalOutput },
    'wasi:cli/terminal-stdin': { getTerminalStdin: () => undefined },
    'wasi:cli/terminal-stdout': { getTerminalStdout: () => undefined },
    'wasi:cli/terminal-stderr': { getTerminalStderr: () => undefined },
    'wasi:io/error': { Error: IoError },
    'wasi:io/poll': { Pollable, poll: (list: readonly Pollable[]) => Uint32Array.from(list, (_, i) => i) },
    'wasi:io/streams': { InputStream, OutputStream },
    'wasi:clocks/wall-clock': { now: () => wallNow, resolution: () => ({ seconds: 0n, nanoseconds: 1_000_000 }) },
    'wasi:clocks/monotonic-clock': {
      now: () => 0n,
      resolution: () => 1n,
      subscribeInstant: () => new Pollable(),
      subscribeDuration: () => new Pollable(),
    },
    'wasi:random/random': { getRandomBytes: randomBytes, getRandomU64: randomU64 },
    'wasi:random/insecure': { getInsecureRandomBytes: randomBytes, getInsecureRandomU64: randomU64 },
    'wasi:random/insecure-seed': { insecureSeed: () => [randomU64(), randomU64()] },
    'wasi:filesystem/types': { Descriptor, DirectoryEntryStream, filesystemErrorCode: () => undefined },
    'wasi:filesystem/preopens': { getDirectories: () => [] },
  };
}
