/**
 * `SessionContext`: the entry point of the library. It owns the catalog, the function registry,
 * the configuration and the optimizer, turns SQL into `DataFrame`s, and applies DDL statements.
 */
import * as arrow from 'apache-arrow';
import { didYouMean, makeConfig, QuiverError, type Schema, type SessionConfig } from '@quiver/common';
import { alias, coercePlan, col, lit, LogicalPlanBuilder, type LogicalPlan } from '@quiver/planner';
import { initSql, parseSql, SqlPlanner } from '@quiver/sql';
import { Optimizer } from '@quiver/optimizer';
import { FunctionRegistry, type WasmSource, type WasmUdfOptions } from '@quiver/udf';
import {
  builtinAggregateFunctions,
  builtinScalarFunctions,
  builtinTableFunctions,
  createPhysicalPlan,
  MemTable,
  type ExecutionPlan,
  type ExtensionPlanner,
  type PhysicalOptimizerRule,
  type TableProvider,
} from '@quiver/exec';
import { DataFrame } from '../dataframe.js';
import { Catalog } from './catalog.js';
import { WasmFunctions } from './wasm-functions.js';
import { FileFormatRegistry, type FileOptions } from './file-formats.js';
import { applyDml } from './dml.js';

export class SessionContext {
  readonly config: SessionConfig;
  readonly functions = new FunctionRegistry();
  private readonly wasm = new WasmFunctions(this.functions);
  readonly formats = new FileFormatRegistry();
  readonly catalog = new Catalog(this.formats);
  /** The logical optimizer; add, remove or reorder its rules (`addRule`, `removeRule`, `setRules`). */
  readonly optimizer: Optimizer;
  /** Rewrites of the operator tree, applied in order after physical planning. */
  readonly physicalOptimizerRules: PhysicalOptimizerRule[] = [];
  private readonly extensionPlanners: ExtensionPlanner[] = [];

  private constructor(config: SessionConfig) {
    this.config = config;
    this.optimizer = new Optimizer();
    for (const f of builtinScalarFunctions()) this.functions.registerScalar(f);
    for (const f of builtinAggregateFunctions()) this.functions.registerAggregate(f);
    for (const f of builtinTableFunctions()) this.functions.registerTableFunction(f);
  }

  /** A new session; loads the SQL parser (WebAssembly) once per process. */
  static async create(config: Partial<SessionConfig> = {}): Promise<SessionContext> {
    await initSql();
    return new SessionContext(makeConfig(config));
  }

  /** Register an Arrow table (kept in memory) or any `TableProvider` under `name`, replacing any previous one. */
  registerTable(name: string, table: arrow.Table | TableProvider): void {
    const provider = table instanceof arrow.Table ? MemTable.fromArrow(table, name) : table;
    this.catalog.registerTable(name, provider);
  }

  /** Register a Parquet, CSV or Arrow IPC file under `name`, chosen by its extension. */
  async registerFile(name: string, path: string, options: FileOptions = {}): Promise<void> {
    this.catalog.registerTable(name, await this.formats.open(path, options));
  }

  async registerParquet(name: string, path: string): Promise<void> {
    this.catalog.registerTable(name, await this.formats.open(path, { format: 'parquet' }));
  }

  async registerCsv(name: string, path: string, options: Omit<FileOptions, 'format'> = {}): Promise<void> {
    this.catalog.registerTable(name, await this.formats.open(path, { ...options, format: 'csv' }));
  }

  async registerArrow(name: string, path: string): Promise<void> {
    this.catalog.registerTable(name, await this.formats.open(path, { format: 'arrow' }));
  }

  /**
   * Load a WebAssembly UDF module (Quiver UDF ABI v1, docs/udf-abi.md) from bytes, a path or a URL
   * and register every function its manifest lists; returns their signatures.
   */
  registerWasmModule(source: WasmSource, options: WasmUdfOptions = {}): Promise<string[]> {
    return this.wasm.registerModule(source, options);
  }

  deregisterTable(name: string): void {
    this.catalog.drop('table', name, false);
  }

  /** Register a DataFrame's query as a view: SQL (and `table(name)`) then read it like a table. */
  registerView(name: string, df: DataFrame, replace = true): void {
    this.catalog.registerView(name, df.plan, replace);
  }

  tableNames(): string[] {
    return this.catalog.tableNames();
  }

  /** Schema of a table or view, or undefined. */
  tableSchema(name: string): Schema | undefined {
    return this.catalog.table(name)?.schema ?? this.catalog.view(name)?.schema;
  }

  /** A DataFrame reading a registered table or view. */
  table(name: string): DataFrame {
    const view = this.catalog.view(name);
    if (view) return this.sqlPlanToDataFrame(LogicalPlanBuilder.from(view).alias(name).build());
    const source = this.catalog.table(name);
    if (!source) throw new QuiverError('PLAN', `table '${name}' not found${didYouMean(name, this.catalog.tableNames())}`);
    return this.sqlPlanToDataFrame(LogicalPlanBuilder.scan(name, source).build());
  }

