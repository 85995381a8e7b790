/** Command-line options shared by `tpch run` and `tpch bench`: the data source, the query selection and spelling. */
import type { TpchSource } from './data.js';
import { q11SpecFraction, tpchQueries, type TpchSpelling } from '../queries/tpch-queries.js';

export interface QuerySelection {
  /** Query numbers, 1-based, in run order. */
  readonly numbers: number[];
  /** Scripts indexed like `tpchQueries`, index 0 holding Q1. */
  readonly scripts: string[];
}

/** `--sf <n>` or `--data <dir>`, exactly one of them. */
export function sourceOption(sf: string | undefined, data: string | undefined): TpchSource {
  if ((sf === undefined) === (data === undefined)) throw new Error('give exactly one of --sf <n> and --data <dir>');
  if (data !== undefined) return { dir: data };
  const n = Number(sf);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--sf must be a positive number, got '${sf}'`);
  return { sf: n };
}

/**
 * `--queries 1,3,…` (default all 22), `--spelling interval|literal` (default interval) and
 * `--q11-fraction <decimal>|spec` (default 0.0001; `spec` is the specification's 0.0001/SF, with `--sf`).
 */
export function querySelection(
  queries: string | undefined,
  spelling: string | undefined,
  q11: string | undefined,
  source: TpchSource,
): QuerySelection {
  if (spelling !== undefined && spelling !== 'interval' && spelling !== 'literal') {
    throw new Error(`--spelling must be interval or literal, got '${spelling}'`);
  }
  const numbers = queries === undefined ? Array.from({ length: 22 }, (_, i) => i + 1) : queries.split(',').map((q) => Number(q.trim()));
  for (const n of numbers) if (!Number.isInteger(n) || n < 1 || n > 22) throw new Error(`--queries takes numbers 1 to 22, got '${queries}'`);
  let q11Fraction = q11;
  if (q11 === 'spec') {
    if (!('sf' in source)) throw new Error('--q11-fraction spec needs --sf (the fraction is 0.0001 / SF)');
    q11Fraction = q11SpecFraction(source.sf);
  }
  return { numbers, scripts: tpchQueries((spelling ?? 'interval') as TpchSpelling, { q11Fraction }) };
}
