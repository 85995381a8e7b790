/**
 * Types and nullability of expressions against an input schema, and the output field an expression
 * produces in a projection or aggregate.
 */
import { DataTypes, Field, QuiverError, typeToString, type DataType, type Schema } from '@quiver/common';
import { exprName, type Expr } from './expr.js';
import { binaryTyping, commonType } from './type-rules.js';
import { windowResultNullable } from './window.js';

/**
 * Types of composite expressions already worked out, per expression object and the schema it was
 * typed against (expressions and schemas are immutable). Planning types each node as it is built,
 * so without this a deep expression would be re-typed from its leaves at every level.
 */
const typed = new WeakMap<Expr, { readonly schema: Schema; readonly type: DataType }>();

/** The type of `e`'s values when evaluated over rows of `schema`. */
export function exprType(e: Expr, schema: Schema): DataType {
  if (e.kind === 'column' || e.kind === 'literal' || e.kind === 'outerColumn' || e.kind === 'cast') return typeOfNode(e, schema);
  const hit = typed.get(e);
  if (hit !== undefined && hit.schema === schema) return hit.type;
  const type = typeOfNode(e, schema);
  typed.set(e, { schema, type });
  return type;
}

function typeOfNode(e: Expr, schema: Schema): DataType {
  switch (e.kind) {
    case 'column':
      return schema.field(schema.resolve(e.name, e.qualifier)).type;
    case 'outerColumn':
      return e.type;
    case 'literal':
      return e.value.type;
    case 'alias':
      return exprType(e.expr, schema);
    case 'binary':
      return binaryTyping(e.op, exprType(e.left, schema), exprType(e.right, schema)).result;
    case 'unary':
      if (e.op === '-') return exprType(e.expr, schema);
      return DataTypes.boolean;
    case 'cast':
      return e.type;
    case 'case': {
      let t: DataType = DataTypes.null;
      const branches = [...e.whens.map((w) => w.then), ...(e.else ? [e.else] : [])];
      for (const b of branches) {
        const bt = exprType(b, schema);
        const c = commonType(t, bt);
        if (c === null) throw new QuiverError('TYPE', `CASE branches have incompatible types ${typeToString(t)} and ${typeToString(bt)}`);
        t = c;
      }
      return t;
    }
    case 'inList':
    case 'between':
    case 'like':
    case 'exists':
    case 'inSubquery':
      return DataTypes.boolean;
    case 'scalarFunction':
      return e.func.returnType(e.args.map((a) => exprType(a, schema)));
    case 'aggregate':
    case 'window':
      return e.func.returnType(e.args.map((a) => exprType(a, schema)));
    case 'scalarSubquery': {
      const fields = e.plan.schema.fields;
      if (fields.length !== 1) throw new QuiverError('PLAN', `a scalar subquery must return one column, this one returns ${fields.length}`);
      return fields[0]!.type;
    }
    case 'wildcard':
      throw new QuiverError('INTERNAL', 'wildcard has no type: expand it first');
  }
}

/** Whether `e` can be NULL over rows of `schema` (conservative: true when unsure). */
export function exprNullable(e: Expr, schema: Schema): boolean {
  switch (e.kind) {
    case 'column':
      return schema.field(schema.resolve(e.name, e.qualifier)).nullable;
    case 'literal':
      return e.value.value === null;
    case 'alias':
      return exprNullable(e.expr, schema);
    case 'unary':
      return e.op === 'NOT' || e.op === '-' ? exprNullable(e.expr, schema) : false;
    case 'binary':
      if (e.op === 'IS DISTINCT FROM' || e.op === 'IS NOT DISTINCT FROM') return false;
      if (e.op === '/' || e.op === '%') return true;
      return exprNullable(e.left, schema) || exprNullable(e.right, schema);
    case 'cast':
      return e.try || exprNullable(e.expr, schema);
    case 'exists':
      return false;
    case 'aggregate':
      return e.func.name !== 'count';
    case 'window':
      return windowResultNullable(e.func);
    default:
      return true;
  }
}

/** The field a projected expression yields: a column keeps its qualifier, anything else is unqualified. */
export function exprField(e: Expr, schema: Schema): Field {
  const type = exprType(e, schema);
  const nullable = exprNullable(e, schema);
  if (e.kind === 'column') {
    const f = schema.field(schema.resolve(e.name, e.qualifier));
    return new Field(f.name, type, nullable, f.qualifier);
  }
  return new Field(exprName(e), type, nullable, null);
}
