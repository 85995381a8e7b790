/**
 * The module manifest (ABI v1): its JSON form, validation with messages that name the offending
 * entry, and the manifest type names (`int32`, `decimal(12,2)`, `timestamp(us)`, ...) as Quiver types.
 */
import { DataTypes, QuiverError, typeToString, type DataType, type TimeUnit } from '@quiver/common';
import type { Volatility } from '@quiver/planner';
import { ABI_MAJOR } from './abi.js';

export type UdfKind = 'scalar' | 'aggregate' | 'table';
export type NullHandling = 'strict' | 'called';

export interface ManifestFunction {
  readonly name: string;
  readonly kind: UdfKind;
  readonly args: readonly DataType[];
  /** The result type (scalars, aggregates); for table functions, Null. */
  readonly ret: DataType;
  /** Table functions: the output columns. */
  readonly columns: readonly { readonly name: string; readonly type: DataType }[];
  readonly nulls: NullHandling;
  readonly volatility: Volatility;
  /** The export (scalar) or export prefix (aggregate: `<export>_init`, `_update`, ...). */
  readonly export: string;
  /** Aggregates: bytes of state per group. */
  readonly stateSize: number;
  /** Aggregates: state alignment in bytes (8 by default). */
  readonly stateAlign: number;
}

export interface Manifest {
  readonly abi: string;
  readonly functions: readonly ManifestFunction[];
}

/** The parameterless types by their Arrow names, shared with the arrow-udf signature vocabulary. */
export const ARROW_NAMED_TYPES: Readonly<Record<string, DataType>> = {
  boolean: DataTypes.boolean,
  int8: DataTypes.int8,
  int16: DataTypes.int16,
  int32: DataTypes.int32,
  int64: DataTypes.int64,
  float32: DataTypes.float32,
  float64: DataTypes.float64,
  date32: DataTypes.date32,
};
const SIMPLE_TYPES: Record<string, DataType> = { ...ARROW_NAMED_TYPES, utf8: DataTypes.utf8 };
const UNITS: Record<string, TimeUnit> = { s: 'second', ms: 'millisecond', us: 'microsecond', ns: 'nanosecond' };
const UNIT_NAMES: Record<TimeUnit, string> = { second: 's', millisecond: 'ms', microsecond: 'us', nanosecond: 'ns' };

/** A manifest type name as a Quiver type; throws on unknown names. */
export function parseTypeName(text: string): DataType {
  const s = text.trim().toLowerCase();
  const simple = SIMPLE_TYPES[s];
  if (simple) return simple;
  const dec = /^decimal\((\d+),\s*(\d+)\)$/.exec(s);
  if (dec) return DataTypes.decimal(Number(dec[1]), Number(dec[2]));
  const ts = /^timestamp\((s|ms|us|ns)\)$/.exec(s);
  if (ts) return DataTypes.timestamp(UNITS[ts[1]!]!);
  throw new Error(`unknown type '${text}' (expected boolean, int8–int64, float32, float64, date32, utf8, decimal(p,s) or timestamp(s|ms|us|ns))`);
}

/** The manifest type name of a Quiver type (the inverse of `parseTypeName`). */
export function typeName(t: DataType): string {
  switch (t.kind) {
    case 'Decimal128': return `decimal(${t.precision},${t.scale})`;
    case 'Timestamp': return `timestamp(${UNIT_NAMES[t.unit]})`;
    default: {
      const found = Object.entries(SIMPLE_TYPES).find(([, v]) => v.kind === t.kind);
      if (!found) throw new QuiverError('TYPE', `type ${typeToString(t)} cannot cross the WebAssembly UDF ABI`);
      return found[0];
    }
  }
}

