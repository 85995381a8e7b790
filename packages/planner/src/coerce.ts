/**
 * The type-coercion pass: makes every implicit conversion explicit, so execution sees operands of
 * exactly the types the operators expect (`binaryTyping`, function `coerceArgs`, common types for
 * CASE, IN, BETWEEN and comparisons). Run once over a plan after SQL planning.
 */
import { DataTypes, QuiverError, typeToString, typesEqual, Schema, type DataType } from '@quiver/common';
import { alias, cast, exprName, type Expr } from './expr.js';
import type { LogicalPlan } from './plan.js';
import { mapPlanExprs, transformExprUp, transformPlanUp } from './tree.js';
import { exprType } from './type-of.js';
import { binaryTyping, canCast, commonType } from './type-rules.js';

function castTo(e: Expr, schema: Schema, to: DataType): Expr {
  const from = exprType(e, schema);
  if (typesEqual(from, to)) return e;
  if (!canCast(from, to)) throw new QuiverError('TYPE', `cannot cast ${typeToString(from)} to ${typeToString(to)}`);
  return cast(e, to);
}

function commonOf(types: DataType[], what: string): DataType {
  let t: DataType = DataTypes.null;
  for (const x of types) {
    const c = commonType(t, x);
    if (c === null) throw new QuiverError('TYPE', `${what} mixes incompatible types ${typeToString(t)} and ${typeToString(x)}`);
    t = c;
  }
  return t;
}

/** `e` with explicit casts wherever its operators need them, evaluated over rows of `schema`. */
export function coerceExpr(e: Expr, schema: Schema): Expr {
  return transformExprUp(e, (x) => coerceNode(x, schema));
}

function coerceNode(e: Expr, schema: Schema): Expr {
  switch (e.kind) {
    case 'binary': {
      const t = binaryTyping(e.op, exprType(e.left, schema), exprType(e.right, schema));
      const left = castTo(e.left, schema, t.left);
      const right = castTo(e.right, schema, t.right);
      return left === e.left && right === e.right ? e : { ...e, left, right };
    }
    case 'unary': {
      if (e.op === 'NOT' || e.op.startsWith('IS T') || e.op.startsWith('IS F') || e.op.startsWith('IS NOT T') || e.op.startsWith('IS NOT F')) {
        const inner = castTo(e.expr, schema, DataTypes.boolean);
        return inner === e.expr ? e : { ...e, expr: inner };
      }
      return e;
    }
    case 'case': {
      const resultType = commonOf([...e.whens.map((w) => exprType(w.then, schema)), ...(e.else ? [exprType(e.else, schema)] : [])], 'CASE');
      let operand = e.operand;
      let whens = e.whens.map((w) => ({ when: w.when, then: castTo(w.then, schema, resultType) }));
      if (operand) {
        const keyType = commonOf([exprType(operand, schema), ...e.whens.map((w) => exprType(w.when, schema))], 'CASE');
        operand = castTo(operand, schema, keyType);
        whens = whens.map((w) => ({ when: castTo(w.when, schema, keyType), then: w.then }));
      } else {
        whens = whens.map((w) => ({ when: castTo(w.when, schema, DataTypes.boolean), then: w.then }));
      }
      const elseExpr = e.else ? castTo(e.else, schema, resultType) : null;
      return { ...e, operand, whens, else: elseExpr };
    }
    case 'inList': {
      const t = commonOf([exprType(e.expr, schema), ...e.list.map((x) => exprType(x, schema))], 'IN list');
      return { ...e, expr: castTo(e.expr, schema, t), list: e.list.map((x) => castTo(x, schema, t)) };
    }
    case 'between': {
      const t = commonOf([exprType(e.expr, schema), exprType(e.low, schema), exprType(e.high, schema)], 'BETWEEN');
      return { ...e, expr: castTo(e.expr, schema, t), low: castTo(e.low, schema, t), high: castTo(e.high, schema, t) };
    }
    case 'like':
      return { ...e, expr: castTo(e.expr, schema, DataTypes.utf8), pattern: castTo(e.pattern, schema, DataTypes.utf8) };
    case 'scalarFunction': {
      const targets = e.func.coerceArgs(e.args.map((a) => exprType(a, schema)));
      return { ...e, args: e.args.map((a, i) => castTo(a, schema, targets[i]!)) };
    }
    case 'aggregate': {
      const targets = e.func.coerceArgs(e.args.map((a) => exprType(a, schema)));
      const filter = e.filter ? castTo(e.filter, schema, DataTypes.boolean) : null;
      return { ...e, args: e.args.map((a, i) => castTo(a, schema, targets[i]!)), filter };
    }
    case 'window': {
      const targets = e.func.coerceArgs(e.args.map((a) => exprType(a, schema)));
      const filter = e.filter ? castTo(e.filter, schema, DataTypes.boolean) : null;
      return { ...e, args: e.args.map((a, i) => castTo(a, schema, targets[i]!)), filter };
    }
    case 'inSubquery': {
      const sub = e.plan.schema.fields[0];
      if (!sub || e.plan.schema.length !== 1) throw new QuiverError('PLAN', 'an IN subquery must return exactly one column');
      const t = commonOf([exprType(e.expr, schema), sub.type], 'IN subquery');
      return { ...e, expr: castTo(e.expr, schema, t) };
    }
    default:
      return e;
  }
}

