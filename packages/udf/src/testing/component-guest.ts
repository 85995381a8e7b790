/**
 * A test and benchmark guest for the Component Model world (`quiver:udf/udf-component`): a core
 * module in WAT that follows the canonical ABI layout of the world's records by hand, made into a
 * component with wasm-tools (from `@bytecodealliance/jco-transpile`) against the WIT in
 * docs/udf-abi.wit. Entries (dispatched on their first letter): `affine` (x * 2 + 1), `shout`
 * (ASCII upper case), `echo` (returns its first argument column as it came, any type), `fail`
 * (logs, then a failure at row 1), `trap`, `hog` (grows its memory until refused, then traps),
 * `lie` (claims float32 values) and the aggregate `wsum` (a sum per group, NULL for groups
 * without rows). Built against the world `udf-component-merge` (the default), it also exports
 * `aggregate-states`: a group's state is its 8-byte sum, or no bytes when it has no rows yet.
 */
import { readFile } from 'node:fs/promises';

/** The manifest of the guest's entries; tests may pass another. */
export const COMPONENT_GUEST_MANIFEST = {
  abi: '1.0',
  functions: [
    { name: 'affine', args: ['float64'], ret: 'float64' },
    { name: 'shout', args: ['utf8'], ret: 'utf8' },
    { name: 'checked', args: ['float64'], ret: 'float64', export: 'fail' },
    { name: 'crash', args: ['float64'], ret: 'float64', export: 'trap' },
    { name: 'hog', args: ['float64'], ret: 'float64' },
    { name: 'lie', args: ['float64'], ret: 'float64' },
    { name: 'wsum', kind: 'aggregate', args: ['float64'], ret: 'float64' },
  ],
};

interface WasmTools {
  parse(wat: string): Promise<Uint8Array>;
  componentEmbed(opts: { binary?: Uint8Array; witSource: string; world: string; dummy?: boolean }): Promise<Uint8Array>;
  componentNew(binary: Uint8Array): Promise<Uint8Array>;
}
const WASM_TOOLS = '@bytecodealliance/jco-transpile/wasm-tools';
const tools = (): Promise<WasmTools> => import(WASM_TOOLS) as Promise<WasmTools>;

/** docs/udf-abi.wit (this file sits four levels below the repository root, in src/ and dist/ alike). */
export function readUdfWit(): Promise<string> {
  return readFile(new URL('../../../../docs/udf-abi.wit', import.meta.url), 'utf8');
}

/** A component of `world` whose core module is `wat` (core exports named as wit-bindgen names them). */
export async function buildComponent(wat: string, wit: string, world = 'udf-component'): Promise<Uint8Array> {
  const t = await tools();
  return t.componentNew(await t.componentEmbed({ binary: await t.parse(wat), witSource: wit, world }));
}

/** A component of `world` whose functions all trap (wasm-tools' dummy module). */
export async function dummyComponent(wit: string, world: string): Promise<Uint8Array> {
  const t = await tools();
  return t.componentNew(await t.componentEmbed({ dummy: true, witSource: wit, world }));
}

const FN = 'quiver:udf/functions@1.0.0#';
const ST = 'quiver:udf/aggregate-states@1.0.0#';
// Memory: messages at 16.., the return area at RET, per-group sums at STATES and "seen" bytes at
// SEEN (MAX_GROUPS each), the manifest at MANIFEST, the bump heap from HEAP (reset after every call).
const RET = 1024;
const STATES = 4096;
const MAX_GROUPS = 4096;
const SEEN = STATES + 8 * MAX_GROUPS;
const MANIFEST = SEEN + MAX_GROUPS;
const HEAP = 65536;

/**
 * The guest's core module in WAT, exporting `manifest` as its manifest text, and with `merge` the
 * `aggregate-states` functions.
 */
