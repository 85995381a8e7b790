/**
 * INSERT, UPDATE and DELETE as `ddl` plan nodes the session applies to an in-memory table:
 * INSERT plans its rows in the table's column order and types (unnamed columns NULL), DELETE plans
 * the rows that remain, UPDATE plans every row's new values plus whether the row was updated.
 */
import { didYouMean, QuiverError, Scalars, typesEqual, type Field } from '@quiver/common';
import { alias, cast, LogicalPlanBuilder, type Expr, type LogicalPlan, type TableSource } from '@quiver/planner';
import { array, asIdent, field, locationOf, objectNameParts, unsupported, variant, type Node } from './ast.js';
import type { PlannerContext } from './context.js';
import { planExpr } from './expr-planner.js';
import { renameColumns } from './from-planner.js';
import { columnExpr, normalizeIdent, Scope } from './scope.js';

/** The name the session gives UPDATE's extra column saying whether a row was updated. */
export const UPDATED_COLUMN = '__updated';

function targetTable(nameNode: Node, ctx: PlannerContext, what: string): { name: string; source: TableSource } {
  const name = objectNameParts(nameNode).map(normalizeIdent).join('.');
  const source = ctx.tables.table(name);
  if (source) return { name, source };
  const location = locationOf(nameNode);
  const isView = ctx.tables.view?.(name) !== undefined;
  const message = isView ? `cannot ${what} view '${name}': views are read-only` : `table '${name}' not found${didYouMean(name, ctx.tables.tableNames())}`;
  throw new QuiverError('PLAN', message, location ? { location } : undefined);
}

/** `e` as a value of column `f` (an assignment cast when the types differ). */
function assignTo(e: Expr, f: Field, exprType: Field['type'] | null): Expr {
  return alias(exprType !== null && typesEqual(exprType, f.type) ? e : cast(e, f.type), f.name);
}

export function planInsert(p: Node, stmt: Node, ctx: PlannerContext): LogicalPlan {
  if (field(p, 'overwrite') === true || field(p, 'replace_into') === true || field(p, 'ignore') === true) throw unsupported('INSERT OVERWRITE/REPLACE/IGNORE', stmt);
  if (field(p, 'on') !== undefined || field(p, 'returning') !== undefined) throw unsupported('INSERT … ON CONFLICT/RETURNING', stmt);
  const tableNode = field(p, 'table');
  const [tag, nameNode] = variant(tableNode);
  if (tag !== 'TableName') throw unsupported('INSERT INTO a table function', stmt);
  const { name, source } = targetTable(nameNode, ctx, 'insert into');
  const fields = source.schema.fields;
  const named = array(field(p, 'columns')).map((c) => {
    // Each column is an object name (`[{Identifier}]`) or, in older parser versions, a bare identifier.
    const parts = Array.isArray(c) ? objectNameParts(c) : [asIdent(c)];
    const colName = normalizeIdent(parts[parts.length - 1]!);
    const index = fields.findIndex((f) => f.name === colName);
    if (index < 0) {
      const location = locationOf(c);
      throw new QuiverError('PLAN', `table '${name}' has no column '${colName}'${didYouMean(colName, fields.map((f) => f.name))}`, location ? { location } : undefined);
    }
    return index;
  });
  if (new Set(named).size !== named.length) throw new QuiverError('PLAN', `INSERT INTO ${name} names a column twice`);
  const targets = named.length > 0 ? named : fields.map((_, i) => i);
  const sourceNode = field(p, 'source');
  if (sourceNode === undefined) throw unsupported('INSERT without a query or VALUES', stmt);
  const query = ctx.planQuery(sourceNode, ctx, null);
  const columns = query.schema.fields;
  if (columns.length !== targets.length) {
    const location = locationOf(sourceNode);
    throw new QuiverError('PLAN', `INSERT INTO ${name} has ${targets.length} target columns but the query gives ${columns.length}`, location ? { location } : undefined);
  }
  // Unique names for the query's columns, so each can be referenced however the query named them.
  const renamed = renameColumns(query, columns.map((_, i) => `__insert_${i}`), name, sourceNode);
  const exprs = fields.map((f, i) => {
    const from = targets.indexOf(i);
    if (from < 0) return assignTo({ kind: 'literal', value: Scalars.null() }, f, null);
    return assignTo(columnExpr(renamed.schema.field(from)), f, columns[from]!.type);
  });
  return LogicalPlanBuilder.ddl({ op: 'insert', name, plan: renamed.project(exprs).build() }).build();
}