/** The schema a node's own expressions are evaluated over. */
function exprInputSchema(plan: LogicalPlan): Schema {
  switch (plan.kind) {
    case 'join':
      return plan.left.schema.concat(plan.right.schema);
    case 'projection':
    case 'filter':
    case 'aggregate':
    case 'sort':
    case 'window':
      return plan.input.schema;
    case 'extension':
      return plan.node.inputs.reduce((s, p) => s.concat(p.schema), Schema.empty());
    default:
      return plan.schema;
  }
}

/**
 * Coerce every expression of every node (including subquery plans inside expressions). Projection and
 * aggregate outputs keep their names (a changed expression is aliased to its old name), so references
 * from the nodes above still resolve.
 */
export function coercePlan(plan: LogicalPlan): LogicalPlan {
  return transformPlanUp(plan, (node) => {
    if (node.kind === 'join') return coerceJoin(node);
    const schema = exprInputSchema(node);
    const named = node.kind === 'projection' || node.kind === 'aggregate' || node.kind === 'window';
    return mapPlanExprs(node, (e) => {
      const coerced = coerceExpr(coerceSubqueries(e), schema);
      return named && exprName(coerced) !== exprName(e) ? alias(coerced, exprName(e)) : coerced;
    });
  });
}

function coerceSubqueries(e: Expr): Expr {
  return transformExprUp(e, (x) =>
    x.kind === 'scalarSubquery' || x.kind === 'exists' || x.kind === 'inSubquery' ? { ...x, plan: coercePlan(x.plan) } : x,
  );
}

/** Join keys are evaluated on their own side; both sides of a key pair are cast to their common type. */
export function coerceJoin(node: Extract<LogicalPlan, { kind: 'join' }>): LogicalPlan {
  const on = node.on.map(([l, r]) => {
    const lt = exprType(l, node.left.schema);
    const rt = exprType(r, node.right.schema);
    const t = commonType(lt, rt);
    if (t === null) throw new QuiverError('TYPE', `join keys have incompatible types ${typeToString(lt)} and ${typeToString(rt)}`);
    return [castTo(coerceExpr(l, node.left.schema), node.left.schema, t), castTo(coerceExpr(r, node.right.schema), node.right.schema, t)] as const;
  });
  const both = node.left.schema.concat(node.right.schema);
  const filter = node.filter ? castTo(coerceExpr(coerceSubqueries(node.filter), both), both, DataTypes.boolean) : null;
  return { ...node, on, filter };
}
