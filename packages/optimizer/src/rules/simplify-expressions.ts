/**
 * `simplify-expressions`: folds operators over literals (see `../const-eval.js`), simplifies boolean
 * logic where three-valued logic allows it (`x AND TRUE` → x, `x AND FALSE` → FALSE, `x OR TRUE` → TRUE,
 * `x OR FALSE` → x, `NOT NOT x` → x, conjuncts common to every branch of an OR factored out), folds
 * strict operators and BETWEEN with a NULL operand to NULL, drops CASTs to the type an expression already has, and removes
 * filters that are always true (or replaces those never true by an empty relation).
 * `x = x` is deliberately kept: it is NULL, not TRUE, when x is NULL. Function calls are never folded.
 * Projected and aggregated expressions keep their output names by aliasing the simplified expression.
 */
import { DataTypes, Schema, typesEqual, type ScalarValue } from '@quiver/common';
import {
  alias,
  binary,
  conjunction,
  exprName,
  exprType,
  mapPlanExprs,
  rebuildPlan,
  splitConjunction,
  transformExprUp,
  transformPlanUp,
  type Expr,
  type LogicalPlan,
} from '@quiver/planner';
import { castScalar } from '../cast-scalar.js';
import { evalBetween, evalBinary, evalInList, evalUnary } from '../const-eval.js';
import { exprEquals, isMovable } from '../expr-utils.js';
import type { OptimizerRule } from '../rule.js';

function literal(value: ScalarValue): Expr {
  return { kind: 'literal', value };
}

function boolLiteral(e: Expr): boolean | null | undefined {
  if (e.kind !== 'literal') return undefined;
  const v = e.value.value;
  if (v === null) return e.value.type.kind === 'Boolean' || e.value.type.kind === 'Null' ? null : undefined;
  return typeof v === 'boolean' ? v : undefined;
}

function literals(exprs: readonly Expr[]): ScalarValue[] | undefined {
  const out: ScalarValue[] = [];
  for (const e of exprs) {
    if (e.kind !== 'literal') return undefined;
    out.push(e.value);
  }
  return out;
}

function typeIn(e: Expr, schema: Schema) {
  try {
    return exprType(e, schema);
  } catch {
    return undefined;
  }
}

/** AND/OR with one literal operand, where the result does not depend on the other operand's NULLness. */
function simplifyLogic(e: Extract<Expr, { kind: 'binary' }>): Expr {
  const l = boolLiteral(e.left);
  const r = boolLiteral(e.right);
  const [lit, other] = l !== undefined ? [l, e.right] : [r, e.left];
  if (lit === undefined || lit === null) return e;
  if (e.op === 'AND') return lit ? other : literal({ type: DataTypes.boolean, value: false });
  return lit ? literal({ type: DataTypes.boolean, value: true }) : other;
}

function splitDisjunction(e: Expr): Expr[] {
  return e.kind === 'binary' && e.op === 'OR' ? [...splitDisjunction(e.left), ...splitDisjunction(e.right)] : [e];
}

/**
 * `(a AND b) OR (a AND c)` → `a AND (b OR c)` (distributivity holds in three-valued logic), so a
 * join key repeated in every branch of an OR (TPC-H Q19) becomes a conjunct filters can push.
 * A branch left with nothing is TRUE, which makes the whole OR of the remainders TRUE.
 */
function factorOr(e: Expr): Expr {
  const branches = splitDisjunction(e).map(splitConjunction);
  if (branches.length < 2) return e;
  const common = branches[0]!.filter((c) => isMovable(c) && branches.every((b) => b.some((x) => exprEquals(x, c))));
  if (common.length === 0) return e;
  const rests = branches.map((b) => b.filter((x) => !common.some((c) => exprEquals(c, x))));
  const rest = rests.some((r) => r.length === 0) ? null : rests.map((r) => conjunction(r)!).reduce((a, b) => binary(a, 'OR', b));
  return conjunction(rest === null ? common : [...common, rest])!;
}

/** Operators whose result is NULL when either operand is. */
const STRICT_OPS = new Set(['+', '-', '*', '/', '%', '=', '<>', '<', '<=', '>', '>=', '||']);

function isNullLiteral(e: Expr): boolean {
  return e.kind === 'literal' && e.value.value === null;
}

