/**
 * The Rust example (examples/udf/rust, std only) built with Debian's rustc for
 * wasm32-unknown-unknown and run through SQL. Needs `apt-get install rustc libstd-rust-dev-wasm32`
 * (rustup's toolchains have no wasm32 std offline); without it the case is skipped with a message.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { SessionContext } from 'quiver';
import { embedManifestSection } from '@quiver/udf';

const RUSTC = '/usr/bin/rustc';
const hasRust = existsSync(RUSTC) && existsSync('/usr/lib/rustlib/wasm32-unknown-unknown');
if (!hasRust) console.warn('wasm-udf-rust.test.ts: Debian rustc with wasm32 std missing — Rust guest test skipped (apt-get install rustc libstd-rust-dev-wasm32)');

describe.skipIf(!hasRust)('Rust guests', () => {
  it('computes Levenshtein distances in Unicode characters, in SELECT and WHERE', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'quiver-rust-udf-')), 'levenshtein.wasm');
    const source = fileURLToPath(new URL('../examples/udf/rust/levenshtein.rs', import.meta.url));
    execFileSync(RUSTC, ['--edition', '2021', '--crate-type', 'cdylib', '-C', 'opt-level=3', '-C', 'panic=abort', '--target', 'wasm32-unknown-unknown', '-o', out, source]);
    const ctx = await SessionContext.create();
    await ctx.registerWasmModule(await embedManifestSection(readFileSync(out)), { name: 'levenshtein.wasm' });
    ctx.registerTable('w', arrow.tableFromArrays({
      id: Int32Array.from([1, 2, 3, 4, 5]),
      a: ['kitten', 'flaw', 'über', '', null],
      b: ['sitting', 'lawn', 'uber', 'abc', 'x'],
    }));
    expect(await (await ctx.sql('SELECT id, levenshtein(a, b) AS d FROM w ORDER BY id')).collect().then((t) => t.toArray().map((r) => [r.id, r.d]))).toEqual([
      [1, 3], [2, 2], [3, 1], [4, 3], [5, null],
    ]);
    const close = await (await ctx.sql("SELECT count(*) AS n FROM w WHERE levenshtein(b, 'sitting') <= 3")).collect();
    expect(close.toArray()[0].n).toBe(1n);
  });
});
