/**
 * A fluent builder for logical plans. Each step derives the output schema and checks that every
 * column reference resolves (raising "did you mean" errors for unknown names).
 */
import { DataTypes, Field, QuiverError, Schema } from '@quiver/common';
import { exprToString, type Expr, type SortExpr } from './expr.js';
import type { DdlStatement, JoinType, LogicalPlan } from './plan.js';
import { aggregateSchema, joinSchema, projectionSchema, unionSchema, valuesSchema, windowSchema } from './rebuild.js';
import type { TableSource } from './table-source.js';
import type { UserDefinedLogicalNode } from './extension.js';

export class LogicalPlanBuilder {
  constructor(readonly plan: LogicalPlan) {}

  static from(plan: LogicalPlan): LogicalPlanBuilder {
    return new LogicalPlanBuilder(plan);
  }

  /** Read `source`; its columns are qualified by `tableName`. */
  static scan(tableName: string, source: TableSource, projection: readonly number[] | null = null): LogicalPlanBuilder {
    const all = source.schema.withQualifier(tableName);
    const schema = projection === null ? all : all.project(projection);
    return new LogicalPlanBuilder({ kind: 'tableScan', tableName, source, projection, filters: [], fetch: null, schema });
  }

  static values(rows: readonly (readonly Expr[])[]): LogicalPlanBuilder {
    return new LogicalPlanBuilder({ kind: 'values', rows, schema: valuesSchema(rows) });
  }

  /** No rows, or one row with no columns (the input of `SELECT 1`). */
  static empty(produceOneRow: boolean, schema: Schema = Schema.empty()): LogicalPlanBuilder {
    return new LogicalPlanBuilder({ kind: 'emptyRelation', produceOneRow, schema });
  }

  /** A user-defined node (its inputs are already inside it). */
  static extension(node: UserDefinedLogicalNode): LogicalPlanBuilder {
    return new LogicalPlanBuilder({ kind: 'extension', node, schema: node.schema });
  }

  static ddl(ddl: DdlStatement): LogicalPlanBuilder {
    return new LogicalPlanBuilder({ kind: 'ddl', ddl, schema: Schema.empty() });
  }

  get schema(): Schema {
    return this.plan.schema;
  }

  /** Project `exprs`; `*` and `t.*` wildcards expand to the input's columns. */
  project(exprs: readonly Expr[]): LogicalPlanBuilder {
    const expanded = exprs.flatMap((e) => (e.kind === 'wildcard' ? expandWildcard(this.plan.schema, e.qualifier) : [e]));
    const schema = projectionSchema(this.plan.schema, expanded);
    return new LogicalPlanBuilder({ kind: 'projection', input: this.plan, exprs: expanded, schema });
  }

  filter(predicate: Expr): LogicalPlanBuilder {
    projectionSchema(this.plan.schema, [predicate]); // resolves every column, or throws
    return new LogicalPlanBuilder({ kind: 'filter', input: this.plan, predicate, schema: this.plan.schema });
  }

  /** GROUP BY `groupExprs` (or, given `groupingSets`, by each set of their positions) computing `aggrExprs`. */
  aggregate(groupExprs: readonly Expr[], aggrExprs: readonly Expr[], groupingSets?: readonly (readonly number[])[]): LogicalPlanBuilder {
    const schema = aggregateSchema(this.plan.schema, groupExprs, aggrExprs, groupingSets);
    return new LogicalPlanBuilder({ kind: 'aggregate', input: this.plan, groupExprs, aggrExprs, ...(groupingSets ? { groupingSets } : {}), schema });
  }

  /** Compute window expressions (`kind: 'window'`, possibly aliased) as columns after the input's. */
  window(windowExprs: readonly Expr[]): LogicalPlanBuilder {
    for (const e of windowExprs) {
      const w = e.kind === 'alias' ? e.expr : e;
      if (w.kind !== 'window') throw new QuiverError('PLAN', `a window node computes window function calls, not ${exprToString(e)}`);
    }
    const schema = windowSchema(this.plan.schema, windowExprs);
    return new LogicalPlanBuilder({ kind: 'window', input: this.plan, windowExprs, schema });
  }

  sort(exprs: readonly SortExpr[], fetch: number | null = null): LogicalPlanBuilder {
    projectionSchema(this.plan.schema, exprs.map((s) => s.expr));
    return new LogicalPlanBuilder({ kind: 'sort', input: this.plan, exprs, fetch, schema: this.plan.schema });
  }

  limit(skip: number, fetch: number | null): LogicalPlanBuilder {
    return new LogicalPlanBuilder({ kind: 'limit', input: this.plan, skip, fetch, schema: this.plan.schema });
  }

  join(
    right: LogicalPlan,
    joinType: JoinType,
    on: readonly (readonly [Expr, Expr])[],
    filter: Expr | null = null,
    nullEqualsNull = false,
  ): LogicalPlanBuilder {
    for (const [l, r] of on) {
      projectionSchema(this.plan.schema, [l]);
      projectionSchema(right.schema, [r]);
    }
    if (filter) projectionSchema(this.plan.schema.concat(right.schema), [filter]);
    // A leftMark join built here names its mark `mark`, as DataFusion's LeftMark does.
    const schema = joinSchema(this.plan.schema, right.schema, joinType, joinType === 'leftMark' ? new Field('mark', DataTypes.boolean, false) : null);
    return new LogicalPlanBuilder({ kind: 'join', left: this.plan, right, joinType, on, filter, nullEqualsNull, schema });
  }

  crossJoin(right: LogicalPlan): LogicalPlanBuilder {
    const schema = this.plan.schema.concat(right.schema);
    return new LogicalPlanBuilder({ kind: 'crossJoin', left: this.plan, right, schema });
  }

  /** Name this relation: its columns become qualified by `alias`. */
  alias(alias: string): LogicalPlanBuilder {
    const schema = this.plan.schema.withQualifier(alias);
    return new LogicalPlanBuilder({ kind: 'subqueryAlias', input: this.plan, alias, schema });
  }

  /** UNION ALL with `others`. */
  union(...others: LogicalPlan[]): LogicalPlanBuilder {
    const inputs = [this.plan, ...others];
    return new LogicalPlanBuilder({ kind: 'union', inputs, schema: unionSchema(inputs.map((p) => p.schema)) });
  }

  distinct(): LogicalPlanBuilder {
    return new LogicalPlanBuilder({ kind: 'distinct', input: this.plan, schema: this.plan.schema });
  }

  explain(analyze: boolean, verbose: boolean): LogicalPlanBuilder {
    const schema = new Schema([new Field('plan_type', { kind: 'Utf8' }, false), new Field('plan', { kind: 'Utf8' }, false)]);
    return new LogicalPlanBuilder({ kind: 'explain', plan: this.plan, analyze, verbose, schema });
  }

  build(): LogicalPlan {
    return this.plan;
  }
}

function expandWildcard(schema: Schema, qualifier: string | null): Expr[] {
  const fields = qualifier === null ? schema.fields : schema.fields.filter((f) => f.qualifier === qualifier);
  if (qualifier !== null && fields.length === 0) {
    throw new QuiverError('PLAN', `'${qualifier}.*': no table named '${qualifier}' in FROM`);
  }
  return fields.map((f): Expr => ({ kind: 'column', qualifier: f.qualifier, name: f.name }));
}