/** `name(arg, ...) -> ret` (or `-> table(col type, ...)`) in manifest type names, for messages. */
export function signatureText(f: { name: string; args: readonly DataType[]; ret: DataType; columns?: ManifestFunction['columns'] }): string {
  const result = f.columns && f.columns.length > 0 ? `table(${f.columns.map((c) => `${c.name} ${typeName(c.type)}`).join(', ')})` : typeName(f.ret);
  return `${f.name}(${f.args.map(typeName).join(', ')}) -> ${result}`;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parse and check the manifest JSON; `where` names the module in errors. A component's manifest
 * (`component`) keeps aggregate states in the guest, so needs no `state_size`, and has no table
 * functions.
 */
export function parseManifest(json: string, where: string, component = false): Manifest {
  const fail = (msg: string): never => {
    throw new QuiverError('WASM', `${where}: invalid manifest: ${msg}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return fail(`not JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null) return fail('expected an object');
  const m = raw as Record<string, unknown>;
  if (typeof m.abi !== 'string' || !/^\d+\.\d+$/.test(m.abi)) return fail(`"abi" must be "MAJOR.MINOR", got ${JSON.stringify(m.abi)}`);
  if (Number(m.abi.split('.')[0]) !== ABI_MAJOR) return fail(`ABI ${m.abi} is not supported (this host implements ${ABI_MAJOR}.x)`);
  if (!Array.isArray(m.functions) || m.functions.length === 0) return fail('"functions" must be a non-empty array');
  const functions = m.functions.map((f: unknown, i: number) => parseFunction(f, `functions[${i}]`, fail, component));
  const seen = new Set<string>();
  for (const f of functions) {
    const key = `${f.name.toLowerCase()}(${f.args.map(typeName).join(',')})`;
    if (seen.has(key)) fail(`${key} is declared twice`);
    seen.add(key);
  }
  return { abi: m.abi, functions };
}

function parseFunction(raw: unknown, at: string, fail: (msg: string) => never, component: boolean): ManifestFunction {
  if (typeof raw !== 'object' || raw === null) return fail(`${at} must be an object`);
  const f = raw as Record<string, unknown>;
  const name = f.name;
  if (typeof name !== 'string' || !IDENT.test(name)) return fail(`${at}.name must be an identifier, got ${JSON.stringify(name)}`);
  const here = `${at} (${name})`;
  const kind = f.kind ?? 'scalar';
  if (kind !== 'scalar' && kind !== 'aggregate' && kind !== 'table') return fail(`${here}: kind must be "scalar", "aggregate" or "table", got ${JSON.stringify(kind)}`);
  if (component && kind === 'table') return fail(`${here}: table functions are not supported in components (only in core modules, §7b)`);
  const type = (v: unknown, what: string): DataType => {
    if (typeof v !== 'string') return fail(`${here}: ${what} must be a type name`);
    try {
      return parseTypeName(v);
    } catch (e) {
      return fail(`${here}: ${what}: ${(e as Error).message}`);
    }
  };
  if (!Array.isArray(f.args)) return fail(`${here}: args must be an array of type names`);
  const args = f.args.map((a, i) => type(a, `args[${i}]`));
  if (kind === 'aggregate' && args.length === 0) return fail(`${here}: an aggregate takes at least one argument`);
  const ret = kind === 'table' ? DataTypes.null : type(f.ret, 'ret');
  const columns: Array<{ name: string; type: DataType }> = [];
  if (kind === 'table') {
    if (!Array.isArray(f.columns) || f.columns.length === 0) return fail(`${here}: a table function needs "columns": [{"name", "type"}, ...]`);
    f.columns.forEach((c: unknown, i: number) => {
      const col = (c ?? {}) as Record<string, unknown>;
      if (typeof col.name !== 'string' || !IDENT.test(col.name)) fail(`${here}: columns[${i}].name must be an identifier`);
      columns.push({ name: col.name as string, type: type(col.type, `columns[${i}].type`) });
    });
  }
  const nulls = f.nulls ?? 'strict';
  if (nulls !== 'strict' && nulls !== 'called') return fail(`${here}: nulls must be "strict" or "called"`);
  const volatility = f.volatility ?? 'immutable';
  if (volatility !== 'immutable' && volatility !== 'stable' && volatility !== 'volatile') {
    return fail(`${here}: volatility must be "immutable", "stable" or "volatile"`);
  }
  const exportName = f.export ?? name;
  if (typeof exportName !== 'string' || !IDENT.test(exportName)) return fail(`${here}: export must be an identifier`);
  let stateSize = 0;
  let stateAlign = 8;
  if (kind === 'aggregate' && !component) {
    stateSize = f.state_size as number;
    if (!Number.isInteger(stateSize) || stateSize < 1 || stateSize > 65536) return fail(`${here}: state_size must be an integer in 1..65536`);
    stateAlign = (f.state_align ?? 8) as number;
    if (![1, 2, 4, 8, 16].includes(stateAlign)) return fail(`${here}: state_align must be 1, 2, 4, 8 or 16`);
  }
  return { name, kind, args, ret, columns, nulls, volatility, export: exportName, stateSize, stateAlign };
}
