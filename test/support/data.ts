/**
 * Deterministic test tables with the awkward values real data has: NULLs, negative numbers, empty
 * strings, decimals and dates. The same rows are loaded into Quiver (as Arrow) and DuckDB (as SQL).
 */
import * as arrow from 'apache-arrow';

export interface TestColumn {
  readonly name: string;
  /** DuckDB type name, which also decides the Arrow type. */
  readonly sqlType: 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'DECIMAL(12,2)' | 'VARCHAR' | 'DATE' | 'BOOLEAN';
  readonly values: ReadonlyArray<number | bigint | string | boolean | null>;
}

export interface TestTable {
  readonly name: string;
  readonly columns: readonly TestColumn[];
}

/** Park–Miller generator, so the data is the same on every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

const WORDS = ['apple', 'Banana', '', 'cherry', 'date', 'élan', 'fig', 'grape', 'a%b', 'x_y'];

export function makeTestTables(rows = 2000): TestTable[] {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const maybe = <T>(v: T, nullRate = 0.1): T | null => (r() < nullRate ? null : v);
  const t: TestColumn[] = [
    { name: 'id', sqlType: 'BIGINT', values: Array.from({ length: rows }, (_, i) => BigInt(i + 1)) },
    { name: 'i', sqlType: 'INTEGER', values: Array.from({ length: rows }, () => maybe(Math.floor(r() * 2001) - 1000)) },
    { name: 'd', sqlType: 'DECIMAL(12,2)', values: Array.from({ length: rows }, () => maybe(`${(Math.floor(r() * 2_000_000) - 1_000_000) / 100}`)) },
    { name: 'f', sqlType: 'DOUBLE', values: Array.from({ length: rows }, () => maybe(Math.round((r() * 200 - 100) * 1000) / 1000)) },
    { name: 's', sqlType: 'VARCHAR', values: Array.from({ length: rows }, () => maybe(pick(WORDS))) },
    { name: 'g', sqlType: 'VARCHAR', values: Array.from({ length: rows }, () => maybe(pick(['a', 'b', 'c', 'd']), 0.05)) },
    { name: 'dt', sqlType: 'DATE', values: Array.from({ length: rows }, () => maybe(8000 + Math.floor(r() * 3000))) },
    { name: 'b', sqlType: 'BOOLEAN', values: Array.from({ length: rows }, () => maybe(r() < 0.5)) },
  ];
  const uRows = Math.floor(rows / 4);
  const u: TestColumn[] = [
    { name: 'uid', sqlType: 'BIGINT', values: Array.from({ length: uRows }, () => maybe(BigInt(Math.floor(r() * rows * 1.2)), 0.05)) },
    { name: 'k', sqlType: 'INTEGER', values: Array.from({ length: uRows }, () => maybe(Math.floor(r() * 20) - 10)) },
    { name: 'name', sqlType: 'VARCHAR', values: Array.from({ length: uRows }, (_, i) => maybe(`n${i % 97}`)) },
    { name: 'amount', sqlType: 'DECIMAL(12,2)', values: Array.from({ length: uRows }, () => maybe(`${Math.floor(r() * 100000) / 100}`)) },
  ];
  return [
    { name: 't', columns: t },
    { name: 'u', columns: u },
  ];
}

function decimalData(values: ReadonlyArray<unknown>, precision: number, scale: number): arrow.Data {
  const words = new Uint32Array(values.length * 4);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null) {
      nulls++;
      return;
    }
    validity[i >> 3]! |= 1 << (i & 7);
    const [whole, frac = ''] = String(v).split('.');
    let unscaled = BigInt(`${whole}${frac.padEnd(scale, '0')}`.replace('-', '')) * (String(v).startsWith('-') ? -1n : 1n);
    unscaled = BigInt.asUintN(128, unscaled);
    for (let w = 0; w < 4; w++) words[i * 4 + w] = Number((unscaled >> BigInt(32 * w)) & 0xffffffffn);
  });
  return arrow.makeData({ type: new arrow.Decimal(scale, precision, 128), length: values.length, nullCount: nulls, nullBitmap: validity, data: words });
}

function arrowColumn(c: TestColumn): arrow.Data {
  switch (c.sqlType) {
    case 'BIGINT': return arrow.vectorFromArray(c.values as (bigint | null)[], new arrow.Int64()).data[0]!;
    case 'INTEGER': return arrow.vectorFromArray(c.values as (number | null)[], new arrow.Int32()).data[0]!;
    case 'DOUBLE': return arrow.vectorFromArray(c.values as (number | null)[], new arrow.Float64()).data[0]!;
    case 'VARCHAR': return arrow.vectorFromArray(c.values as (string | null)[], new arrow.Utf8()).data[0]!;
    case 'BOOLEAN': return arrow.vectorFromArray(c.values as (boolean | null)[], new arrow.Bool()).data[0]!;
    case 'DATE': {
      const days = c.values as (number | null)[];
      const validity = new Uint8Array(Math.ceil(days.length / 8));
      days.forEach((v, i) => { if (v !== null) validity[i >> 3]! |= 1 << (i & 7); });
      const nulls = days.filter((v) => v === null).length;
      return arrow.makeData({ type: new arrow.DateDay(), length: days.length, nullCount: nulls, nullBitmap: validity, data: Int32Array.from(days, (v) => v ?? 0) });
    }
    case 'DECIMAL(12,2)': return decimalData(c.values, 12, 2);
  }
}

export function toArrowTable(t: TestTable): arrow.Table {
  const data = t.columns.map(arrowColumn);
  const fields = t.columns.map((c, i) => new arrow.Field(c.name, data[i]!.type, true));
  const schema = new arrow.Schema(fields);
  const struct = arrow.makeData({ type: new arrow.Struct(fields), length: data[0]!.length, nullCount: 0, children: data });
  return new arrow.Table([new arrow.RecordBatch(schema, struct)]);
}

function sqlLiteral(c: TestColumn, v: unknown): string {
  if (v === null) return 'NULL';
  if (c.sqlType === 'VARCHAR') return `'${String(v).replace(/'/g, "''")}'`;
  if (c.sqlType === 'DATE') return `DATE '${new Date((v as number) * 86_400_000).toISOString().slice(0, 10)}'`;
  return String(v);
}

/** CREATE TABLE and INSERT statements for DuckDB. */
export function toDuckDbSql(t: TestTable): string[] {
  const n = t.columns[0]!.values.length;
  const out = [`CREATE TABLE ${t.name} (${t.columns.map((c) => `${c.name} ${c.sqlType}`).join(', ')})`];
  for (let start = 0; start < n; start += 500) {
    const rows: string[] = [];
    for (let i = start; i < Math.min(n, start + 500); i++) rows.push(`(${t.columns.map((c) => sqlLiteral(c, c.values[i])).join(', ')})`);
    out.push(`INSERT INTO ${t.name} VALUES ${rows.join(', ')}`);
  }
  return out;
}
