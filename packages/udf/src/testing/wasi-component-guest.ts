/**
 * A test guest for the WASI preview2 subset of UDF components: a WAT core module made into a
 * component whose world adds `wasi:random/random`, `wasi:cli/stdout` and `wasi:filesystem/preopens`
 * imports (copies of those WASI 0.2.0 interfaces with their real names and signatures: minimal ones,
 * except `wasi:filesystem/types`, which is whole, as Rust's `wasm32-wasip2` std imports it). Entries:
 * `dice` (a random number in 0..65535 per row, from `get-random-u64`), `speak` (writes a line to
 * stdout, then fails) and `preopens` (the number of preopened directories, per row). Also two
 * components whose functions all trap: one importing every function of `wasi:filesystem` (it must
 * link) and one importing `wasi:sockets` (it must be rejected).
 */
import { buildComponent, dummyComponent, readUdfWit } from './component-guest.js';

/** `wasi:filesystem@0.2.0`, whole (the host must provide every function jco may call). */
export const WASI_FILESYSTEM_WIT = `
package wasi:filesystem@0.2.0 {
  interface types {
    use wasi:io/streams@0.2.0.{input-stream, output-stream, error};
    use wasi:clocks/wall-clock@0.2.0.{datetime};
    type filesize = u64;
    enum descriptor-type { unknown, block-device, character-device, directory, fifo, symbolic-link, regular-file, socket }
    flags descriptor-flags { read, write, file-integrity-sync, data-integrity-sync, requested-write-sync, mutate-directory }
    flags path-flags { symlink-follow }
    flags open-flags { create, directory, exclusive, truncate }
    type link-count = u64;
    record descriptor-stat {
      %type: descriptor-type, link-count: link-count, size: filesize, data-access-timestamp: option<datetime>,
      data-modification-timestamp: option<datetime>, status-change-timestamp: option<datetime>,
    }
    variant new-timestamp { no-change, now, timestamp(datetime) }
    record directory-entry { %type: descriptor-type, name: string }
    enum error-code {
      access, would-block, already, bad-descriptor, busy, deadlock, quota, exist, file-too-large, illegal-byte-sequence,
      in-progress, interrupted, invalid, io, is-directory, loop, too-many-links, message-size, name-too-long, no-device,
      no-entry, no-lock, insufficient-memory, insufficient-space, not-directory, not-empty, not-recoverable, unsupported,
      no-tty, no-such-device, overflow, not-permitted, pipe, read-only, invalid-seek, text-file-busy, cross-device,
    }
    enum advice { normal, sequential, random, will-need, dont-need, no-reuse }
    record metadata-hash-value { lower: u64, upper: u64 }
    resource descriptor {
      read-via-stream: func(offset: filesize) -> result<input-stream, error-code>;
      write-via-stream: func(offset: filesize) -> result<output-stream, error-code>;
      append-via-stream: func() -> result<output-stream, error-code>;
      advise: func(offset: filesize, length: filesize, advice: advice) -> result<_, error-code>;
      sync-data: func() -> result<_, error-code>;
      get-flags: func() -> result<descriptor-flags, error-code>;
      get-type: func() -> result<descriptor-type, error-code>;
      set-size: func(size: filesize) -> result<_, error-code>;
      set-times: func(data-access-timestamp: new-timestamp, data-modification-timestamp: new-timestamp) -> result<_, error-code>;
      read: func(length: filesize, offset: filesize) -> result<tuple<list<u8>, bool>, error-code>;
      write: func(buffer: list<u8>, offset: filesize) -> result<filesize, error-code>;
      read-directory: func() -> result<directory-entry-stream, error-code>;
      sync: func() -> result<_, error-code>;
      create-directory-at: func(path: string) -> result<_, error-code>;
      stat: func() -> result<descriptor-stat, error-code>;
      stat-at: func(path-flags: path-flags, path: string) -> result<descriptor-stat, error-code>;
      set-times-at: func(path-flags: path-flags, path: string, data-access-timestamp: new-timestamp, data-modification-timestamp: new-timestamp) -> result<_, error-code>;
      link-at: func(old-path-flags: path-flags, old-path: string, new-descriptor: borrow<descriptor>, new-path: string) -> result<_, error-code>;
      open-at: func(path-flags: path-flags, path: string, open-flags: open-flags, %flags: descriptor-flags) -> result<descriptor, error-code>;
      readlink-at: func(path: string) -> result<string, error-code>;
      remove-directory-at: func(path: string) -> result<_, error-code>;
      rename-at: func(old-path: string, new-descriptor: borrow<descriptor>, new-path: string) -> result<_, error-code>;
      symlink-at: func(old-path: string, new-path: string) -> result<_, error-code>;
      unlink-file-at: func(path: string) -> result<_, error-code>;
      is-same-object: func(other: borrow<descriptor>) -> bool;
      metadata-hash: func() -> result<metadata-hash-value, error-code>;
      metadata-hash-at: func(path-flags: path-flags, path: string) -> result<metadata-hash-value, error-code>;
    }
    resource directory-entry-stream {
      read-directory-entry: func() -> result<option<directory-entry>, error-code>;
    }
    filesystem-error-code: func(err: borrow<error>) -> option<error-code>;
  }
  interface preopens {
    use types.{descriptor};
    get-directories: func() -> list<tuple<descriptor, string>>;
  }
}
`;