export function componentGuestWat(manifest: object | string = COMPONENT_GUEST_MANIFEST, merge = true): string {
  const json = typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
  const bytes = new TextEncoder().encode(json);
  if (bytes.length > HEAP - MANIFEST) throw new Error(`a manifest of ${bytes.length} bytes does not fit the guest`);
  const escaped = Array.from(bytes, (b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
  // `column` at RET + 4: type-word +0, length +4, validity (case +8, ptr +12, len +16),
  // values (case +20, payload +24: a list's ptr/len, or utf8's offsets ptr/len then bytes ptr/len).
  return `(module
  (import "quiver:udf/logging@1.0.0" "log" (func $log (param i32 i32 i32)))
  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const ${HEAP}))
  (global $inited (mut i32) (i32.const 0))
  (data (i32.const ${MANIFEST}) "${escaped}")
  (data (i32.const 16) "negative input")
  (data (i32.const 48) "about to fail")
  (data (i32.const 80) "too many groups")
  (data (i32.const 112) "bad state")
  (func $alloc (param $size i32) (param $align i32) (result i32) (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
      (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap)
                  (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1))) (i32.const -1))
              (then unreachable))))
    (local.get $p))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (call $alloc (local.get 3) (local.get 2)))
  (func $reset (param i32) (global.set $heap (i32.const ${HEAP})))
  (export "cabi_post_${FN}scalar" (func $reset))
  (export "cabi_post_${FN}aggregate-update" (func $reset))
  (export "cabi_post_${FN}aggregate-finish" (func $reset))
  (func $ok_list (param $tw i32) (param $n i32) (param $case i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store8 (i32.const ${RET}) (i32.const 0))
    (i32.store (i32.const ${RET + 4}) (local.get $tw))
    (i32.store (i32.const ${RET + 8}) (local.get $n))
    (i32.store8 (i32.const ${RET + 12}) (i32.const 0))
    (i32.store8 (i32.const ${RET + 24}) (local.get $case))
    (i32.store (i32.const ${RET + 28}) (local.get $ptr))
    (i32.store (i32.const ${RET + 32}) (local.get $len))
    (i32.const ${RET}))
  (func $err (param $msg i32) (param $len i32) (param $row i32) (result i32)
    (i32.store8 (i32.const ${RET}) (i32.const 1))
    (i32.store (i32.const ${RET + 4}) (local.get $msg))
    (i32.store (i32.const ${RET + 8}) (local.get $len))
    (i32.store (i32.const ${RET + 12}) (local.get $row))
    (i32.const ${RET}))
  (func (export "${FN}manifest") (result i32)
    (i32.store (i32.const ${RET}) (i32.const ${MANIFEST}))
    (i32.store (i32.const ${RET + 4}) (i32.const ${bytes.length}))
    (i32.const ${RET}))
  (func $affine (param $args i32) (param $n i32) (result i32) (local $src i32) (local $dst i32) (local $i i32)
    (local.set $src (i32.load offset=24 (local.get $args)))
    (local.set $dst (call $alloc (i32.shl (local.get $n) (i32.const 3)) (i32.const 8)))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (f64.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 3)))
        (f64.add (f64.mul (f64.const 2) (f64.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 3))))) (f64.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
    (call $ok_list (i32.const 11) (local.get $n) (i32.const 6) (local.get $dst) (local.get $n)))
  (func $shout (param $args i32) (param $n i32) (result i32) (local $src i32) (local $len i32) (local $dst i32) (local $i i32) (local $b i32)
    (local.set $src (i32.load offset=32 (local.get $args)))
    (local.set $len (i32.load offset=36 (local.get $args)))
    (local.set $dst (call $alloc (local.get $len) (i32.const 1)))
    (block $done (loop $byte
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $b (i32.load8_u (i32.add (local.get $src) (local.get $i))))
      (i32.store8 (i32.add (local.get $dst) (local.get $i))
        (select (i32.sub (local.get $b) (i32.const 32)) (local.get $b)
          (i32.lt_u (i32.sub (local.get $b) (i32.const 97)) (i32.const 26))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $byte)))
    (drop (call $ok_list (i32.const 15) (local.get $n) (i32.const 10)
      (i32.load offset=24 (local.get $args)) (i32.load offset=28 (local.get $args))))
    (i32.store (i32.const ${RET + 36}) (local.get $dst))
    (i32.store (i32.const ${RET + 40}) (local.get $len))
    (i32.const ${RET}))
  (func (export "${FN}scalar") (param $ep i32) (param $el i32) (param $args i32) (param $nargs i32) (param $n i32) (result i32)
    (local $c i32)
    (local.set $c (i32.load8_u (local.get $ep)))
    (if (i32.eq (local.get $c) (i32.const 97)) (then (return (call $affine (local.get $args) (local.get $n)))))
    (if (i32.eq (local.get $c) (i32.const 115)) (then (return (call $shout (local.get $args) (local.get $n)))))
    (if (i32.eq (local.get $c) (i32.const 101)) (then
      (memory.copy (i32.const ${RET + 4}) (local.get $args) (i32.const 40))
      (i32.store8 (i32.const ${RET}) (i32.const 0))
      (return (i32.const ${RET}))))
    (if (i32.eq (local.get $c) (i32.const 102)) (then
      (call $log (i32.const 1) (i32.const 48) (i32.const 13))
      (return (call $err (i32.const 16) (i32.const 14) (i32.const 1)))))
    (if (i32.eq (local.get $c) (i32.const 104)) (then
      (loop $grow (br_if $grow (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
      (unreachable)))
    (if (i32.eq (local.get $c) (i32.const 108)) (then
      (return (call $ok_list (i32.const 10) (local.get $n) (i32.const 5) (i32.const 0) (i32.const 0)))))
    (unreachable))
  (func $init_groups (param $ng i32)
    (if (i32.gt_u (local.get $ng) (global.get $inited)) (then
      (memory.fill (i32.add (i32.const ${STATES}) (i32.shl (global.get $inited) (i32.const 3))) (i32.const 0)
        (i32.shl (i32.sub (local.get $ng) (global.get $inited)) (i32.const 3)))
      (memory.fill (i32.add (i32.const ${SEEN}) (global.get $inited)) (i32.const 0) (i32.sub (local.get $ng) (global.get $inited)))
      (global.set $inited (local.get $ng)))))
  (func (export "${FN}aggregate-open") (param $ep i32) (param $el i32) (result i32)
    (global.set $inited (i32.const 0))
    (i32.store8 (i32.const ${RET}) (i32.const 0))
    (i32.store (i32.const ${RET + 4}) (i32.const 7))
    (i32.const ${RET}))
  (func (export "${FN}aggregate-update") (param $h i32) (param $gids i32) (param $rows i32) (param $ng i32) (param $args i32) (param $nargs i32) (result i32)
    (local $src i32) (local $i i32) (local $g i32) (local $at i32)
    (if (i32.gt_u (local.get $ng) (i32.const ${MAX_GROUPS})) (then (return (call $err (i32.const 80) (i32.const 15) (i32.const -1)))))
    (call $init_groups (local.get $ng))
    (local.set $src (i32.load offset=24 (local.get $args)))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $g (i32.load (i32.add (local.get $gids) (i32.shl (local.get $i) (i32.const 2)))))
      (if (i32.ge_s (local.get $g) (i32.const 0)) (then
        (local.set $at (i32.add (i32.const ${STATES}) (i32.shl (local.get $g) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
          (f64.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 3))))))
        (i32.store8 (i32.add (i32.const ${SEEN}) (local.get $g)) (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
    (i32.store8 (i32.const ${RET}) (i32.const 0))
    (i32.const ${RET}))
  (func (export "${FN}aggregate-finish") (param $h i32) (param $ng i32) (result i32)
    (local $dst i32) (local $bits i32) (local $g i32) (local $at i32)
    (if (i32.gt_u (local.get $ng) (i32.const ${MAX_GROUPS})) (then (return (call $err (i32.const 80) (i32.const 15) (i32.const -1)))))
    (call $init_groups (local.get $ng))
    (local.set $dst (call $alloc (i32.shl (local.get $ng) (i32.const 3)) (i32.const 8)))
    (local.set $bits (call $alloc (i32.shr_u (i32.add (local.get $ng) (i32.const 7)) (i32.const 3)) (i32.const 1)))
    (memory.fill (local.get $bits) (i32.const 0) (i32.shr_u (i32.add (local.get $ng) (i32.const 7)) (i32.const 3)))
    (memory.copy (local.get $dst) (i32.const ${STATES}) (i32.shl (local.get $ng) (i32.const 3)))
    (block $done (loop $group
      (br_if $done (i32.ge_u (local.get $g) (local.get $ng)))
      (if (i32.load8_u (i32.add (i32.const ${SEEN}) (local.get $g))) (then
        (local.set $at (i32.add (local.get $bits) (i32.shr_u (local.get $g) (i32.const 3))))
        (i32.store8 (local.get $at) (i32.or (i32.load8_u (local.get $at))
          (i32.shl (i32.const 1) (i32.and (local.get $g) (i32.const 7)))))))
      (local.set $g (i32.add (local.get $g) (i32.const 1)))
      (br $group)))
    (drop (call $ok_list (i32.const 11) (local.get $ng) (i32.const 6) (local.get $dst) (local.get $ng)))
    (i32.store8 (i32.const ${RET + 12}) (i32.const 1))
    (i32.store (i32.const ${RET + 16}) (local.get $bits))
    (i32.store (i32.const ${RET + 20}) (i32.shr_u (i32.add (local.get $ng) (i32.const 7)) (i32.const 3)))
    (i32.const ${RET}))
${merge ? statesWat() : ''})`;
}

/**
 * `aggregate-state`: group g's state is its sum's 8 bytes when it has rows, else none.
 * `aggregate-merge`: adds each 8-byte state to its group (0 bytes: nothing); other sizes fail.
 */
function statesWat(): string {
  return `  (export "cabi_post_${ST}aggregate-state" (func $reset))
  (export "cabi_post_${ST}aggregate-merge" (func $reset))
  (func (export "${ST}aggregate-state") (param $h i32) (param $ng i32) (result i32)
    (local $offs i32) (local $bytes i32) (local $g i32) (local $end i32)
    (if (i32.gt_u (local.get $ng) (i32.const ${MAX_GROUPS})) (then (return (call $err (i32.const 80) (i32.const 15) (i32.const -1)))))
    (call $init_groups (local.get $ng))
    (local.set $offs (call $alloc (i32.shl (i32.add (local.get $ng) (i32.const 1)) (i32.const 2)) (i32.const 4)))
    (local.set $bytes (call $alloc (i32.shl (local.get $ng) (i32.const 3)) (i32.const 8)))
    (i32.store (local.get $offs) (i32.const 0))
    (block $done (loop $group
      (br_if $done (i32.ge_u (local.get $g) (local.get $ng)))
      (if (i32.load8_u (i32.add (i32.const ${SEEN}) (local.get $g))) (then
        (f64.store (i32.add (local.get $bytes) (local.get $end))
          (f64.load (i32.add (i32.const ${STATES}) (i32.shl (local.get $g) (i32.const 3)))))
        (local.set $end (i32.add (local.get $end) (i32.const 8)))))
      (local.set $g (i32.add (local.get $g) (i32.const 1)))
      (i32.store (i32.add (local.get $offs) (i32.shl (local.get $g) (i32.const 2))) (local.get $end))
      (br $group)))
    (i32.store8 (i32.const ${RET}) (i32.const 0))
    (i32.store (i32.const ${RET + 4}) (local.get $offs))
    (i32.store (i32.const ${RET + 8}) (i32.add (local.get $ng) (i32.const 1)))
    (i32.store (i32.const ${RET + 12}) (local.get $bytes))
    (i32.store (i32.const ${RET + 16}) (local.get $end))
    (i32.const ${RET}))
  (func (export "${ST}aggregate-merge") (param $h i32) (param $gids i32) (param $n i32) (param $ng i32)
    (param $offs i32) (param $noffs i32) (param $bytes i32) (param $nbytes i32) (result i32)
    (local $i i32) (local $g i32) (local $from i32) (local $len i32) (local $at i32)
    (if (i32.gt_u (local.get $ng) (i32.const ${MAX_GROUPS})) (then (return (call $err (i32.const 80) (i32.const 15) (i32.const -1)))))
    (call $init_groups (local.get $ng))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $g (i32.load (i32.add (local.get $gids) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $from (i32.load (i32.add (local.get $offs) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $len (i32.sub (i32.load offset=4 (i32.add (local.get $offs) (i32.shl (local.get $i) (i32.const 2)))) (local.get $from)))
      (if (i32.and (i32.ge_s (local.get $g) (i32.const 0)) (i32.ne (local.get $len) (i32.const 0))) (then
        (if (i32.ne (local.get $len) (i32.const 8)) (then (return (call $err (i32.const 112) (i32.const 9) (local.get $i)))))
        (local.set $at (i32.add (i32.const ${STATES}) (i32.shl (local.get $g) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.load (i32.add (local.get $bytes) (local.get $from)))))
        (i32.store8 (i32.add (i32.const ${SEEN}) (local.get $g)) (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
    (i32.store8 (i32.const ${RET}) (i32.const 0))
    (i32.const ${RET}))
`;
}

/**
 * The guest as a component, built against docs/udf-abi.wit: world `udf-component-merge`, or with
 * `merge: false` world `udf-component` (no `aggregate-states`).
 */
export async function componentGuest(manifest: object | string = COMPONENT_GUEST_MANIFEST, merge = true): Promise<Uint8Array> {
  return buildComponent(componentGuestWat(manifest, merge), await readUdfWit(), merge ? 'udf-component-merge' : 'udf-component');
}