/** The target of UPDATE/DELETE: a scan of the table and the scope its expressions see. */
function scanTarget(tableNode: Node, stmt: Node, ctx: PlannerContext, what: string) {
  const relation = field(tableNode, 'relation');
  const [tag, t] = variant(relation);
  if (tag !== 'Table' || array(field(tableNode, 'joins')).length > 0) throw unsupported(`${what} of a join or derived table`, stmt);
  if (field(t, 'alias') !== undefined) throw unsupported(`${what} with a table alias`, stmt);
  const { name, source } = targetTable(field(t, 'name'), ctx, what.toLowerCase());
  const scan = LogicalPlanBuilder.scan(name, source);
  return { name, source, scan, scope: new Scope(scan.schema, null) };
}

export function planDelete(p: Node, stmt: Node, ctx: PlannerContext): LogicalPlan {
  if (array(field(p, 'tables')).length > 0 || field(p, 'using') !== undefined || field(p, 'returning') !== undefined || field(p, 'limit') !== undefined) {
    throw unsupported('DELETE with USING/RETURNING/LIMIT or several tables', stmt);
  }
  const [, from] = variant(field(p, 'from'));
  const tables = array(from);
  if (tables.length !== 1) throw unsupported('DELETE from several tables', stmt);
  const { name, scan, scope } = scanTarget(tables[0], stmt, ctx, 'DELETE');
  const where = field(p, 'selection');
  const keep: Expr =
    where === undefined ? { kind: 'literal', value: Scalars.boolean(false) } : { kind: 'unary', op: 'IS NOT TRUE', expr: planExpr(where, { ctx, scope, noAggregates: 'WHERE' }) };
  return LogicalPlanBuilder.ddl({ op: 'delete', name, plan: scan.filter(keep).build() }).build();
}

export function planUpdate(p: Node, stmt: Node, ctx: PlannerContext): LogicalPlan {
  if (field(p, 'from') !== undefined || field(p, 'returning') !== undefined || field(p, 'limit') !== undefined) throw unsupported('UPDATE … FROM/RETURNING/LIMIT', stmt);
  const { name, source, scan, scope } = scanTarget(field(p, 'table'), stmt, ctx, 'UPDATE');
  const env = { ctx, scope, noAggregates: 'UPDATE' };
  const fields = source.schema.fields;
  const values = new Map<number, Expr>();
  for (const a of array(field(p, 'assignments'))) {
    const [kind, target] = variant(field(a, 'target'));
    if (kind !== 'ColumnName') throw unsupported('UPDATE of a column tuple', a);
    const parts = objectNameParts(target);
    const colName = normalizeIdent(parts[parts.length - 1]!);
    const index = fields.findIndex((f) => f.name === colName);
    if (index < 0) {
      const location = locationOf(a);
      throw new QuiverError('PLAN', `table '${name}' has no column '${colName}'${didYouMean(colName, fields.map((f) => f.name))}`, location ? { location } : undefined);
    }
    if (values.has(index)) throw new QuiverError('PLAN', `UPDATE ${name} sets column '${colName}' twice`);
    values.set(index, planExpr(field(a, 'value'), env));
  }
  const where = field(p, 'selection');
  const predicate = where === undefined ? null : planExpr(where, { ...env, noAggregates: 'WHERE' });
  const exprs = fields.map((f, i) => {
    const current = columnExpr(scan.schema.field(i));
    const value = values.get(i);
    if (value === undefined) return current;
    const assigned = cast(value, f.type);
    return alias(predicate === null ? assigned : { kind: 'case', operand: null, whens: [{ when: predicate, then: assigned }], else: current }, f.name);
  });
  const updated: Expr = predicate === null ? { kind: 'literal', value: Scalars.boolean(true) } : { kind: 'unary', op: 'IS TRUE', expr: predicate };
  return LogicalPlanBuilder.ddl({ op: 'update', name, plan: scan.project([...exprs, alias(updated, UPDATED_COLUMN)]).build() }).build();
}
