/**
 * The shared TPC-H reference material (`../shared/tpch`, beside the project root) when it exists:
 * reference Parquet per scale factor and the official answers as rows of text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Row } from './oracle.js';

export const SHARED_TPCH = fileURLToPath(new URL('../../../shared/tpch/', import.meta.url));

export const TPCH_TABLES = ['nation', 'region', 'part', 'supplier', 'partsupp', 'customer', 'orders', 'lineitem'] as const;

export function referenceParquetDir(sf: string): string | null {
  const dir = join(SHARED_TPCH, 'reference-parquet', `sf${sf}`);
  return existsSync(join(dir, 'lineitem.parquet')) ? dir : null;
}

/** The answer rows of query `n` at scale factor `sf` (header dropped), or null when absent. */
export function referenceAnswer(sf: string, n: number, variant = ''): Row[] | null {
  const file = join(SHARED_TPCH, 'answers', `sf${sf}`, `q${String(n).padStart(2, '0')}${variant}.csv`);
  if (!existsSync(file)) return null;
  // One line per row after the header; an empty field is NULL (the answers have no empty strings).
  const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
  return lines.slice(1).map((l) => l.split('|').map((v) => (v === '' ? null : v)));
}
