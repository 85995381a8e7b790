/**
 * The C examples (examples/udf/c) built with clang and run through SQL: GDPR masking, Luhn check,
 * haversine distance (wasi-libc's libm) and a geometric-mean aggregate, freestanding and with
 * wasi-libc. Needs clang, lld and wasi-libc (`apt-get install clang lld wasi-libc`); without them
 * the cases are skipped with a message.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { SessionContext } from 'quiver';
import { embedManifestSection } from '@quiver/udf';
import { rows } from './support/sql-rows.js';

const SRC = fileURLToPath(new URL('../examples/udf/c/', import.meta.url));
const hasClang = (() => {
  try {
    execFileSync('clang', ['--version'], { stdio: 'ignore' });
    execFileSync('wasm-ld', ['--version'], { stdio: 'ignore' });
    return existsSync('/usr/include/wasm32-wasi/stdlib.h');
  } catch {
    return false;
  }
})();
if (!hasClang) console.warn('wasm-udf-c.test.ts: clang, wasm-ld or wasi-libc missing — C guest tests skipped (apt-get install clang lld wasi-libc)');

let out: string;
async function build(name: string, freestanding = false): Promise<Uint8Array> {
  const wasm = join(out, `${name}${freestanding ? '-fs' : ''}.wasm`);
  const flags = freestanding
    ? ['--target=wasm32', '-nostdlib', '-O2', '-mbulk-memory', '-Wl,--no-entry']
    : ['--target=wasm32-wasi', '--sysroot=/usr', '-O2', '-mexec-model=reactor'];
  execFileSync('clang', [...flags, '-Wall', '-Werror', '-o', wasm, join(SRC, `${name}.c`)]);
  return embedManifestSection(readFileSync(wasm));
}

function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dlat = (lat2 - lat1) * rad;
  const dlon = (lon2 - lon1) * rad;
  const a = Math.sin(dlat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dlon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

describe.skipIf(!hasClang)('C guests (clang --target=wasm32)', () => {
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'quiver-c-udf-'));
  });

  for (const freestanding of [false, true]) {
    it(`masks e-mail addresses and phone numbers (${freestanding ? 'freestanding' : 'wasi-libc'})`, async () => {
      const ctx = await SessionContext.create();
      await ctx.registerWasmModule(await build('pii', freestanding));
      ctx.registerTable('people', arrow.tableFromArrays({
        email: ['jane.doe@example.com', 'ßtefan@müller.de', 'no-at-sign', null, '@x.org'],
        phone: ['+44 20 7946 0958', '555-1234', '12', null, ''],
      }));
      expect(await rows(ctx, 'SELECT mask_email(email), mask_phone(phone) FROM people')).toEqual([
        ['j*******@example.com', '+** ** **** 0958', ],
        ['ß*****@müller.de', '***-1234'],
        ['**********', '12'],
        [null, null],
        ['@x.org', ''],
      ]);
    });
  }

  it('checks Luhn checksums, usable in WHERE', async () => {
    const ctx = await SessionContext.create();
    await ctx.registerWasmModule(await build('luhn', true));
    ctx.registerTable('cards', arrow.tableFromArrays({
      id: Int32Array.from([1, 2, 3, 4, 5, 6]),
      pan: ['4539 1488 0343 6467', '4539 1488 0343 6468', '79927398713', 'abc', '0', '8273-1232-7352-0569'],
    }));
    expect(await rows(ctx, 'SELECT id, luhn_check(pan) FROM cards ORDER BY id')).toEqual([
      [1, true], [2, false], [3, true], [4, false], [5, false], [6, false],
    ]);
    expect(await rows(ctx, 'SELECT count(*) FROM cards WHERE luhn_check(pan)')).toEqual([[2n]]);
  });

  it('computes haversine distances with libm, in a JOIN condition', async () => {
    const ctx = await SessionContext.create();
    await ctx.sql(`CREATE FUNCTION distance_km(DOUBLE, DOUBLE, DOUBLE, DOUBLE) RETURNS DOUBLE LANGUAGE wasm AS '${join(out, 'geo-sql.wasm')}', 'haversine_km'`).then(
      () => { throw new Error('expected a missing file'); },
      (e: Error) => expect(e.message).toMatch(/cannot read WebAssembly module/),
    );
    await ctx.registerWasmModule(await build('geo'));
    const cities = { name: ['London', 'Paris', 'New York', 'Tokyo'], lat: [51.5074, 48.8566, 40.7128, 35.6762], lon: [-0.1278, 2.3522, -74.006, 139.6503] };
    ctx.registerTable('cities', arrow.tableFromArrays({ name: cities.name, lat: Float64Array.from(cities.lat), lon: Float64Array.from(cities.lon) }));
    const got = await rows(ctx, `SELECT a.name AS from_city, b.name AS to_city, haversine_km(a.lat, a.lon, b.lat, b.lon) AS km
      FROM cities a JOIN cities b ON a.name < b.name AND haversine_km(a.lat, a.lon, b.lat, b.lon) < 6000 ORDER BY km`);
    const expected: unknown[][] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
      if (!(cities.name[i]! < cities.name[j]!)) continue;
      const km = haversine(cities.lat[i]!, cities.lon[i]!, cities.lat[j]!, cities.lon[j]!);
      if (km < 6000) expected.push([cities.name[i], cities.name[j], km]);
    }
    expected.sort((x, y) => (x[2] as number) - (y[2] as number));
    expect(got.map((r) => r.slice(0, 2))).toEqual(expected.map((r) => r.slice(0, 2)));
    got.forEach((r, k) => expect(r[2]).toBeCloseTo(expected[k]![2] as number, 9));
  });

  it('splits text into words with a table function in FROM', async () => {
    const ctx = await SessionContext.create();
    await ctx.registerWasmModule(await build('words', true));
    expect(await rows(ctx, "SELECT word, position FROM split_words('  the quick\tbrown  fox ') ORDER BY position")).toEqual([
      ['the', 1], ['quick', 2], ['brown', 3], ['fox', 4],
    ]);
    const many = Array.from({ length: 10000 }, (_, i) => `w${i % 7}`).join(' ');
    expect(await rows(ctx, `SELECT word, count(*) FROM split_words('${many}') GROUP BY word ORDER BY word LIMIT 2`)).toEqual([['w0', 1429n], ['w1', 1429n]]);
    expect(await rows(ctx, "SELECT count(*) FROM split_words('')")).toEqual([[0n]]);
  });

  it('splits a column of texts with LATERAL, each word joined to its row', async () => {
    const ctx = await SessionContext.create();
    await ctx.registerWasmModule(await build('words'));
    ctx.registerTable('docs', arrow.tableFromArrays({ id: [1, 2, 3, 4], text: ['to be', '  ', 'or not to be', null] }));
    expect(await rows(ctx, 'SELECT d.id, w.word, w.position FROM docs d, LATERAL split_words(d.text) AS w ORDER BY 1, 3')).toEqual([
      [1, 'to', 1], [1, 'be', 2], [3, 'or', 1], [3, 'not', 2], [3, 'to', 3], [3, 'be', 4],
    ]);
    expect(await rows(ctx, 'SELECT d.id, count(w.word) FROM docs d LEFT JOIN LATERAL split_words(d.text) w ON true GROUP BY 1 ORDER BY 1')).toEqual([
      [1, 2n], [2, 0n], [3, 4n], [4, 0n],
    ]);
    // 30,000 texts of 3 words: 90,000 rows over several input batches and several _next calls each.
    const texts = Array.from({ length: 30000 }, (_, i) => `a${i % 5} b c`);
    ctx.registerTable('many', arrow.tableFromArrays({ id: Int32Array.from(texts, (_, i) => i), text: texts }));
    expect(await rows(ctx, "SELECT count(*), sum(id), count(DISTINCT id) FROM many CROSS JOIN LATERAL split_words(text) WHERE word <> 'c'")).toEqual([
      [60000n, 2n * (29999n * 30000n / 2n), 30000n],
    ]);
  });

  it('aggregates a geometric mean per group, failing with the row on a non-positive value', async () => {
    const ctx = await SessionContext.create();
    await ctx.registerWasmModule(await build('geomean'));
    ctx.registerTable('m', arrow.tableFromArrays({ g: ['a', 'a', 'b', 'b', 'b', 'c'], x: [2, 8, 1, 3, 9, null] }));
    const got = await rows(ctx, 'SELECT g, geomean(x) FROM m GROUP BY g ORDER BY g');
    expect(got.map((r) => r[0])).toEqual(['a', 'b', 'c']);
    expect(got[0]![1]).toBeCloseTo(4, 12);
    expect(got[1]![1]).toBeCloseTo(3, 12);
    expect(got[2]![1]).toBeNull();
    ctx.registerTable('neg', arrow.tableFromArrays({ x: [4, -1] }));
    await expect((await ctx.sql('SELECT geomean(x) FROM neg')).collect()).rejects.toThrow(/geomean\(float64\) -> float64 \(wasm module\) failed at row 1 of the batch: geomean needs positive values/);
    // Through two partial aggregates (UNION ALL) the guest's geomean_merge combines the states.
    const split = await rows(ctx, 'SELECT g, geomean(x) FROM (SELECT * FROM m WHERE x < 3 UNION ALL SELECT * FROM m WHERE x >= 3 OR x IS NULL) u GROUP BY g ORDER BY g');
    expect(split.map((r) => r[0])).toEqual(['a', 'b', 'c']);
    split.forEach((r, k) => (r[1] === null ? expect(got[k]![1]).toBeNull() : expect(r[1]).toBeCloseTo(got[k]![1] as number, 12)));
    expect(split[0]![1]).toBeCloseTo(4, 12);
  });
});