/** The other WASI functions the guest uses, as the WASI 0.2.0 packages declare them. */
const WASI_WIT = `
package wasi:io@0.2.0 {
  interface error {
    resource error { to-debug-string: func() -> string; }
  }
  interface streams {
    use error.{error};
    variant stream-error { last-operation-failed(error), closed }
    resource input-stream;
    resource output-stream {
      blocking-write-and-flush: func(contents: list<u8>) -> result<_, stream-error>;
    }
  }
}
package wasi:cli@0.2.0 {
  interface stdout {
    use wasi:io/streams@0.2.0.{output-stream};
    get-stdout: func() -> output-stream;
  }
}
package wasi:random@0.2.0 {
  interface random { get-random-u64: func() -> u64; }
}
package wasi:clocks@0.2.0 {
  interface wall-clock {
    record datetime { seconds: u64, nanoseconds: u32 }
  }
}
${WASI_FILESYSTEM_WIT}
package wasi:sockets@0.2.0 {
  interface network { resource network; }
  interface instance-network {
    use network.{network};
    instance-network: func() -> network;
  }
}
`;

const WORLDS = `
world wasi-guest {
  include udf-component;
  import wasi:random/random@0.2.0;
  import wasi:cli/stdout@0.2.0;
  import wasi:filesystem/preopens@0.2.0;
}
world filesystem-dummy {
  include udf-component;
  import wasi:filesystem/types@0.2.0;
  import wasi:filesystem/preopens@0.2.0;
}
world sockets-guest {
  include udf-component;
  import wasi:sockets/instance-network@0.2.0;
}
`;

const MANIFEST = JSON.stringify({
  abi: '1.0',
  functions: [
    { name: 'dice', args: ['int32'], ret: 'float64', volatility: 'volatile' },
    { name: 'speak', args: ['float64'], ret: 'float64' },
    { name: 'preopens', args: ['float64'], ret: 'float64' },
  ],
});

const FN = 'quiver:udf/functions@1.0.0#';
const RET = 1024;
const HELLO = 'hello from stdout\n';

