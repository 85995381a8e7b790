/**
 * Schema derivation for every plan node, and rebuilding a node from new inputs and expressions.
 * The builder and the tree rewrite API both derive schemas here, so they cannot disagree.
 */
import { DataTypes, Field, QuiverError, Schema, typeToString } from '@quiver/common';
import type { Expr, SortExpr } from './expr.js';
import { GROUPING_ID_COLUMN, type JoinType, type LogicalPlan } from './plan.js';
import { exprField, exprType } from './type-of.js';
import { commonType } from './type-rules.js';

export function projectionSchema(input: Schema, exprs: readonly Expr[]): Schema {
  return new Schema(exprs.map((e) => exprField(e, input)));
}

/** Group columns, then aggregates; with grouping sets, group columns some set lacks are nullable and the grouping id follows. */
export function aggregateSchema(input: Schema, groupExprs: readonly Expr[], aggrExprs: readonly Expr[], groupingSets?: readonly (readonly number[])[]): Schema {
  const groups = groupExprs.map((e, i) => {
    const f = exprField(e, input);
    return groupingSets && !groupingSets.every((set) => set.includes(i)) ? f.withNullable(true) : f;
  });
  const gid = groupingSets ? [new Field(GROUPING_ID_COLUMN, DataTypes.int64, false)] : [];
  return new Schema([...groups, ...aggrExprs.map((e) => exprField(e, input)), ...gid]);
}

/** Output of a Window node: the input's columns, then one per window expression. */
export function windowSchema(input: Schema, windowExprs: readonly Expr[]): Schema {
  return new Schema([...input.fields, ...windowExprs.map((e) => exprField(e, input))]);
}

/** A join's output columns; a `leftMark` join needs its `mark` field (a non-null Boolean). */
export function joinSchema(left: Schema, right: Schema, joinType: JoinType, mark: Field | null = null): Schema {
  if (joinType === 'semi' || joinType === 'anti') return left;
  if (joinType === 'leftMark') {
    if (mark === null) throw new QuiverError('INTERNAL', 'a leftMark join needs its mark field');
    return new Schema([...left.fields, mark]);
  }
  const l = joinType === 'right' || joinType === 'full' ? left.fields.map((f) => f.withNullable(true)) : left.fields;
  const r = joinType === 'left' || joinType === 'full' ? right.fields.map((f) => f.withNullable(true)) : right.fields;
  return new Schema([...l, ...r]);
}

/** Output of a lateral table function: the input's columns, then the function's (nullable when `outer`). */
export function lateralSchema(input: Schema, functionSchema: Schema, outer: boolean): Schema {
  return new Schema([...input.fields, ...(outer ? functionSchema.fields.map((f) => f.withNullable(true)) : functionSchema.fields)]);
}

/** Output of a UNION: the first input's names, each column's common type across inputs. */
export function unionSchema(inputs: readonly Schema[]): Schema {
  const first = inputs[0];
  if (!first) throw new QuiverError('PLAN', 'UNION needs at least one input');
  for (const s of inputs) {
    if (s.length !== first.length) {
      throw new QuiverError('PLAN', `each UNION query must have the same number of columns: ${first.length} vs ${s.length}`);
    }
  }
  return new Schema(
    first.fields.map((f, i) => {
      let t = f.type;
      let nullable = f.nullable;
      for (const s of inputs) {
        const other = s.field(i);
        const c = commonType(t, other.type);
        if (c === null) {
          throw new QuiverError('TYPE', `UNION column ${i + 1} has incompatible types ${typeToString(t)} and ${typeToString(other.type)}`);
        }
        t = c;
        nullable ||= other.nullable;
      }
      return new Field(f.name, t, nullable, null);
    }),
  );
}

