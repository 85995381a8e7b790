/**
 * Result rendering for the CLI and `DataFrame.show()`: a boxed text table, RFC 4180 CSV with a
 * header, or JSON with one object per line.
 */
import type * as arrow from 'apache-arrow';
import { fromArrowType } from '@quiver/common';
import { columnJsonValues, columnText } from './values.js';

export type OutputFormat = 'table' | 'csv' | 'json';

/** Per column: its name and the text of its values over all batches. */
function textColumns(table: arrow.Table): Array<{ name: string; values: Array<string | null>; numeric: boolean }> {
  return table.schema.fields.map((field, c) => {
    const type = fromArrowType(field.type);
    const values = table.batches.flatMap((b) => columnText(b.data.children[c]!, type));
    const numeric = ['Int8', 'Int16', 'Int32', 'Int64', 'Float32', 'Float64', 'Decimal128'].includes(type.kind);
    return { name: field.name, values, numeric };
  });
}

export function renderTable(table: arrow.Table, maxRows = Infinity): string {
  const cols = textColumns(table);
  const shown = Math.min(table.numRows, maxRows);
  // A cell may span several lines (EXPLAIN plans); widths and rows are measured per line.
  const cellLines = (v: string | null) => (v ?? 'NULL').split('\n');
  const widths = cols.map((c) => Math.max(c.name.length, ...c.values.slice(0, shown).flatMap((v) => cellLines(v).map((l) => l.length))));
  const line = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  const row = (cells: string[], numeric: boolean[]) =>
    `│${cells.map((cell, i) => ` ${numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)} `).join('│')}│`;
  const out = [line('┌', '┬', '┐'), row(cols.map((c) => c.name), cols.map(() => false)), line('├', '┼', '┤')];
  for (let r = 0; r < shown; r++) {
    const cells = cols.map((c) => cellLines(c.values[r] ?? null));
    const height = Math.max(...cells.map((c) => c.length));
    for (let l = 0; l < height; l++) out.push(row(cells.map((c) => c[l] ?? ''), cols.map((c) => c.numeric)));
  }
  out.push(line('└', '┴', '┘'));
  const more = table.numRows > shown ? ` (${shown} shown)` : '';
  out.push(`${table.numRows} row${table.numRows === 1 ? '' : 's'}${more}`);
  return out.join('\n');
}

function csvField(v: string | null): string {
  if (v === null) return '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** RFC 4180 CSV, CRLF line ends; the first line names the columns unless `header` is false. */
export function renderCsv(table: arrow.Table, header = true): string {
  const cols = textColumns(table);
  const lines = header ? [cols.map((c) => csvField(c.name)).join(',')] : [];
  for (let r = 0; r < table.numRows; r++) lines.push(cols.map((c) => csvField(c.values[r] ?? null)).join(','));
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

export function renderJson(table: arrow.Table): string {
  const cols = table.schema.fields.map((field, c) => ({
    name: field.name,
    values: table.batches.flatMap((b) => columnJsonValues(b.data.children[c]!, fromArrowType(field.type))),
  }));
  const lines: string[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const obj: Record<string, unknown> = {};
    for (const c of cols) obj[c.name] = c.values[r];
    lines.push(JSON.stringify(obj));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function render(table: arrow.Table, format: OutputFormat): string {
  if (format === 'csv') return renderCsv(table);
  if (format === 'json') return renderJson(table);
  return renderTable(table);
}
