/**
 * The browser example in headless Chromium: build the page (Vite), serve it, load it, and check
 * the query result it renders from the Parquet file it fetched, driving Debian's Chromium with
 * playwright-core. A screenshot is kept in examples/browser/dist/screenshot.png. Needs
 * /usr/bin/chromium (`scripts/install-system-deps.sh`); without it the test is skipped with a message.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module build script, without type declarations
import { buildBrowserExample } from './browser/build.mjs';

const CHROMIUM = '/usr/bin/chromium';
/** Headless flags for a machine without network access (no background, sync or update traffic). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

if (!existsSync(CHROMIUM)) console.warn(`browser example test skipped: ${CHROMIUM} is missing (run scripts/install-system-deps.sh)`);

describe.skipIf(!existsSync(CHROMIUM))('browser example in headless Chromium', () => {
  let root = '';
  let server: Server;
  let url = '';

  beforeAll(async () => {
    root = (await buildBrowserExample()) as string;
    server = createServer((req, res) => {
      if (req.url === '/favicon.ico') return void res.writeHead(204).end(); // browsers ask for it; the page has none
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
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const log: string[] = [];
      page.on('console', (m) => log.push(`console.${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => log.push(`exception: ${e.message}`));
      await page.goto(url);
      await page.waitForFunction(() => document.getElementById('result')?.dataset.status, undefined, { timeout: 60_000 });
      writeFileSync(join(root, 'screenshot.png'), await page.screenshot());
      const status = await page.evaluate(() => document.getElementById('result')!.dataset.status);
      const text = await page.evaluate(() => document.getElementById('result')!.innerText);
      expect({ status, log }).toEqual({ status: 'done', log: [] });
      const rows = text.trim().split('\n').map((l) => l.split('\t'));
      expect(rows[0]).toEqual(['city', 'trips', 'avg_fare', 'longest_km']);
      expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(['Lisbon', 'Oslo', 'Quito', 'Seoul']);
      expect(rows.slice(1).reduce((n, r) => n + Number(r[1]), 0)).toBe(EXPECTED_TRIPS);
    } finally {
      await browser.close();
    }
  });
});

/** Trips with fare > 5 in the sample build.mjs writes: fare = 3 + ((i * 37) % 400) / 10. */
const EXPECTED_TRIPS = Array.from({ length: 10_000 }, (_, i) => 3 + ((i * 37) % 400) / 10).filter((f) => f > 5).length;
