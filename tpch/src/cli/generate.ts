/**
 * `generate --sf <n> --format tbl|parquet|arrow --out <dir> [--tables a,b] [--chunks n]
 * [--compression snappy|zstd] [--threads n]`: writes TPC-H tables to files, one per table, or n per
 * table with `--chunks n` (dbgen's `<table>.tbl.<k>`, `<table>.<k>.parquet|arrow`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateBatchesAsync, generateParquetAsync, generateTblAsync, tableRowCount, type TpchOptions } from '../api.js';
import { writeArrowFile, writeBytesFile, writeParquetParts } from '../files.js';
import type { ParquetCompression } from '../parquet/encode.js';
import { WorkerPool } from '../parallel.js';
import { TPCH_TABLES, tpchSchema, type TpchTable } from '../schema.js';
import { Progress } from './progress.js';

const FORMATS = ['tbl', 'parquet', 'arrow'] as const;
type Format = (typeof FORMATS)[number];

export const GENERATE_USAGE = `usage: generate --sf <n> --format tbl|parquet|arrow --out <dir>
                [--tables a,b,...] [--chunks n] [--compression snappy|zstd] [--threads n]`;

interface GenerateArgs {
  sf: number;
  format: Format;
  out: string;
  tables: TpchTable[];
  chunks: number;
  compression: ParquetCompression;
  threads: number | undefined;
}

function fail(message: string): never {
  throw new Error(`${message}\n${GENERATE_USAGE}`);
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) fail(`${flag} must be a non-negative integer, got '${text}'`);
  return n;
}

function parse(argv: string[]): GenerateArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      sf: { type: 'string' },
      format: { type: 'string', default: 'tbl' },
      out: { type: 'string' },
      tables: { type: 'string' },
      chunks: { type: 'string', default: '1' },
      compression: { type: 'string', default: 'snappy' },
      threads: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const sf = Number(values.sf);
  if (values.sf === undefined || !(sf > 0)) fail('--sf must be a positive number');
  if (!FORMATS.includes(values.format as Format)) fail(`unknown --format '${values.format}'`);
  if (values.out === undefined) fail('--out is required');
  const tables = values.tables === undefined ? [...TPCH_TABLES] : values.tables.split(',').map((t) => t.trim());
  for (const t of tables) if (!TPCH_TABLES.includes(t as TpchTable)) fail(`unknown table '${t}'`);
  const chunks = positiveInt(values.chunks, '--chunks');
  if (chunks < 1) fail('--chunks must be at least 1');
  if (values.compression !== 'snappy' && values.compression !== 'zstd') fail(`unknown --compression '${values.compression}'`);
  return {
    sf,
    format: values.format as Format,
    out: values.out,
    tables: tables as TpchTable[],
    chunks,
    compression: values.compression,
    threads: values.threads === undefined ? undefined : positiveInt(values.threads, '--threads'),
  };
}

function fileName(table: TpchTable, format: Format, chunk: number, chunks: number): string {
  if (chunks === 1) return `${table}.${format}`;
  return format === 'tbl' ? `${table}.tbl.${chunk}` : `${table}.${chunk}.${format}`;
}

/** Runs the generate command with the arguments that follow `generate`. */
export async function runGenerate(argv: string[]): Promise<void> {
  const args = parse(argv);
  mkdirSync(args.out, { recursive: true });
  const parts: { table: TpchTable; options: TpchOptions; path: string }[] = [];
  for (const table of args.tables) {
    for (let chunk = 1; chunk <= args.chunks; chunk++) {
      parts.push({
        table,
        options: { sf: args.sf, chunk, chunks: args.chunks },
        path: join(args.out, fileName(table, args.format, chunk, args.chunks)),
      });
    }
  }
  const progress = new Progress(parts.reduce((n, p) => n + tableRowCount(p.table, p.options), 0));
  const workers = WorkerPool.create(args.threads);
  try {
    for (const { table, options, path } of parts) {
      progress.stage(args.chunks === 1 ? table : `${table} ${options.chunk}/${args.chunks}`);
      const parallel = { ...options, workers };
      if (args.format === 'tbl') {
        await writeBytesFile(path, generateTblAsync(table, { ...parallel, onRows: (rows) => progress.add(rows) }));
      } else if (args.format === 'arrow') {
        await writeArrowFile(path, tpchSchema(table), generateBatchesAsync(table, parallel), (batch) => progress.add(batch.numRows));
      } else {
        const parts = generateParquetAsync(table, { ...parallel, compression: args.compression, onRows: (rows) => progress.add(rows) });
        await writeParquetParts(path, parts, tpchSchema(table));
      }
    }
  } finally {
    await workers?.close();
  }
  progress.finish();
}

