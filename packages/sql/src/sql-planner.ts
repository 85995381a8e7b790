/**
 * `SqlPlanner`, the SQL-to-logical-plan entry point (DataFusion's `SqlToRel`): queries, EXPLAIN, and
 * the DDL statements (CREATE/DROP VIEW, CREATE TABLE [AS], DROP TABLE, CREATE/DROP INDEX) and DML
 * (INSERT, UPDATE, DELETE) as `ddl` plan nodes. Tables,
 * views and functions are reached only through the `TableResolver` and `FunctionProvider` it is given.
 */
import { didYouMean, Field, QuiverError, Schema } from '@quiver/common';
import { alias, cast, LogicalPlanBuilder, type FunctionProvider, type LogicalPlan, type TableResolver } from '@quiver/planner';
import { array, asIdent, field, objectNameParts, unsupported, variant, withLocation, locationOf, type Node, type NodeObject, type Statement } from './ast.js';
import type { PlannerContext } from './context.js';
import { sqlDataType } from './data-type.js';
import { planDelete, planInsert, planUpdate } from './dml-planner.js';
import { renameColumns } from './from-planner.js';
import { planCreateFunction, planDropFunction, planShowFunctions } from './function-ddl.js';
import { rejectKeywordColumns } from './keywords.js';
import { parseSql, type SqlDialect } from './parser.js';
import { planQuery } from './query-planner.js';
import { columnExpr, normalizeIdent } from './scope.js';

export interface SqlPlannerOptions {
  /** The parser dialect `planSql` uses; `generic` by default. */
  readonly dialect?: SqlDialect;
}

export class SqlPlanner {
  constructor(
    readonly tables: TableResolver,
    readonly functions: FunctionProvider,
    readonly options: SqlPlannerOptions = {},
  ) {}

  /**
   * The logical plan of one parsed statement. Errors carry the `location` of the token they concern;
   * the caller renders them against the statement's text with `err.withSql(sqlText)` (the text is
   * accepted here so callers can pass statement and text together; it is not needed for planning).
   */
  planStatement(stmt: Statement, sqlText?: string): LogicalPlan {
    return this.plan(stmt);
  }

  /** Parse `sql` and plan each of its statements; errors come with a caret frame under their token. */
  planSql(sql: string): LogicalPlan[] {
    try {
      return parseSql(sql, this.options.dialect).map((s) => this.plan(s));
    } catch (err) {
      throw err instanceof QuiverError ? err.withSql(sql) : err;
    }
  }

  private context(): PlannerContext {
    return { tables: this.tables, functions: this.functions, ctes: new Map(), locations: new WeakMap(), planQuery };
  }

  private plan(stmt: Statement): LogicalPlan {
    rejectKeywordColumns(stmt);
    const [tag, p] = variant(stmt);
    switch (tag) {
      case 'Query':
        return this.query(p);
      case 'Explain':
        return this.explain(p, stmt);
      case 'CreateView':
        return this.createView(p, stmt);
      case 'CreateTable':
        return this.createTable(p, stmt);
      case 'Drop':
        return this.drop(p, stmt);
      case 'Insert':
        return planInsert(p, stmt, this.context());
      case 'Update':
        return planUpdate(p, stmt, this.context());
      case 'Delete':
        return planDelete(p, stmt, this.context());
      case 'CreateIndex':
        return this.createIndex(p);
      case 'CreateFunction':
        return planCreateFunction(p, stmt);
      case 'DropFunction':
        return planDropFunction(p, stmt);
      case 'ShowFunctions':
        return planShowFunctions(p, stmt, this.functions);
      default:
        throw unsupported(`statement ${tag}`, stmt);
    }
  }

  /** A query, or `SELECT … INTO t …` (CREATE TABLE t AS the query without INTO). */
  private query(p: Node): LogicalPlan {
    const select = field(field(p, 'body'), 'Select');
    const into = field(select, 'into');
    if (into === undefined) return planQuery(p, this.context(), null);
    if (field(into, 'temporary') === true || field(into, 'unlogged') === true) throw unsupported('SELECT INTO TEMPORARY/UNLOGGED', into);
    const query = { ...(p as NodeObject), body: { Select: { ...(select as NodeObject), into: undefined } } };
    const plan = planQuery(query, this.context(), null);
    return LogicalPlanBuilder.ddl({ op: 'createTableAs', name: singleName(field(into, 'name')), plan, orReplace: false, ifNotExists: false }).build();
  }

  private explain(p: Node, stmt: Node): LogicalPlan {
    if (field(p, 'describe_alias') !== 'Explain') throw unsupported(String(field(p, 'describe_alias')).toUpperCase(), stmt);
    if (field(p, 'format') !== undefined || field(p, 'options') !== undefined || field(p, 'query_plan') === true || field(p, 'estimate') === true) {
      throw unsupported('EXPLAIN options', stmt);
    }
    const inner = field(p, 'statement');
    const [tag, q] = variant(inner);
    if (tag !== 'Query') throw unsupported(`EXPLAIN of ${tag}`, inner);
    return LogicalPlanBuilder.from(planQuery(q, this.context(), null)).explain(field(p, 'analyze') === true, field(p, 'verbose') === true).build();
  }