function wat(): string {
  const manifest = new TextEncoder().encode(MANIFEST);
  const escaped = Array.from(manifest, (b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
  return `(module
  (import "wasi:random/random@0.2.0" "get-random-u64" (func $rand (result i64)))
  (import "wasi:cli/stdout@0.2.0" "get-stdout" (func $stdout (result i32)))
  (import "wasi:io/streams@0.2.0" "[method]output-stream.blocking-write-and-flush" (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.0" "[resource-drop]output-stream" (func $drop (param i32)))
  (import "wasi:filesystem/preopens@0.2.0" "get-directories" (func $get_directories (param i32)))
  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 65536))
  (data (i32.const 64) "spoke")
  (data (i32.const 128) "${HELLO.replace('\n', '\\0a')}")
  (data (i32.const 4096) "${escaped}")
  (func $alloc (param $size i32) (param $align i32) (result i32) (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (call $alloc (local.get 3) (local.get 2)))
  (func $reset (param i32) (global.set $heap (i32.const 65536)))
  (export "cabi_post_${FN}scalar" (func $reset))
  (func (export "${FN}manifest") (result i32)
    (i32.store (i32.const ${RET}) (i32.const 4096))
    (i32.store (i32.const ${RET + 4}) (i32.const ${manifest.length}))
    (i32.const ${RET}))
  (func (export "${FN}scalar") (param $ep i32) (param $el i32) (param $args i32) (param $nargs i32) (param $n i32) (result i32)
    (local $dst i32) (local $i i32) (local $out i32) (local $dirs i32)
    (local.set $dirs (i32.const -1))
    (if (i32.eq (i32.load8_u (local.get $ep)) (i32.const 112)) (then
      (call $get_directories (i32.const 256))
      (local.set $dirs (i32.load (i32.const 260)))))
    (if (i32.eq (i32.load8_u (local.get $ep)) (i32.const 115)) (then
      (local.set $out (call $stdout))
      (call $write (local.get $out) (i32.const 128) (i32.const ${HELLO.length}) (i32.const 512))
      (call $drop (local.get $out))
      (i32.store8 (i32.const ${RET}) (i32.const 1))
      (i32.store (i32.const ${RET + 4}) (i32.const 64))
      (i32.store (i32.const ${RET + 8}) (i32.const 5))
      (i32.store (i32.const ${RET + 12}) (i32.const -1))
      (return (i32.const ${RET}))))
    (local.set $dst (call $alloc (i32.shl (local.get $n) (i32.const 3)) (i32.const 8)))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (f64.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 3)))
        (if (result f64) (i32.ge_s (local.get $dirs) (i32.const 0))
          (then (f64.convert_i32_u (local.get $dirs)))
          (else (f64.convert_i64_u (i64.and (call $rand) (i64.const 65535))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
    (i32.store8 (i32.const ${RET}) (i32.const 0))
    (i32.store (i32.const ${RET + 4}) (i32.const 11))
    (i32.store (i32.const ${RET + 8}) (local.get $n))
    (i32.store8 (i32.const ${RET + 12}) (i32.const 0))
    (i32.store8 (i32.const ${RET + 24}) (i32.const 6))
    (i32.store (i32.const ${RET + 28}) (local.get $dst))
    (i32.store (i32.const ${RET + 32}) (local.get $n))
    (i32.const ${RET}))
  (func (export "${FN}aggregate-open") (param i32 i32) (result i32) unreachable)
  (func (export "${FN}aggregate-update") (param i32 i32 i32 i32 i32 i32) (result i32) unreachable)
  (func (export "${FN}aggregate-finish") (param i32 i32) (result i32) unreachable)
)`;
}

async function wit(): Promise<string> {
  return `${await readUdfWit()}${WORLDS}${WASI_WIT}`;
}

/** The guest importing wasi:random/random, wasi:cli/stdout and wasi:filesystem/preopens (and wasi:io, wasi:filesystem/types through them). */
export async function wasiComponentGuest(): Promise<Uint8Array> {
  return buildComponent(wat(), await wit(), 'wasi-guest');
}

/** A component importing every function of wasi:filesystem (its functions trap). */
export async function filesystemDummyComponent(): Promise<Uint8Array> {
  return dummyComponent(await wit(), 'filesystem-dummy');
}

/** A component importing wasi:sockets/instance-network (its functions trap). */
export async function socketsComponent(): Promise<Uint8Array> {
  return dummyComponent(await wit(), 'sockets-guest');
}
