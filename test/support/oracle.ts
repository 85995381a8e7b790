/**
 * DuckDB as a test oracle: runs the same SQL on DuckDB and compares its rows with Quiver's value
 * by value (decimals exactly, floats within a relative tolerance, order only where the query orders).
 */
import type * as arrow from 'apache-arrow';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { fromArrowType } from '@quiver/common';
import { columnText } from 'quiver';

export async function openDuckDb(setup: string[]): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  // PostgreSQL's NULL ordering (NULLS LAST ascending, NULLS FIRST descending), which Quiver follows.
  await con.run("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
  for (const sql of setup) await con.run(sql);
  return con;
}

export type Row = Array<string | null>;

export async function duckDbRows(con: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await con.runAndReadAll(sql);
  return reader.getRows().map((row) => row.map((v) => (v === null ? null : String(v))));
}

export function quiverRows(table: arrow.Table): Row[] {
  const columns = table.schema.fields.map((f, c) => table.batches.flatMap((b) => columnText(b.data.children[c]!, fromArrowType(f.type))));
  return Array.from({ length: table.numRows }, (_, r) => columns.map((col) => col[r] ?? null));
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Whether two rendered values are the same value: numbers numerically (exact unless a float is involved), the rest as text. */
export function sameValue(a: string | null, b: string | null, relTol = 1e-9): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  if (NUMBER.test(a) && NUMBER.test(b)) {
    const exact = !/e/i.test(a + b);
    if (exact && normalizeDecimal(a) === normalizeDecimal(b)) return true;
    const x = Number(a);
    const y = Number(b);
    return Math.abs(x - y) <= relTol * Math.max(Math.abs(x), Math.abs(y), 1e-300);
  }
  if ((a === 'NaN' || a === 'nan') && (b === 'NaN' || b === 'nan')) return true;
  return false;
}

function normalizeDecimal(s: string): string {
  let t = s.startsWith('-') ? s.slice(1) : s;
  const neg = s.startsWith('-');
  if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
  t = t.replace(/^0+(?=\d)/, '');
  return t === '0' ? '0' : `${neg ? '-' : ''}${t}`;
}

function rowKey(r: Row): string {
  return JSON.stringify(r.map((v) => (v !== null && NUMBER.test(v) ? Number(v).toPrecision(12) : v)));
}

/** A description of the first difference between two results, or null when they agree. */
export function diffRows(actual: Row[], expected: Row[], ordered: boolean): string | null {
  if (actual.length !== expected.length) return `row count ${actual.length} != expected ${expected.length}`;
  const a = ordered ? actual : [...actual].sort((x, y) => rowKey(x).localeCompare(rowKey(y)));
  const e = ordered ? expected : [...expected].sort((x, y) => rowKey(x).localeCompare(rowKey(y)));
  for (let i = 0; i < a.length; i++) {
    const ra = a[i]!;
    const re = e[i]!;
    if (ra.length !== re.length) return `row ${i}: ${ra.length} columns != expected ${re.length}`;
    for (let c = 0; c < ra.length; c++) {
      if (!sameValue(ra[c]!, re[c]!)) return `row ${i} column ${c}: ${JSON.stringify(ra[c])} != expected ${JSON.stringify(re[c])}\n  actual:   ${JSON.stringify(ra)}\n  expected: ${JSON.stringify(re)}`;
    }
  }
  return null;
}