  private createView(p: Node, stmt: Node): LogicalPlan {
    if (field(p, 'materialized') === true) throw unsupported('CREATE MATERIALIZED VIEW', stmt);
    if (field(p, 'temporary') === true) throw unsupported('CREATE TEMPORARY VIEW', stmt);
    const name = singleName(field(p, 'name'));
    const columns = array(field(p, 'columns')).map((c) => normalizeIdent(asIdent(field(c, 'name'))));
    const query = planQuery(field(p, 'query'), this.context(), null);
    const plan = renameColumns(query, columns, name, field(p, 'name')).build();
    return LogicalPlanBuilder.ddl({ op: 'createView', name, plan, orReplace: field(p, 'or_replace') === true }).build();
  }

  private createTable(p: Node, stmt: Node): LogicalPlan {
    if (field(p, 'temporary') === true || field(p, 'external') === true) throw unsupported('CREATE TEMPORARY/EXTERNAL TABLE', stmt);
    // PRIMARY KEY and UNIQUE constraints are accepted as hints (not enforced), as indexes are.
    const constraints = array(field(p, 'constraints')).map((c) => variant(c)[0]);
    if (constraints.some((c) => c !== 'PrimaryKey' && c !== 'Unique')) throw unsupported('table constraints other than PRIMARY KEY and UNIQUE', stmt);
    const name = singleName(field(p, 'name'));
    const orReplace = field(p, 'or_replace') === true;
    const ifNotExists = field(p, 'if_not_exists') === true;
    const queryNode = field(p, 'query');
    const columnNodes = array(field(p, 'columns'));
    if (queryNode !== undefined) {
      const columns = columnNodes.map((c) => normalizeIdent(asIdent(field(c, 'name'))));
      const renamed = renameColumns(planQuery(queryNode, this.context(), null), columns, name, field(p, 'name'));
      // Declared column types apply to the query's values (`CREATE TABLE t (id INT) AS VALUES (NULL)`).
      const types = columnNodes.map((c) => (field(c, 'data_type') === 'Unspecified' ? null : withLocation(locationOf(field(c, 'name')), () => sqlDataType(field(c, 'data_type')))));
      const plan = types.some((t) => t !== null)
        ? renamed.project(renamed.schema.fields.map((f, i) => (types[i] ? alias(cast(columnExpr(f), types[i]!), f.name) : columnExpr(f)))).build()
        : renamed.build();
      return LogicalPlanBuilder.ddl({ op: 'createTableAs', name, plan, orReplace, ifNotExists }).build();
    }
    const fields = columnNodes.map((c) => {
      const colName = normalizeIdent(asIdent(field(c, 'name')));
      const type = withLocation(locationOf(field(c, 'name')), () => sqlDataType(field(c, 'data_type')));
      let nullable = true;
      for (const o of array(field(c, 'options'))) {
        const option = field(o, 'option');
        const optionTag = typeof option === 'string' ? option : variant(option)[0];
        if (optionTag === 'NotNull' || optionTag === 'PrimaryKey') nullable = false;
        // UNIQUE is accepted as a hint (not enforced), as indexes are.
        else if (optionTag !== 'Null' && optionTag !== 'Unique') throw unsupported(`column option ${optionTag}`, c);
      }
      return new Field(colName, type, nullable);
    });
    const seen = new Set<string>();
    for (const f of fields) {
      if (seen.has(f.name)) throw new QuiverError('PLAN', `CREATE TABLE ${name} names column '${f.name}' twice`);
      seen.add(f.name);
    }
    return LogicalPlanBuilder.ddl({ op: 'createTable', name, schema: new Schema(fields), ifNotExists, orReplace }).build();
  }

  private createIndex(p: Node): LogicalPlan {
    const table = singleName(field(p, 'table_name'));
    if (!this.tables.table(table)) throw new QuiverError('PLAN', `table '${table}' not found${didYouMean(table, this.tables.tableNames())}`);
    return LogicalPlanBuilder.ddl({ op: 'createIndex', name: singleName(field(p, 'name')), table }).build();
  }

  private drop(p: Node, stmt: Node): LogicalPlan {
    const kind = field(p, 'object_type');
    if (kind === 'Index') return LogicalPlanBuilder.ddl({ op: 'dropIndex', name: singleName(array(field(p, 'names'))[0]) }).build();
    if (kind !== 'View' && kind !== 'Table') throw unsupported(`DROP ${String(kind).toUpperCase()}`, stmt);
    const names = array(field(p, 'names'));
    if (names.length !== 1) throw unsupported(`DROP ${kind.toUpperCase()} of several names`, stmt);
    if (field(p, 'cascade') === true) throw unsupported('DROP … CASCADE', stmt);
    const name = singleName(names[0]);
    const ifExists = field(p, 'if_exists') === true;
    return LogicalPlanBuilder.ddl(kind === 'View' ? { op: 'dropView', name, ifExists } : { op: 'dropTable', name, ifExists }).build();
  }
}

function singleName(objectName: Node): string {
  return objectNameParts(objectName).map(normalizeIdent).join('.');
}

/** Parse and plan every statement of `sql` (the parser must be initialized with `initSql`). */
export function planSql(sql: string, tables: TableResolver, functions: FunctionProvider, options?: SqlPlannerOptions): LogicalPlan[] {
  return new SqlPlanner(tables, functions, options).planSql(sql);
}