export function valuesSchema(rows: readonly (readonly Expr[])[]): Schema {
  const empty = Schema.empty();
  const first = rows[0];
  if (!first) throw new QuiverError('PLAN', 'VALUES needs at least one row');
  return new Schema(
    first.map((_, i) => {
      let t = DataTypes.null;
      let nullable = false;
      for (const row of rows) {
        const e = row[i];
        if (e === undefined || row.length !== first.length) {
          throw new QuiverError('PLAN', `VALUES rows must all have ${first.length} values`);
        }
        const et = exprType(e, empty);
        const c = commonType(t, et);
        if (c === null) throw new QuiverError('TYPE', `VALUES column ${i + 1} mixes ${typeToString(t)} and ${typeToString(et)}`);
        t = c;
        nullable ||= e.kind !== 'literal' || e.value.value === null;
      }
      return new Field(`column${i + 1}`, t, nullable, null);
    }),
  );
}

/**
 * `plan` with new inputs and new expressions (in `planInputs` / `planExprs` order), schema re-derived.
 * Nodes whose schema is fixed by their own definition (scan, values, alias) keep their names.
 */
export function rebuildPlan(plan: LogicalPlan, inputs: readonly LogicalPlan[], exprs: readonly Expr[]): LogicalPlan {
  const input = inputs[0]!;
  switch (plan.kind) {
    case 'projection':
      return { ...plan, input, exprs, schema: projectionSchema(input.schema, exprs) };
    case 'filter':
      return { ...plan, input, predicate: exprs[0]!, schema: input.schema };
    case 'aggregate': {
      const groupExprs = exprs.slice(0, plan.groupExprs.length);
      const aggrExprs = exprs.slice(plan.groupExprs.length);
      return { ...plan, input, groupExprs, aggrExprs, schema: aggregateSchema(input.schema, groupExprs, aggrExprs, plan.groupingSets) };
    }
    case 'sort': {
      const sortExprs: SortExpr[] = plan.exprs.map((s, i) => ({ ...s, expr: exprs[i]! }));
      return { ...plan, input, exprs: sortExprs, schema: input.schema };
    }
    case 'window':
      return { ...plan, input, windowExprs: exprs, schema: windowSchema(input.schema, exprs) };
    case 'limit':
    case 'distinct':
      return { ...plan, input, schema: input.schema };
    case 'subqueryAlias':
      return { ...plan, input, schema: input.schema.withQualifier(plan.alias) };
    case 'join': {
      const [left, right] = inputs as [LogicalPlan, LogicalPlan];
      const on = plan.on.map((_, i) => [exprs[2 * i]!, exprs[2 * i + 1]!] as const);
      const filter = plan.filter ? exprs[2 * plan.on.length]! : null;
      return { ...plan, left, right, on, filter, schema: joinSchema(left.schema, right.schema, plan.joinType, markOf(plan)) };
    }
    case 'crossJoin': {
      const [left, right] = inputs as [LogicalPlan, LogicalPlan];
      return { ...plan, left, right, schema: left.schema.concat(right.schema) };
    }
    case 'lateralTableFunction':
      return { ...plan, input, args: exprs, schema: lateralSchema(input.schema, plan.functionSchema, plan.outer) };
    case 'union':
      return { ...plan, inputs, schema: unionSchema(inputs.map((p) => p.schema)) };
    case 'explain':
      return { ...plan, plan: input };
    case 'values': {
      let k = 0;
      const rows = plan.rows.map((r) => r.map(() => exprs[k++]!));
      return { ...plan, rows };
    }
    case 'tableScan':
      return { ...plan, filters: exprs };
    case 'extension': {
      const node = plan.node.withNewInputs(inputs, exprs);
      return { ...plan, node, schema: node.schema };
    }
    case 'emptyRelation':
    case 'ddl':
      return plan;
  }
}

/** The mark field of a `leftMark` join (its last output column), else null. */
export function markOf(join: Extract<LogicalPlan, { kind: 'join' }>): Field | null {
  return join.joinType === 'leftMark' ? join.schema.field(join.schema.length - 1) : null;
}
