/**
 * Test fixtures: an in-memory `TableResolver` over plain schemas (the TPC-H tables and a few small
 * ones) and a `FunctionProvider` of stub functions that type-check but cannot run (planning never runs them).
 */
import { DataTypes, Field, QuiverError, Schema, typeToString, type DataType } from '@quiver/common';
import type { AggregateFunction, FunctionProvider, LogicalPlan, ScalarFunction, TableResolver, TableSource } from '@quiver/planner';

type Columns = Record<string, DataType>;

const money = DataTypes.decimal(15, 2);
const { int32: int, int64: bigint, utf8: text, date32: date } = DataTypes;

export const TPCH_TABLES: Record<string, Columns> = {
  nation: { n_nationkey: int, n_name: text, n_regionkey: int, n_comment: text },
  region: { r_regionkey: int, r_name: text, r_comment: text },
  part: { p_partkey: bigint, p_name: text, p_mfgr: text, p_brand: text, p_type: text, p_size: int, p_container: text, p_retailprice: money, p_comment: text },
  supplier: { s_suppkey: bigint, s_name: text, s_address: text, s_nationkey: int, s_phone: text, s_acctbal: money, s_comment: text },
  partsupp: { ps_partkey: bigint, ps_suppkey: bigint, ps_availqty: int, ps_supplycost: money, ps_comment: text },
  customer: { c_custkey: bigint, c_name: text, c_address: text, c_nationkey: int, c_phone: text, c_acctbal: money, c_mktsegment: text, c_comment: text },
  orders: { o_orderkey: bigint, o_custkey: bigint, o_orderstatus: text, o_totalprice: money, o_orderdate: date, o_orderpriority: text, o_clerk: text, o_shippriority: int, o_comment: text },
  lineitem: {
    l_orderkey: bigint, l_partkey: bigint, l_suppkey: bigint, l_linenumber: int, l_quantity: money, l_extendedprice: money, l_discount: money, l_tax: money,
    l_returnflag: text, l_linestatus: text, l_shipdate: date, l_commitdate: date, l_receiptdate: date, l_shipinstruct: text, l_shipmode: text, l_comment: text,
  },
};

export const SMALL_TABLES: Record<string, Columns> = {
  emp: { id: int, name: text, dept_id: int, salary: money, hired: date },
  dept: { id: int, name: text, budget: bigint },
  "Mixed Case": { "Col": int },
};

export class TestCatalog implements TableResolver {
  readonly views = new Map<string, LogicalPlan>();
  private readonly sources = new Map<string, TableSource>();

  constructor(tables: Record<string, Columns>) {
    for (const [name, cols] of Object.entries(tables)) {
      this.sources.set(name, { schema: new Schema(Object.entries(cols).map(([c, t]) => new Field(c, t, false))) });
    }
  }

  table(name: string): TableSource | undefined {
    return this.sources.get(name);
  }
  view(name: string): LogicalPlan | undefined {
    return this.views.get(name);
  }
  tableNames(): Iterable<string> {
    return [...this.sources.keys(), ...this.views.keys()];
  }
}

function notRunnable(name: string): never {
  throw new QuiverError('INTERNAL', `${name} is a planning stub`);
}

function numericResult(name: string, t: DataType): DataType {
  if (t.kind === 'Decimal128') return DataTypes.decimal(38, t.scale);
  if (t.kind === 'Int8' || t.kind === 'Int16' || t.kind === 'Int32' || t.kind === 'Int64') return DataTypes.int64;
  if (t.kind === 'Float32' || t.kind === 'Float64' || t.kind === 'Null') return DataTypes.float64;
  throw new QuiverError('TYPE', `${name} does not accept ${typeToString(t)}`);
}

function aggregate(name: string, returnType: (args: readonly DataType[]) => DataType): AggregateFunction {
  return {
    name,
    coerceArgs: (args) => {
      returnType(args);
      return [...args];
    },
    returnType,
    createAccumulator: () => notRunnable(name),
  };
}

function scalar(name: string, accepts: readonly (DataType['kind'] | '*')[], returnType: DataType): ScalarFunction {
  return {
    name,
    volatility: 'immutable',
    coerceArgs: (args) => {
      if (args.length < accepts.length - 1 || args.length > accepts.length) throw new QuiverError('TYPE', `${name} takes ${accepts.length} arguments, got ${args.length}`);
      args.forEach((t, i) => {
        const want = accepts[i];
        if (want !== '*' && t.kind !== want && t.kind !== 'Null') throw new QuiverError('TYPE', `${name} does not accept ${typeToString(t)} as argument ${i + 1}`);
      });
      return [...args];
    },
    returnType: () => returnType,
    invoke: () => notRunnable(name),
  };
}

const AGGREGATES: AggregateFunction[] = [
  aggregate('sum', (a) => numericResult('sum', a[0] ?? DataTypes.null)),
  aggregate('avg', (a) => (numericResult('avg', a[0] ?? DataTypes.null).kind === 'Decimal128' ? DataTypes.decimal(38, 6) : DataTypes.float64)),
  aggregate('count', () => DataTypes.int64),
  aggregate('min', (a) => a[0] ?? DataTypes.null),
  aggregate('max', (a) => a[0] ?? DataTypes.null),
  aggregate('grouping', () => DataTypes.int32),
];

const SCALARS: ScalarFunction[] = [
  scalar('upper', ['Utf8'], DataTypes.utf8),
  scalar('date_part', ['Utf8', '*'], DataTypes.int64),
  scalar('substring', ['Utf8', 'Int32', 'Int32'], DataTypes.utf8),
  scalar('trim', ['Utf8', 'Utf8'], DataTypes.utf8),
  scalar('ltrim', ['Utf8', 'Utf8'], DataTypes.utf8),
  scalar('rtrim', ['Utf8', 'Utf8'], DataTypes.utf8),
  scalar('regexp_like', ['Utf8', 'Utf8', 'Utf8'], DataTypes.boolean),
  scalar('overlay', ['Utf8', 'Utf8', 'Int32', 'Int32'], DataTypes.utf8),
];

export const stubFunctions: FunctionProvider = {
  scalarFunction: (name) => SCALARS.find((f) => f.name === name),
  aggregateFunction: (name) => AGGREGATES.find((f) => f.name === name),
  functionNames: () => [...SCALARS, ...AGGREGATES].map((f) => f.name),
};
