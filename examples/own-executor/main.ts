/**
 * Example: use Quiver's front half only. `@quiver/sql` turns SQL into a logical plan,
 * `@quiver/planner` coerces types, `@quiver/optimizer` rewrites it — and a tiny row-at-a-time
 * interpreter written here (not Quiver's executor; no `@quiver/exec`) runs the result over plain
 * JavaScript arrays. Functions are declared to the planner through a `FunctionProvider`.
 *
 *   node examples/dist/own-executor/main.js ["SELECT ..."]
 */
import { fileURLToPath } from 'node:url';
import { DataTypes, Field, QuiverError, Schema, makeConfig, type DataType, type ScalarValue } from '@quiver/common';
import {
  coercePlan,
  planToString,
  unalias,
  type AggregateFunction,
  type Expr,
  type FunctionProvider,
  type LogicalPlan,
  type ScalarFunction,
  type TableResolver,
  type TableSource,
} from '@quiver/planner';
import { initSql, SqlPlanner } from '@quiver/sql';
import { Optimizer } from '@quiver/optimizer';

type Value = number | string | boolean | null;
type Row = Value[];

/** The data: tables as arrays of rows, with their schemas. */
const CITIES: Row[] = [
  ['Lyon', 'FR', 522],
  ['Paris', 'FR', 2103],
  ['Porto', 'PT', 232],
  ['Lisbon', 'PT', 545],
  ['Turin', 'IT', 848],
];
const COUNTRIES: Row[] = [
  ['FR', 'France'],
  ['PT', 'Portugal'],
  ['IT', 'Italy'],
];
const tables = new Map<string, { source: TableSource; rows: Row[] }>([
  ['cities', { source: { schema: schema({ name: DataTypes.utf8, country: DataTypes.utf8, population_k: DataTypes.int32 }) }, rows: CITIES }],
  ['countries', { source: { schema: schema({ code: DataTypes.utf8, country_name: DataTypes.utf8 }) }, rows: COUNTRIES }],
]);

function schema(columns: Record<string, DataType>): Schema {
  return new Schema(Object.entries(columns).map(([n, t]) => new Field(n, t, false)));
}

const resolver: TableResolver = { table: (name) => tables.get(name)?.source, tableNames: () => tables.keys() };

// ---- functions: the planner needs names, signatures and return types; evaluation is ours --------

const same = (ts: readonly DataType[]) => [...ts];
const aggregate = (name: string, returnType: (ts: readonly DataType[]) => DataType): AggregateFunction => ({
  name,
  coerceArgs: same,
  returnType,
  createAccumulator: () => {
    throw new QuiverError('NOT_IMPLEMENTED', 'this engine aggregates on its own');
  },
});
const scalar = (name: string, returnType: DataType): ScalarFunction => ({
  name,
  volatility: 'immutable',
  coerceArgs: same,
  returnType: () => returnType,
  invoke: () => {
    throw new QuiverError('NOT_IMPLEMENTED', 'this engine evaluates functions on its own');
  },
});
const AGGREGATES = new Map([
  ['count', aggregate('count', () => DataTypes.int64)],
  ['sum', aggregate('sum', () => DataTypes.int64)],
  ['min', aggregate('min', (ts) => ts[0]!)],
  ['max', aggregate('max', (ts) => ts[0]!)],
]);
const SCALARS = new Map([
  ['upper', scalar('upper', DataTypes.utf8)],
  ['length', scalar('length', DataTypes.int32)],
]);
const functions: FunctionProvider = {
  aggregateFunction: (n) => AGGREGATES.get(n),
  scalarFunction: (n) => SCALARS.get(n),
  functionNames: () => [...AGGREGATES.keys(), ...SCALARS.keys()],
};

// ---- the interpreter ----------------------------------------------------------------------------

function literal(v: ScalarValue): Value {
  const raw = v.value;
  if (raw === null || typeof raw === 'string' || typeof raw === 'boolean' || typeof raw === 'number') return raw;
  if (typeof raw === 'bigint') return v.type.kind === 'Decimal128' ? Number(raw) / 10 ** v.type.scale : Number(raw);
  throw new QuiverError('NOT_IMPLEMENTED', `literal of type ${v.type.kind}`);
}

