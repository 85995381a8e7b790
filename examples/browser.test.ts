/**
 * The browser example in headless Chromium: build the page (Vite), serve it, load it, and check
 * the query result it renders from the Parquet file it fetched. A screenshot is kept in
 * examples/browser/dist/screenshot.png. Needs /usr/bin/chromium (Debian's `chromium` package;
 * `scripts/install-system-deps.sh`); without it the test is skipped with a message saying so.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessPage } from './browser/cdp.js';
// @ts-expect-error -- a plain ES module build script, without type declarations
import { buildBrowserExample } from './browser/build.mjs';

const CHROMIUM = '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

if (!existsSync(CHROMIUM)) console.warn(`browser example test skipped: ${CHROMIUM} is missing (run scripts/install-system-deps.sh)`);

describe.skipIf(!existsSync(CHROMIUM))('browser example in headless Chromium', () => {
  let root = '';
  let server: Server;
  let url = '';

  beforeAll(async () => {
    root = (await buildBrowserExample()) as string;
    server = createServer((req, res) => {
      const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
      const file = path.endsWith('/') ? join(path, 'index.html') : path;
      if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('fetches Parquet by URL and renders the query result', async () => {
    const page = await HeadlessPage.launch(CHROMIUM);
    try {
      await page.goto(url);
      await page.waitFor("document.getElementById('result')?.dataset.status", 60_000);
      writeFileSync(join(root, 'screenshot.png'), await page.screenshot());
      const status = await page.evaluate<string>("document.getElementById('result').dataset.status");
      const text = await page.evaluate<string>("document.getElementById('result').innerText");
      expect({ status, log: page.log }).toEqual({ status: 'done', log: [] });
      const rows = text.trim().split('\n').map((l) => l.split('\t'));
      expect(rows[0]).toEqual(['city', 'trips', 'avg_fare', 'longest_km']);
      expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(['Lisbon', 'Oslo', 'Quito', 'Seoul']);
      expect(rows.slice(1).reduce((n, r) => n + Number(r[1]), 0)).toBe(EXPECTED_TRIPS);
    } finally {
      await page.close();
    }
  });
});

/** Trips with fare > 5 in the sample build.mjs writes: fare = 3 + ((i * 37) % 400) / 10. */
const EXPECTED_TRIPS = Array.from({ length: 10_000 }, (_, i) => 3 + ((i * 37) % 400) / 10).filter((f) => f > 5).length;