  /** Plan one SQL statement. DDL (CREATE/DROP VIEW/TABLE) takes effect immediately. */
  async sql(sql: string): Promise<DataFrame> {
    const frames: DataFrame[] = [];
    const statements = this.parse(sql);
    if (statements.length !== 1) {
      throw new QuiverError('SQL_PARSE', `sql() takes exactly one statement, got ${statements.length}; use executeScript() for several`);
    }
    for await (const { dataframe } of this.executeScript(sql)) frames.push(dataframe);
    return frames[0]!;
  }

  /**
   * Plan and yield every statement of `sql` in order. Each statement is planned only after the
   * previous one was yielded, so a script can create a view and then query it.
   */
  async *executeScript(sql: string): AsyncGenerator<{ dataframe: DataFrame; index: number }> {
    const statements = this.parse(sql);
    await this.catalog.openPathsIn(sql);
    for (let index = 0; index < statements.length; index++) {
      let plan: LogicalPlan;
      try {
        plan = this.planner().planStatement(statements[index]!, sql);
      } catch (e) {
        throw e instanceof QuiverError ? e.withSql(sql) : e;
      }
      // DDL takes effect now, so later statements of the script (and of the session) see it.
      const rowsAffected = plan.kind === 'ddl' ? await this.applyDdl(plan) : null;
      // INSERT, UPDATE and DELETE answer with the number of rows they touched, as a `count` column.
      if (rowsAffected !== null) plan = LogicalPlanBuilder.values([[lit(BigInt(rowsAffected))]]).project([alias(col('column1'), 'count')]).build();
      yield { dataframe: this.sqlPlanToDataFrame(plan), index };
    }
  }

  /** Coerce types and optimize: the plan that will be executed. */
  optimize(plan: LogicalPlan): LogicalPlan {
    return this.optimizer.optimize(coercePlan(plan), this.config);
  }

  /** The operator tree for an optimized logical plan. */
  createPhysicalPlan(plan: LogicalPlan): Promise<ExecutionPlan> {
    return createPhysicalPlan(plan, this.config, { extensionPlanners: this.extensionPlanners, physicalOptimizerRules: this.physicalOptimizerRules });
  }

  /** Let `planner` turn user-defined logical nodes (`extension` plans) into operators; asked after those registered earlier. */
  registerExtensionPlanner(planner: ExtensionPlanner): void {
    this.extensionPlanners.push(planner);
  }

  /** A DataFrame over a logical plan built by hand (e.g. with `LogicalPlanBuilder`). */
  dataFrame(plan: LogicalPlan): DataFrame {
    return new DataFrame(this, plan);
  }

  private parse(sql: string) {
    try {
      return parseSql(sql);
    } catch (e) {
      throw e instanceof QuiverError ? e.withSql(sql) : e;
    }
  }

  private planner(): SqlPlanner {
    return new SqlPlanner(this.catalog, this.functions);
  }

  private sqlPlanToDataFrame(plan: LogicalPlan): DataFrame {
    return new DataFrame(this, plan);
  }

  /** Apply a DDL statement to the catalog; for INSERT, UPDATE and DELETE, the number of rows touched. */
  private async applyDdl(plan: Extract<LogicalPlan, { kind: 'ddl' }>): Promise<number | null> {
    const ddl = plan.ddl;
    switch (ddl.op) {
      case 'insert':
      case 'delete':
      case 'update':
        return applyDml(ddl, this.mutableTable(ddl.name), (p) => new DataFrame(this, p).collect());
      case 'createIndex':
      case 'dropIndex':
        return null;
      case 'createFunction':
      case 'dropFunction':
        await this.wasm.apply(ddl);
        return null;
      case 'createView':
        this.catalog.registerView(ddl.name, ddl.plan, ddl.orReplace);
        return null;
      case 'dropView':
        this.catalog.drop('view', ddl.name, ddl.ifExists);
        return null;
      case 'dropTable':
        this.catalog.drop('table', ddl.name, ddl.ifExists);
        return null;
      case 'createTable':
        if (this.catalog.has(ddl.name) && ddl.ifNotExists) return null;
        this.catalog.registerTable(ddl.name, new MemTable(ddl.schema, []), ddl.orReplace);
        return null;
      case 'createTableAs': {
        if (this.catalog.has(ddl.name) && ddl.ifNotExists) return null;
        const table = await new DataFrame(this, ddl.plan).collect();
        this.catalog.registerTable(ddl.name, MemTable.fromArrow(table, ddl.name), ddl.orReplace);
        return null;
      }
    }
  }

  /** The in-memory table `name`, which INSERT, UPDATE and DELETE change. */
  private mutableTable(name: string): MemTable {
    const table = this.catalog.table(name);
    if (table instanceof MemTable) return table;
    throw new QuiverError('PLAN', `table '${name}' is read-only: only in-memory tables (CREATE TABLE) can be changed`);
  }
}