function evalExpr(e: Expr, s: Schema, row: Row): Value {
  switch (e.kind) {
    case 'column':
      return row[s.resolve(e.name, e.qualifier)]!;
    case 'literal':
      return literal(e.value);
    case 'alias':
      return evalExpr(e.expr, s, row);
    case 'cast': {
      const v = evalExpr(e.expr, s, row);
      return v === null ? null : e.type.kind === 'Utf8' ? String(v) : Number(v);
    }
    case 'unary': {
      const v = evalExpr(e.expr, s, row);
      if (e.op === 'IS NULL') return v === null;
      if (e.op === 'IS NOT NULL') return v !== null;
      if (v === null) return null;
      return e.op === 'NOT' ? !v : e.op === '-' ? -(v as number) : null;
    }
    case 'binary': {
      const l = evalExpr(e.left, s, row);
      if (e.op === 'AND' && l === false) return false;
      if (e.op === 'OR' && l === true) return true;
      const r = evalExpr(e.right, s, row);
      if (e.op === 'AND') return r === false ? false : l === null || r === null ? null : true;
      if (e.op === 'OR') return r === true ? true : l === null || r === null ? null : false;
      if (l === null || r === null) return null;
      const [a, b] = [l as number, r as number];
      switch (e.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return b === 0 ? null : Math.trunc(a / b);
        case '=': return l === r;
        case '<>': return l !== r;
        case '<': return l < r;
        case '<=': return l <= r;
        case '>': return l > r;
        case '>=': return l >= r;
        default: throw new QuiverError('NOT_IMPLEMENTED', `operator ${e.op}`);
      }
    }
    case 'scalarFunction': {
      const [v] = e.args.map((a) => evalExpr(a, s, row));
      if (v === null || v === undefined) return null;
      return e.func.name === 'upper' ? String(v).toUpperCase() : String(v).length;
    }
    default:
      throw new QuiverError('NOT_IMPLEMENTED', `this tiny engine does not evaluate ${e.kind} expressions`);
  }
}

function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function execute(plan: LogicalPlan): Row[] {
  switch (plan.kind) {
    case 'tableScan': {
      const rows = tables.get(plan.tableName)!.rows;
      return plan.projection === null ? rows : rows.map((r) => plan.projection!.map((i) => r[i]!));
    }
    case 'filter':
      return execute(plan.input).filter((r) => evalExpr(plan.predicate, plan.input.schema, r) === true);
    case 'projection':
      return execute(plan.input).map((r) => plan.exprs.map((e) => evalExpr(e, plan.input.schema, r)));
    case 'subqueryAlias':
      return execute(plan.input);
    case 'limit':
      return execute(plan.input).slice(plan.skip, plan.fetch === null ? undefined : plan.skip + plan.fetch);
    case 'sort': {
      const rows = [...execute(plan.input)];
      rows.sort((x, y) => {
        for (const k of plan.exprs) {
          const c = compare(evalExpr(k.expr, plan.input.schema, x), evalExpr(k.expr, plan.input.schema, y));
          if (c !== 0) return k.asc ? c : -c;
        }
        return 0;
      });
      return plan.fetch === null ? rows : rows.slice(0, plan.fetch);
    }
    case 'join': {
      if (plan.joinType !== 'inner') throw new QuiverError('NOT_IMPLEMENTED', `${plan.joinType} joins`);
      const both = plan.left.schema.concat(plan.right.schema);
      const right = execute(plan.right);
      return execute(plan.left).flatMap((l) =>
        right
          .filter((r) => plan.on.every(([a, b]) => evalExpr(a, plan.left.schema, l) === evalExpr(b, plan.right.schema, r)))
          .map((r) => [...l, ...r])
          .filter((lr) => plan.filter === null || evalExpr(plan.filter, both, lr) === true),
      );
    }
    case 'aggregate': {
      const groups = new Map<string, Row[]>();
      for (const r of execute(plan.input)) {
        const key = JSON.stringify(plan.groupExprs.map((g) => evalExpr(g, plan.input.schema, r)));
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      if (groups.size === 0 && plan.groupExprs.length === 0) groups.set('[]', []);
      return [...groups].map(([key, rows]) => [
        ...(JSON.parse(key) as Row),
        ...plan.aggrExprs.map((a) => {
          const call = unalias(a);
          if (call.kind !== 'aggregate') throw new QuiverError('INTERNAL', 'aggregate expected');
          const values = call.args.length === 0 ? rows.map(() => 1) : rows.map((r) => evalExpr(call.args[0]!, plan.input.schema, r)).filter((v) => v !== null);
          if (call.func.name === 'count') return values.length;
          if (values.length === 0) return null;
          if (call.func.name === 'sum') return (values as number[]).reduce((x, y) => x + y, 0);
          return values.reduce((x, y) => (compare(x, y) * (call.func.name === 'min' ? 1 : -1) <= 0 ? x : y));
        }),
      ]);
    }
    default:
      throw new QuiverError('NOT_IMPLEMENTED', `this tiny engine does not run ${plan.kind} nodes`);
  }
}

export const DEFAULT_QUERY = `
  SELECT upper(c.country_name) AS country, count(*) AS cities, sum(population_k) AS population_k
  FROM cities JOIN countries c ON country = c.code
  WHERE population_k > 300
  GROUP BY c.country_name
  ORDER BY population_k DESC`;

/** Plan `sql` with Quiver and run it here; returns the optimized plan and the rows. */
export async function run(sql = DEFAULT_QUERY): Promise<{ plan: string; columns: string[]; rows: Row[] }> {
  await initSql();
  const [logical] = new SqlPlanner(resolver, functions).planSql(sql);
  const optimized = new Optimizer().optimize(coercePlan(logical!), makeConfig());
  return { plan: planToString(optimized), columns: optimized.schema.fields.map((f) => f.name), rows: execute(optimized) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { plan, columns, rows } = await run(process.argv[2]);
  console.log(`${plan}\n\n${columns.join('\t')}\n${rows.map((r) => r.join('\t')).join('\n')}`);
}
