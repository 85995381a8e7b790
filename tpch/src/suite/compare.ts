/**
 * Answer comparison: results of Quiver and DuckDB rendered as rows of text and compared value by
 * value (decimals exactly, floats within a relative tolerance, dates and strings exactly, row order
 * only where the query orders). The one copy used by the `tpch` commands and the cross-engine tests.
 */
import { DuckDBTypeId, type DuckDBResultReader } from '@duckdb/node-api';
import { Type, type Table } from 'apache-arrow';
import { columnText, fromArrowType } from 'quiver';

/** One result row, each value as text (NULL as null). */
export type Row = Array<string | null>;

/** The rows of a Quiver result, each value rendered as Quiver prints it. */
export function quiverRows(table: Table): Row[] {
  const columns = table.schema.fields.map((f, c) => table.batches.flatMap((b) => columnText(b.data.children[c]!, fromArrowType(f.type))));
  return Array.from({ length: table.numRows }, (_, r) => columns.map((col) => col[r] ?? null));
}

/** The rows of a DuckDB result, each value as DuckDB's text form. */
export function duckDbReaderRows(reader: DuckDBResultReader): Row[] {
  return reader.getRows().map((row) => row.map((v) => (v === null ? null : String(v))));
}

/** The relative tolerance floats are compared with; everything else compares exactly. */
export const FLOAT_TOLERANCE = 1e-9;

/** Per column of a Quiver result: FLOAT_TOLERANCE for floating-point columns, else 0 (exact). */
export function quiverTolerances(table: Table): number[] {
  return table.schema.fields.map((f) => (f.type.typeId === Type.Float ? FLOAT_TOLERANCE : 0));
}

/** Per column of a DuckDB result: FLOAT_TOLERANCE for FLOAT and DOUBLE columns, else 0 (exact). */
export function duckDbTolerances(reader: DuckDBResultReader): number[] {
  return reader.columnTypes().map((t) => (t.typeId === DuckDBTypeId.DOUBLE || t.typeId === DuckDBTypeId.FLOAT ? FLOAT_TOLERANCE : 0));
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Whether two rendered values are the same value: numbers numerically — decimals exactly whatever
 * their trailing zeros, within `relTol` (relative) when not equal as decimals — the rest as text.
 */
export function sameValue(a: string | null, b: string | null, relTol = FLOAT_TOLERANCE): boolean {
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

/**
 * A description of the first difference between two results, or null when they agree. `tolerances`
 * gives each column's relative tolerance (0: exact); without it every number gets FLOAT_TOLERANCE.
 */
export function diffRows(actual: Row[], expected: Row[], ordered: boolean, tolerances?: readonly number[]): string | null {
  if (actual.length !== expected.length) return `row count ${actual.length} != expected ${expected.length}`;
  const a = ordered ? actual : [...actual].sort((x, y) => rowKey(x).localeCompare(rowKey(y)));
  const e = ordered ? expected : [...expected].sort((x, y) => rowKey(x).localeCompare(rowKey(y)));
  for (let i = 0; i < a.length; i++) {
    const ra = a[i]!;
    const re = e[i]!;
    if (ra.length !== re.length) return `row ${i}: ${ra.length} columns != expected ${re.length}`;
    for (let c = 0; c < ra.length; c++) {
      if (!sameValue(ra[c]!, re[c]!, tolerances?.[c] ?? FLOAT_TOLERANCE)) return `row ${i} column ${c}: ${JSON.stringify(ra[c])} != expected ${JSON.stringify(re[c])}\n  actual:   ${JSON.stringify(ra)}\n  expected: ${JSON.stringify(re)}`;
    }
  }
  return null;
}
