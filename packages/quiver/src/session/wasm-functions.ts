/**
 * The session's WebAssembly functions: `registerWasmModule` (ABI v1 modules and components
 * in-thread or, given a deadline, in a sandbox worker; arrow-udf modules; table functions become
 * in-memory tables), and CREATE FUNCTION / DROP FUNCTION, which load each module path once and
 * share it.
 */
import { QuiverError, typeToString } from '@quiver/common';
import type { DdlStatement } from '@quiver/planner';
import { MemTable } from '@quiver/exec';
import {
  loadUdfModule,
  readWasmSource,
  registerDeclaredFunction,
  registerWasmBytes,
  type FunctionRegistry,
  type UdfModule,
  type WasmSource,
  type WasmUdfOptions,
} from '@quiver/udf';

export class WasmFunctions {
  /** Modules loaded by CREATE FUNCTION, by their path or URL. */
  private readonly modules = new Map<string, Promise<UdfModule>>();

  constructor(private readonly registry: FunctionRegistry) {}

  async registerModule(source: WasmSource, options: WasmUdfOptions): Promise<string[]> {
    const { bytes, name } = await readWasmSource(source);
    return registerWasmBytes(this.registry, bytes, { name, ...options }, (table, fn) => MemTable.fromArrow(table, fn));
  }

  async apply(ddl: Extract<DdlStatement, { op: 'createFunction' | 'dropFunction' }>): Promise<void> {
    if (ddl.op === 'dropFunction') {
      this.registry.deregister(ddl.name, ddl.ifExists, ddl.args ?? undefined);
      return;
    }
    const exists = this.registry.describeFunctions().some(
      (f) => f.name === ddl.name.toLowerCase() && f.parameters === ddl.args.map(typeToString).join(', '),
    );
    if (exists && !ddl.orReplace) {
      throw new QuiverError('PLAN', `function ${ddl.name}(${ddl.args.map(typeToString).join(', ')}) already exists; use CREATE OR REPLACE FUNCTION`);
    }
    const module = await this.load(ddl.source);
    registerDeclaredFunction(this.registry, module, {
      name: ddl.name,
      args: ddl.args,
      returns: ddl.returns,
      handler: ddl.handler ?? undefined,
      volatility: ddl.volatility ?? undefined,
    });
  }

  private load(source: string): Promise<UdfModule> {
    let module = this.modules.get(source);
    if (!module) {
      module = readWasmSource(source).then(({ bytes, name }) => loadUdfModule(bytes, { name }));
      module.catch(() => this.modules.delete(source));
      this.modules.set(source, module);
    }
    return module;
  }
}
