/**
 * The eight TPC-H tables: column names and kinds, the Arrow schema of each, base cardinalities and
 * how a table is split into row ranges (dbgen's chunk arithmetic).
 */
import { DateDay, Decimal, Field, Int32, Int64, Schema, Utf8, type DataType } from 'apache-arrow';

/** Names of the eight tables, in dbgen's generation order. */
export const TPCH_TABLES = [
  'region',
  'nation',
  'supplier',
  'customer',
  'part',
  'partsupp',
  'orders',
  'lineitem',
] as const;
export type TpchTable = (typeof TPCH_TABLES)[number];

/**
 * Physical kind of a column. `int64` and `decimal` are stored as little-endian uint32 words (2 and 4
 * per value), `int32`/`date` as Int32Array, `utf8` as offsets + bytes. `quantity` is a decimal that
 * dbgen prints as a whole number.
 */
export type ColumnKind = 'int32' | 'int64' | 'decimal' | 'quantity' | 'date' | 'utf8';

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Nearly every value differs, so Parquet dictionary encoding would only cost time. */
  readonly distinct?: true;
}

const col = (name: string, kind: ColumnKind): ColumnSpec => ({ name, kind });
const distinct = (name: string, kind: ColumnKind): ColumnSpec => ({ name, kind, distinct: true });

/** Columns of every table, in TPC-H order. */
export const COLUMNS: Record<TpchTable, readonly ColumnSpec[]> = {
  region: [col('r_regionkey', 'int32'), col('r_name', 'utf8'), distinct('r_comment', 'utf8')],
  nation: [
    col('n_nationkey', 'int32'),
    col('n_name', 'utf8'),
    col('n_regionkey', 'int32'),
    distinct('n_comment', 'utf8'),
  ],
  supplier: [
    distinct('s_suppkey', 'int64'),
    distinct('s_name', 'utf8'),
    distinct('s_address', 'utf8'),
    col('s_nationkey', 'int32'),
    distinct('s_phone', 'utf8'),
    distinct('s_acctbal', 'decimal'),
    distinct('s_comment', 'utf8'),
  ],
  customer: [
    distinct('c_custkey', 'int64'),
    distinct('c_name', 'utf8'),
    distinct('c_address', 'utf8'),
    col('c_nationkey', 'int32'),
    distinct('c_phone', 'utf8'),
    distinct('c_acctbal', 'decimal'),
    col('c_mktsegment', 'utf8'),
    distinct('c_comment', 'utf8'),
  ],
  part: [
    distinct('p_partkey', 'int64'),
    distinct('p_name', 'utf8'),
    col('p_mfgr', 'utf8'),
    col('p_brand', 'utf8'),
    col('p_type', 'utf8'),
    col('p_size', 'int32'),
    col('p_container', 'utf8'),
    col('p_retailprice', 'decimal'),
    distinct('p_comment', 'utf8'),
  ],
  partsupp: [
    col('ps_partkey', 'int64'),
    col('ps_suppkey', 'int64'),
    col('ps_availqty', 'int64'),
    distinct('ps_supplycost', 'decimal'),
    distinct('ps_comment', 'utf8'),
  ],
  orders: [
    distinct('o_orderkey', 'int64'),
    col('o_custkey', 'int64'),
    col('o_orderstatus', 'utf8'),
    distinct('o_totalprice', 'decimal'),
    col('o_orderdate', 'date'),
    col('o_orderpriority', 'utf8'),
    col('o_clerk', 'utf8'),
    col('o_shippriority', 'int32'),
    distinct('o_comment', 'utf8'),
  ],
  lineitem: [
    col('l_orderkey', 'int64'),
    distinct('l_partkey', 'int64'),
    distinct('l_suppkey', 'int64'),
    col('l_linenumber', 'int64'),
    col('l_quantity', 'quantity'),
    distinct('l_extendedprice', 'decimal'),
    col('l_discount', 'decimal'),
    col('l_tax', 'decimal'),
    col('l_returnflag', 'utf8'),
    col('l_linestatus', 'utf8'),
    col('l_shipdate', 'date'),
    col('l_commitdate', 'date'),
    col('l_receiptdate', 'date'),
    col('l_shipinstruct', 'utf8'),
    col('l_shipmode', 'utf8'),
    distinct('l_comment', 'utf8'),
  ],
};

function arrowType(kind: ColumnKind): DataType {
  switch (kind) {
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'decimal':
    case 'quantity':
      return new Decimal(2, 15, 128);
    case 'date':
      return new DateDay();
    case 'utf8':
      return new Utf8();
  }
}

/** Arrow schema of a table (no nullable columns). */
export function tpchSchema(table: TpchTable): Schema {
  return new Schema(COLUMNS[table].map((c) => new Field(c.name, arrowType(c.kind), false)));
}

/** Rows per unit of scale factor; `lineitem` is split by order, so its base is the orders base. */
const SCALE_BASE: Record<TpchTable, number> = {
  region: 5,
  nation: 25,
  supplier: 10_000,
  customer: 150_000,
  part: 200_000,
  partsupp: 200_000,
  orders: 1_500_000,
  lineitem: 1_500_000,
};

/**
 * Number of generator units of a table at a scale factor: rows, except for `partsupp` (parts, 4
 * rows each) and `lineitem` (orders, 1 to 7 rows each). Nation and region do not scale.
 */
function unitCount(table: TpchTable, sf: number): number {
  if (table === 'nation' || table === 'region') return SCALE_BASE[table];
  return Math.trunc(SCALE_BASE[table] * sf);
}

/** A half-open range of generator units [start, start + count). */
export interface UnitRange {
  readonly start: number;
  readonly count: number;
}

/** dbgen's chunk k (1-based) of n: equal parts, the last one takes the remainder. */
export function chunkRange(table: TpchTable, sf: number, chunk: number, chunks: number): UnitRange {
  if (!Number.isInteger(chunks) || chunks < 1 || !Number.isInteger(chunk) || chunk < 1 || chunk > chunks) {
    throw new RangeError(`chunk ${chunk} of ${chunks} is not a valid chunk`);
  }
  const total = unitCount(table, sf);
  const per = Math.floor(total / chunks);
  const start = per * (chunk - 1);
  return { start, count: chunk === chunks ? total - start : per };
}
