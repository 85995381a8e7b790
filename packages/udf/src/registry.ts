/**
 * The function registry: the session's scalar and aggregate functions by name. It is the
 * `FunctionProvider` SQL planning resolves calls through; built-ins and user-defined functions
 * (TypeScript or WebAssembly) register here alike.
 */
import { didYouMean, QuiverError } from '@quiver/common';
import type { AggregateFunction, FunctionProvider, ScalarFunction } from '@quiver/planner';

export class FunctionRegistry implements FunctionProvider {
  private readonly scalars = new Map<string, ScalarFunction>();
  private readonly aggregates = new Map<string, AggregateFunction>();

  /** Register (or replace) a scalar function under its lower-cased name. */
  registerScalar(fn: ScalarFunction): void {
    this.scalars.set(fn.name.toLowerCase(), fn);
  }

  /** Register (or replace) an aggregate function under its lower-cased name. */
  registerAggregate(fn: AggregateFunction): void {
    this.aggregates.set(fn.name.toLowerCase(), fn);
  }

  /** Remove a function of either kind; throws a PLAN error when there is none unless `ifExists`. */
  deregister(name: string, ifExists = false): void {
    const key = name.toLowerCase();
    const removed = this.scalars.delete(key) || this.aggregates.delete(key);
    if (!removed && !ifExists) {
      throw new QuiverError('PLAN', `function '${name}' not found${didYouMean(name, this.functionNames())}`);
    }
  }

  scalarFunction(name: string): ScalarFunction | undefined {
    return this.scalars.get(name.toLowerCase());
  }

  aggregateFunction(name: string): AggregateFunction | undefined {
    return this.aggregates.get(name.toLowerCase());
  }

  functionNames(): string[] {
    return [...this.scalars.keys(), ...this.aggregates.keys()];
  }

  /** Every function with its kind, sorted by name (for SHOW FUNCTIONS). */
  list(): Array<{ name: string; kind: 'scalar' | 'aggregate' }> {
    const out = [
      ...[...this.scalars.keys()].map((name) => ({ name, kind: 'scalar' as const })),
      ...[...this.aggregates.keys()].map((name) => ({ name, kind: 'aggregate' as const })),
    ];
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }
}
