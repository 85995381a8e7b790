/**
 * The AssemblyScript SDK and examples (examples/udf/assemblyscript) compiled with asc and run
 * through SQL: haversine distance, e-mail masking, a geometric-mean aggregate, and a trap that
 * names its row through `qe_row`. Needs the `assemblyscript` dev dependency; without it the cases
 * are skipped with a message.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { SessionContext } from 'quiver';
import { embedManifestSection } from '@quiver/udf';
import { rows } from './support/sql-rows.js';

interface Asc {
  main(argv: string[], options?: object): Promise<{ error: Error | null; stderr: { toString(): string } }>;
}
const asc: Asc | null = await import('assemblyscript/asc' as string).then((m: { default: Asc }) => m.default, () => null);
if (!asc) console.warn('wasm-udf-assemblyscript.test.ts: assemblyscript is not installed — AssemblyScript guest tests skipped (npm install)');

const SOURCE = fileURLToPath(new URL('../examples/udf/assemblyscript/examples.ts', import.meta.url));
let guest: Uint8Array;

describe.skipIf(!asc)('AssemblyScript guests', () => {
  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'quiver-as-udf-')), 'examples.wasm');
    const { error, stderr } = await asc!.main([SOURCE, '-O3', '--runtime', 'stub', '--noAssert', '--use', 'abort=', '-o', out]);
    if (error) throw new Error(`asc failed: ${error.message}\n${stderr.toString()}`);
    guest = await embedManifestSection(readFileSync(out));
  });

  it('computes haversine distances and masks e-mail addresses', async () => {
    const ctx = await SessionContext.create();
    await ctx.registerWasmModule(guest, { name: 'examples.wasm' });
    ctx.registerTable('p', arrow.tableFromArrays({
      email: ['jane.doe@example.com', 'ßtefan@müller.de', 'no-at-sign', null],
      lat: Float64Array.from([51.5074, 48.8566, 0, 0]),
      lon: Float64Array.from([-0.1278, 2.3522, 0, 0]),
    }));
    const got = await rows(ctx, 'SELECT mask_email(email), haversine_km(lat, lon, 48.8566, 2.3522) FROM p');
    expect(got.map((r) => r[0])).toEqual(['j*******@example.com', 'ß*****@müller.de', '**********', null]);
    expect(got[0]![1]).toBeCloseTo(343.556, 2);
    expect(got[1]![1]).toBe(0);
  });

  it('aggregates a geometric mean per group and reports a bad value with its row', async () => {
    const ctx = await SessionContext.create();
    await ctx.registerWasmModule(guest, { name: 'examples.wasm' });
    ctx.registerTable('m', arrow.tableFromArrays({ g: ['a', 'a', 'b', 'c'], x: [2, 8, 5, null] }));
    const got = await rows(ctx, 'SELECT g, geomean(x) FROM m GROUP BY g ORDER BY g');
    expect(got[0]![1]).toBeCloseTo(4, 12);
    expect(got[1]![1]).toBeCloseTo(5, 12);
    expect(got[2]![1]).toBeNull();
    ctx.registerTable('neg', arrow.tableFromArrays({ x: [1, 2, 0] }));
    await expect((await ctx.sql('SELECT geomean(x) FROM neg')).collect()).rejects.toThrow(/geomean\(float64\) -> float64 \(examples.wasm\) failed at row 2 of the batch: geomean needs positive values/);
  });
});
