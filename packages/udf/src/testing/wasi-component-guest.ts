/**
 * A test guest for the WASI preview2 subset of UDF components: a WAT core module made into a
 * component whose world adds `wasi:random/random` and `wasi:cli/stdout` imports (minimal copies of
 * those WASI interfaces, with their real names and signatures). Entries: `dice` (a random number in
 * 0..65535 per row, from `get-random-u64`) and `speak` (writes a line to stdout, then fails). Also a
 * component importing `wasi:filesystem/preopens`, which must be rejected.
 */
import { buildComponent, dummyComponent, readUdfWit } from './component-guest.js';

/** Just the WASI functions the guest uses, as the WASI 0.2.0 packages declare them. */
const WASI_WIT = `
package wasi:io@0.2.0 {
  interface error {
    resource error { to-debug-string: func() -> string; }
  }
  interface streams {
    use error.{error};
    variant stream-error { last-operation-failed(error), closed }
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
package wasi:filesystem@0.2.0 {
  interface preopens { get-directories: func() -> list<string>; }
}
`;

const WORLDS = `
world wasi-guest {
  include udf-component;
  import wasi:random/random@0.2.0;
  import wasi:cli/stdout@0.2.0;
}
world fs-guest {
  include udf-component;
  import wasi:filesystem/preopens@0.2.0;
}
`;

const MANIFEST = JSON.stringify({
  abi: '1.0',
  functions: [
    { name: 'dice', args: ['int32'], ret: 'float64', volatility: 'volatile' },
    { name: 'speak', args: ['float64'], ret: 'float64' },
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
    (local $dst i32) (local $i i32) (local $out i32)
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
        (f64.convert_i64_u (i64.and (call $rand) (i64.const 65535))))
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

/** The guest importing wasi:random/random and wasi:cli/stdout (and wasi:io through them). */
export async function wasiComponentGuest(): Promise<Uint8Array> {
  return buildComponent(wat(), await wit(), 'wasi-guest');
}

/** A component importing wasi:filesystem/preopens (its functions trap). */
export async function filesystemComponent(): Promise<Uint8Array> {
  return dummyComponent(await wit(), 'fs-guest');
}
