import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { buildGuest } from '../testing/guest-runtime.js';
import { shout, taint } from '../testing/guests.js';
import { FunctionRegistry } from '../registry.js';
import { registerWasmFunctions } from './register.js';
import { WasmUdfModule } from './udf-module.js';
import { firstInvalidUtf8Row } from './utf8.js';

const enc = new TextEncoder();
/** Rows of raw bytes as one buffer with offsets. */
function column(rows: number[][]): [Uint8Array, Int32Array] {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i]! + r.length));
  return [Uint8Array.from(rows.flat()), offsets];
}

describe('UTF-8 validation of guest strings', () => {
  it('accepts every well-formed sequence and finds the first bad row', () => {
    const good = ['', 'ascii', 'é', '€uro', '𝄞 clef', '\u{10FFFF}', '\uD7FF\uE000'].map((s) => [...enc.encode(s)]);
    expect(firstInvalidUtf8Row(...column(good), good.length, null)).toBe(-1);
    const bad: Array<[string, number[]]> = [
      ['lone continuation', [0x80]],
      ['overlong slash', [0xc0, 0xaf]],
      ['overlong three-byte', [0xe0, 0x80, 0xaf]],
      ['surrogate', [0xed, 0xa0, 0x80]],
      ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
      ['truncated', [0x61, 0xe2, 0x82]],
      ['0xFF', [0xff]],
    ];
    for (const [what, bytes] of bad) expect(firstInvalidUtf8Row(...column([[0x61], bytes]), 2, null), what).toBe(1);
    // A sequence split across a row boundary is invalid in both rows, though the bytes are valid together.
    expect(firstInvalidUtf8Row(...column([[0x61, 0xc3], [0xa9]]), 2, null)).toBe(0);
    // NULL rows are not checked.
    expect(firstInvalidUtf8Row(...column([[0xff], [0x61]]), 2, Uint8Array.of(0b10))).toBe(-1);
  });

  it('fails a call whose result is not UTF-8, naming the function and row; valid results pass', async () => {
    const bytes = buildGuest({
      manifest: { abi: '1.0', functions: [{ name: 'taint', args: ['utf8'], ret: 'utf8' }, { name: 'shout', args: ['utf8'], ret: 'utf8' }] },
      functions: [taint, shout],
    });
    const registry = new FunctionRegistry();
    registerWasmFunctions(registry, await WasmUdfModule.load(bytes, { name: 'taint.wasm' }));
    const arg = { kind: 'array', data: arrow.vectorFromArray(['ok', 'bad', 'é'], new arrow.Utf8()).data[0]! } as const;
    expect(() => registry.scalarFunction('taint')!.invoke([arg], 3, { kind: 'Utf8' })).toThrow(
      'function taint(utf8) -> utf8 (taint.wasm) returned invalid UTF-8 at row 1 of the batch',
    );
    const out = registry.scalarFunction('shout')!.invoke([arg], 3, { kind: 'Utf8' });
    expect([...new arrow.Vector([out])]).toEqual(['OK', 'BAD', 'é']);
  });
});