function simplifyNode(e: Expr, schema: Schema): Expr {
  switch (e.kind) {
    case 'binary': {
      if (e.left.kind === 'literal' && e.right.kind === 'literal') {
        const v = evalBinary(e.op, e.left.value, e.right.value);
        if (v) return literal(v);
      }
      if (STRICT_OPS.has(e.op) && (isNullLiteral(e.left) || isNullLiteral(e.right))) {
        // NULL whatever the other operand is: it need not be evaluated (PostgreSQL folds strict operators so too).
        const type = typeIn(e, schema);
        if (type) return literal({ type, value: null });
      }
      if (e.op === 'OR') {
        const logic = simplifyLogic(e);
        return logic === e ? factorOr(e) : logic;
      }
      return e.op === 'AND' ? simplifyLogic(e) : e;
    }
    case 'unary': {
      if (e.expr.kind === 'literal') {
        const v = evalUnary(e.op, e.expr.value);
        if (v) return literal(v);
      }
      if (e.op === 'NOT' && e.expr.kind === 'unary' && e.expr.op === 'NOT') return e.expr.expr;
      return e;
    }
    case 'cast': {
      if (e.expr.kind === 'literal') {
        const v = castScalar(e.expr.value, e.type);
        if (v) return literal(v);
        return e;
      }
      const from = typeIn(e.expr, schema);
      return from && typesEqual(from, e.type) ? e.expr : e;
    }
    case 'inList': {
      const vals = literals([e.expr, ...e.list]);
      const v = vals && evalInList(vals[0]!, vals.slice(1), e.negated);
      return v ? literal(v) : e;
    }
    case 'between': {
      if (isNullLiteral(e.expr)) return literal({ type: DataTypes.boolean, value: null });
      const vals = literals([e.expr, e.low, e.high]);
      const v = vals && evalBetween(vals[0]!, vals[1]!, vals[2]!, e.negated);
      return v ? literal(v) : e;
    }
    case 'case': {
      if (e.operand !== null || !e.whens.every((w) => boolLiteral(w.when) !== undefined)) return e;
      const hit = e.whens.find((w) => boolLiteral(w.when) === true);
      if (hit) return hit.then;
      return e.else ?? e;
    }
    default:
      return e;
  }
}

/** `e` simplified, evaluated over rows of `schema`. */
export function simplifyExpr(e: Expr, schema: Schema): Expr {
  return transformExprUp(e, (x) => simplifyNode(x, schema));
}

/** Simplify an expression whose name is an output column's name, keeping that name. */
function simplifyNamed(e: Expr, schema: Schema): Expr {
  const s = simplifyExpr(e, schema);
  if (s === e) return e;
  const name = exprName(e);
  return exprName(s) === name && s.kind !== 'column' ? s : alias(s, name);
}

function simplifyPlanNode(plan: LogicalPlan): LogicalPlan {
  switch (plan.kind) {
    case 'projection':
    case 'aggregate':
    case 'window':
      return mapPlanExprs(plan, (e) => simplifyNamed(e, plan.input.schema));
    case 'filter': {
      const node = mapPlanExprs(plan, (e) => simplifyExpr(e, plan.input.schema)) as typeof plan;
      const b = boolLiteral(node.predicate);
      if (b === true) return node.input;
      if (b === false || b === null) return { kind: 'emptyRelation', produceOneRow: false, schema: node.schema };
      return node;
    }
    case 'sort':
      return mapPlanExprs(plan, (e) => simplifyExpr(e, plan.input.schema));
    case 'tableScan':
      return mapPlanExprs(plan, (e) => simplifyExpr(e, plan.schema));
    case 'values':
      return mapPlanExprs(plan, (e) => simplifyExpr(e, Schema.empty()));
    case 'join': {
      const on = plan.on.flatMap(([l, r]) => [simplifyExpr(l, plan.left.schema), simplifyExpr(r, plan.right.schema)]);
      const filter = plan.filter ? [simplifyExpr(plan.filter, plan.left.schema.concat(plan.right.schema))] : [];
      const before = [...plan.on.flat(), ...(plan.filter ? [plan.filter] : [])];
      const after = [...on, ...filter];
      return after.every((x, i) => x === before[i]) ? plan : rebuildPlan(plan, [plan.left, plan.right], after);
    }
    default:
      return plan;
  }
}

export class SimplifyExpressions implements OptimizerRule {
  readonly name = 'simplify-expressions';

  rewrite(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, simplifyPlanNode);
  }
}
