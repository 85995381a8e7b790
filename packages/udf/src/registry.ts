/**
 * The function registry: the session's scalar and aggregate functions by name. It is the
 * `FunctionProvider` SQL planning resolves calls through; built-ins and user-defined functions
 * (TypeScript or WebAssembly) register here alike. Functions that declare exact `parameterTypes`
 * (WebAssembly UDFs) may be overloaded: several per name, resolved by argument types.
 */
import { didYouMean, fromArrowType, QuiverError, typesEqual, typeToString, type DataType } from '@quiver/common';
import type { AggregateFunction, ColumnarValue, FunctionDescription, FunctionProvider, ScalarFunction, TableFunction, Volatility } from '@quiver/planner';
import { coerceToSignature } from './wasm/signature.js';

/** A function with one exact parameter list; such functions can share a name. */
export interface Overload {
  readonly parameterTypes?: readonly DataType[];
}

type Kind = 'scalar' | 'aggregate';

const VOLATILITY_RANK: Record<Volatility, number> = { immutable: 0, stable: 1, volatile: 2 };

export class FunctionRegistry implements FunctionProvider {
  private readonly scalars = new Map<string, Array<ScalarFunction & Overload>>();
  private readonly aggregates = new Map<string, Array<AggregateFunction & Overload>>();
  private readonly tables = new Map<string, TableFunction>();

  /**
   * Register a scalar function under its lower-cased name. One with `parameterTypes` adds an
   * overload (replacing one with the same parameter types); one without replaces every overload.
   */
  registerScalar(fn: ScalarFunction & Overload): void {
    addOverload(this.scalars, fn);
  }

  /** Register an aggregate function; overloads as for `registerScalar`. */
  registerAggregate(fn: AggregateFunction & Overload): void {
    addOverload(this.aggregates, fn);
  }

  /** Register (or replace) a table function, called in FROM. */
  registerTableFunction(fn: TableFunction): void {
    this.tables.set(fn.name.toLowerCase(), fn);
  }

  /**
   * Remove a function of any kind: every overload, or with `argTypes` only that overload.
   * Throws a PLAN error when there is none unless `ifExists`.
   */
  deregister(name: string, ifExists = false, argTypes?: readonly DataType[]): void {
    const key = name.toLowerCase();
    const removed = removeOverload(this.scalars, key, argTypes) || removeOverload(this.aggregates, key, argTypes) || (!argTypes && this.tables.delete(key));
    if (removed || ifExists) return;
    const exists = this.scalars.has(key) || this.aggregates.has(key);
    const what = argTypes ? `${name}(${argTypes.map(typeToString).join(', ')})` : `'${name}'`;
    throw new QuiverError('PLAN', `function ${what} not found${exists ? '' : didYouMean(name, this.functionNames())}`);
  }

  scalarFunction(name: string): ScalarFunction | undefined {
    const list = this.scalars.get(name.toLowerCase());
    if (!list) return undefined;
    return list.length === 1 ? list[0] : overloadedScalar(list);
  }

  aggregateFunction(name: string): AggregateFunction | undefined {
    const list = this.aggregates.get(name.toLowerCase());
    if (!list) return undefined;
    return list.length === 1 ? list[0] : overloadedAggregate(list);
  }

  tableFunction(name: string): TableFunction | undefined {
    return this.tables.get(name.toLowerCase());
  }

  functionNames(): string[] {
    return [...this.scalars.keys(), ...this.aggregates.keys(), ...this.tables.keys()];
  }

  /** Every function (each overload) with its kind and, where declared, signature; sorted by name. */
  describeFunctions(): FunctionDescription[] {
    const out: FunctionDescription[] = [];
    const add = (kind: Kind, fn: (ScalarFunction | AggregateFunction) & Overload) => {
      const types = fn.parameterTypes;
      out.push({
        name: fn.name.toLowerCase(),
        kind,
        parameters: types ? types.map(typeToString).join(', ') : null,
        returns: types ? typeToString(fn.returnType(types)) : null,
        volatility: 'volatility' in fn ? fn.volatility : null,
      });
    };
    for (const list of this.scalars.values()) for (const f of list) add('scalar', f);
    for (const list of this.aggregates.values()) for (const f of list) add('aggregate', f);
    return out.sort((a, b) => a.name.localeCompare(b.name) || (a.parameters ?? '').localeCompare(b.parameters ?? ''));
  }
}

function addOverload<F extends { name: string } & Overload>(map: Map<string, F[]>, fn: F): void {
  const key = fn.name.toLowerCase();
  const types = fn.parameterTypes;
  const existing = map.get(key);
  if (!types || !existing) {
    map.set(key, [fn]);
    return;
  }
  const kept = existing.filter((f) => f.parameterTypes !== undefined && !sameTypes(f.parameterTypes, types));
  map.set(key, [...kept, fn]);
}

function removeOverload<F extends Overload>(map: Map<string, F[]>, key: string, argTypes: readonly DataType[] | undefined): boolean {
  const list = map.get(key);
  if (!list) return false;
  if (!argTypes) return map.delete(key);
  const kept = list.filter((f) => !(f.parameterTypes && sameTypes(f.parameterTypes, argTypes)));
  if (kept.length === list.length) return false;
  if (kept.length === 0) map.delete(key);
  else map.set(key, kept);
  return true;
}

function sameTypes(a: readonly DataType[], b: readonly DataType[]): boolean {
  return a.length === b.length && a.every((t, i) => typesEqual(t, b[i]!));
}

function signatures(list: readonly Overload[]): (readonly DataType[])[] {
  return list.map((f) => f.parameterTypes ?? []);
}

/** The overload a call with `types` resolves to (planning asks for result types before inserting casts). */
function resolve<F extends { name: string } & Overload>(list: readonly F[], types: readonly DataType[]): F {
  const params = coerceToSignature(list[0]!.name, signatures(list), types);
  return list.find((f) => f.parameterTypes && sameTypes(f.parameterTypes, params))!;
}

function argTypeOf(v: ColumnarValue): DataType {
  return v.kind === 'scalar' ? v.value.type : fromArrowType(v.data.type);
}

/** One name, several scalar overloads: resolves at planning by argument types, dispatches per batch. */
function overloadedScalar(list: ReadonlyArray<ScalarFunction & Overload>): ScalarFunction {
  const name = list[0]!.name;
  return {
    name,
    volatility: list.reduce<Volatility>((v, f) => (VOLATILITY_RANK[f.volatility] > VOLATILITY_RANK[v] ? f.volatility : v), 'immutable'),
    coerceArgs: (argTypes) => coerceToSignature(name, signatures(list), argTypes),
    returnType: (argTypes) => resolve(list, argTypes).returnType(argTypes),
    invoke: (args, numRows, returnType) => resolve(list, args.map(argTypeOf)).invoke(args, numRows, returnType),
  };
}

function overloadedAggregate(list: ReadonlyArray<AggregateFunction & Overload>): AggregateFunction {
  const name = list[0]!.name;
  return {
    name,
    coerceArgs: (argTypes) => coerceToSignature(name, signatures(list), argTypes),
    returnType: (argTypes) => resolve(list, argTypes).returnType(argTypes),
    createAccumulator: (argTypes, returnType, distinct) => resolve(list, argTypes).createAccumulator(argTypes, returnType, distinct),
  };
}
