/**
 * TPC-H tables with the statistics of scale factor 1 as the specification defines the data (row
 * counts, key ranges, distinct counts, date ranges), but no rows: for plan tests that need no data.
 */
import { Schema, type DataType, type ScalarValue } from 'quiver';
import { planner } from 'quiver';
import { TPCH_TABLES, tpchSchema, type TpchTable } from '../../tpch/src/schema.js';

type Stat = { ndv: number; min?: number | string; max?: number | string };

const ROWS: Record<TpchTable, number> = {
  region: 5,
  nation: 25,
  supplier: 10_000,
  customer: 150_000,
  part: 200_000,
  partsupp: 800_000,
  orders: 1_500_000,
  lineitem: 6_001_215,
};

const STATS: Record<TpchTable, Record<string, Stat>> = {
  region: { r_regionkey: { ndv: 5, min: 0, max: 4 }, r_name: { ndv: 5 } },
  nation: { n_nationkey: { ndv: 25, min: 0, max: 24 }, n_name: { ndv: 25 }, n_regionkey: { ndv: 5, min: 0, max: 4 } },
  supplier: {
    s_suppkey: { ndv: 10_000, min: 1, max: 10_000 },
    s_name: { ndv: 10_000 },
    s_nationkey: { ndv: 25, min: 0, max: 24 },
    s_acctbal: { ndv: 9_955, min: -999.99, max: 9_999.99 },
  },
  customer: {
    c_custkey: { ndv: 150_000, min: 1, max: 150_000 },
    c_nationkey: { ndv: 25, min: 0, max: 24 },
    c_phone: { ndv: 150_000 },
    c_acctbal: { ndv: 140_187, min: -999.99, max: 9_999.99 },
    c_mktsegment: { ndv: 5 },
  },
  part: {
    p_partkey: { ndv: 200_000, min: 1, max: 200_000 },
    p_name: { ndv: 199_997 },
    p_mfgr: { ndv: 5 },
    p_brand: { ndv: 25 },
    p_type: { ndv: 150 },
    p_size: { ndv: 50, min: 1, max: 50 },
    p_container: { ndv: 40 },
    p_retailprice: { ndv: 20_899, min: 901, max: 2_098.99 },
  },
  partsupp: {
    ps_partkey: { ndv: 200_000, min: 1, max: 200_000 },
    ps_suppkey: { ndv: 10_000, min: 1, max: 10_000 },
    ps_availqty: { ndv: 9_999, min: 1, max: 9_999 },
    ps_supplycost: { ndv: 99_865, min: 1, max: 1_000 },
  },
  orders: {
    o_orderkey: { ndv: 1_500_000, min: 1, max: 6_000_000 },
    o_custkey: { ndv: 99_996, min: 1, max: 149_999 },
    o_orderstatus: { ndv: 3 },
    o_totalprice: { ndv: 1_464_556, min: 857.71, max: 555_285.16 },
    o_orderdate: { ndv: 2_406, min: '1992-01-01', max: '1998-08-02' },
    o_orderpriority: { ndv: 5 },
    o_clerk: { ndv: 1_000 },
    o_shippriority: { ndv: 1, min: 0, max: 0 },
  },
  lineitem: {
    l_orderkey: { ndv: 1_500_000, min: 1, max: 6_000_000 },
    l_partkey: { ndv: 200_000, min: 1, max: 200_000 },
    l_suppkey: { ndv: 10_000, min: 1, max: 10_000 },
    l_linenumber: { ndv: 7, min: 1, max: 7 },
    l_quantity: { ndv: 50, min: 1, max: 50 },
    l_extendedprice: { ndv: 933_900, min: 901, max: 104_949.5 },
    l_discount: { ndv: 11, min: 0, max: 0.1 },
    l_tax: { ndv: 9, min: 0, max: 0.08 },
    l_returnflag: { ndv: 3 },
    l_linestatus: { ndv: 2 },
    l_shipdate: { ndv: 2_526, min: '1992-01-02', max: '1998-12-01' },
    l_commitdate: { ndv: 2_466, min: '1992-01-31', max: '1998-10-31' },
    l_receiptdate: { ndv: 2_555, min: '1992-01-03', max: '1998-12-31' },
    l_shipinstruct: { ndv: 4 },
    l_shipmode: { ndv: 7 },
  },
};

function scalar(type: DataType, v: number | string): ScalarValue {
  switch (type.kind) {
    case 'Date32':
      return { type, value: Date.parse(v as string) / 86_400_000 };
    case 'Decimal128':
      return { type, value: BigInt(Math.round((v as number) * 10 ** type.scale)) };
    case 'Int64':
      return { type, value: BigInt(v) };
    default:
      return { type, value: v };
  }
}

/** A table source with `table`'s schema and SF 1 statistics; it cannot be scanned. */
export function tpchStatisticsTable(table: TpchTable): planner.TableSource & { scan(): never } {
  const schema = Schema.fromArrow(tpchSchema(table));
  const rows = ROWS[table];
  const columns = schema.fields.map((f): planner.ColumnStatistics => {
    const s = STATS[table][f.name];
    return {
      nullCount: planner.exact(0),
      min: s?.min === undefined ? planner.ABSENT : planner.exact(scalar(f.type, s.min)),
      max: s?.max === undefined ? planner.ABSENT : planner.exact(scalar(f.type, s.max)),
      distinctCount: s ? planner.estimated(s.ndv) : planner.ABSENT,
      avgWidth: planner.ABSENT,
    };
  });
  return {
    schema,
    statistics: () => ({ rowCount: planner.exact(rows), columns }),
    scan: () => {
      throw new Error(`${table}: a statistics-only table has no rows to scan`);
    },
  };
}

export { TPCH_TABLES };
