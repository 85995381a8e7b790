/**
 * Rewriting an aggregate query's SELECT, HAVING and ORDER BY over the Aggregate node's output: each
 * group expression and aggregate call is replaced by a reference to the output column that holds it,
 * matched by canonical text (`exprToString`), as DataFusion does. Whatever column is left must be
 * grouped, or the query is rejected — unless it sits only where no row can reach (a CASE branch
 * whose WHEN compares constants that differ, or the other side of `AND <false constant>`): SQLite
 * accepts any ungrouped column, and such a one cannot change the result, so those parts become NULL.
 */
import { isInteger, QuiverError, Scalars, typesEqual, type Schema, type ScalarValue, type SourceLocation } from '@quiver/common';
import { cast, exprColumns, exprToString, exprType, lit, transformExprDown, transformExprUp, visitExpr, type Expr } from '@quiver/planner';
import { columnExpr } from './scope.js';

/** The distinct aggregate calls in `exprs`, in order of first appearance. */
export function collectAggregates(exprs: readonly Expr[]): Expr[] {
  const found = new Map<string, Expr>();
  for (const e of exprs) {
    visitExpr(e, (x) => {
      if (x.kind !== 'aggregate') return true;
      const key = exprToString(x);
      if (!found.has(key)) found.set(key, x);
      return false;
    });
  }
  return [...found.values()];
}

/**
 * `e` with every sub-expression that an aggregate output column computes (group expressions, then
 * aggregates; `outputs[i]` is computed into field i of `schema`) replaced by a reference to that column.
 */
function rebaseOnAggregate(e: Expr, outputs: readonly Expr[], schema: Schema): Expr {
  const byText = new Map<string, Expr>();
  outputs.forEach((o, i) => {
    const key = exprToString(o);
    if (!byText.has(key)) byText.set(key, columnExpr(schema.field(i)));
  });
  return transformExprDown(e, (x) => byText.get(exprToString(x)) ?? x);
}

/** Throws a PLAN error at the first column of `e` the aggregate output does not provide. */
function checkGrouped(e: Expr, schema: Schema, locations: WeakMap<Expr, SourceLocation>): void {
  for (const c of exprColumns(e)) {
    if (schema.indexOf(c.name, c.qualifier) >= 0) continue;
    const location = locations.get(c);
    throw new QuiverError(
      'PLAN',
      `column '${exprToString(c)}' must appear in the GROUP BY clause or be used in an aggregate function`,
      location ? { location } : undefined,
    );
  }
}

/**
 * `e` (over the aggregate's input `input`) rebased on the aggregate output, then checked to be grouped.
 * When an ungrouped column is left, the parts of `e` no row can reach are replaced first and the
 * check is made on that; a column still ungrouped is a PLAN error at its position.
 */
export function rebaseGrouped(
  e: Expr,
  outputs: readonly Expr[],
  schema: Schema,
  input: Schema,
  locations: WeakMap<Expr, SourceLocation>,
): Expr {
  const r = rebaseOnAggregate(e, outputs, schema);
  if (exprColumns(r).every((c) => schema.indexOf(c.name, c.qualifier) >= 0)) return r;
  const pruned = rebaseOnAggregate(withoutUnreachable(e, input), outputs, schema);
  checkGrouped(pruned, schema, locations);
  return pruned;
}

/** `e` with every sub-expression that constant conditions make unreachable replaced by a NULL of its type. */
function withoutUnreachable(e: Expr, input: Schema): Expr {
  return transformExprUp(e, (x) => {
    if (x.kind === 'case') return caseWithoutDeadBranches(x, input);
    if (x.kind === 'binary' && (x.op === 'AND' || x.op === 'OR')) {
      const decisive = x.op === 'OR';
      const sides = [constantOf(x.left), constantOf(x.right)];
      if (sides.some((s) => s !== undefined && s.value === decisive)) return lit(decisive);
    }
    return x;
  });
}

function caseWithoutDeadBranches(x: Extract<Expr, { kind: 'case' }>, input: Schema): Expr {
  const operand = x.operand === null ? undefined : constantOf(x.operand);
  const whens: (typeof x.whens)[number][] = [];
  let otherwise = x.else;
  for (const w of x.whens) {
    const when = constantOf(w.when);
    // With an operand a branch matches when `operand = when` is true; without one, when `when` is true.
    const matches = x.operand !== null ? equalConstants(operand, when) : when === undefined ? undefined : (when.value as boolean | null);
    if (matches === false || matches === null) continue;
    if (matches === true) {
      otherwise = w.then;
      break;
    }
    whens.push(w);
  }
  if (whens.length === x.whens.length && otherwise === x.else) return x;
  const type = exprType(x, input);
  const typed = (v: Expr | null): Expr => {
    const t = v ?? lit(null);
    return typesEqual(exprType(t, input), type) ? t : cast(t, type);
  };
  if (whens.length === 0) return typed(otherwise);
  return { ...x, whens: whens.map((w) => ({ when: w.when, then: typed(w.then) })), else: otherwise === null ? null : typed(otherwise) };
}

/** `a = b` for two constants: null when either is NULL, undefined when not decided here. */
function equalConstants(a: ScalarValue | undefined, b: ScalarValue | undefined): boolean | null | undefined {
  if (a?.value === null || b?.value === null) return null;
  if (a === undefined || b === undefined) return undefined;
  if (isInteger(a.type) && isInteger(b.type)) return BigInt(a.value as number | bigint) === BigInt(b.value as number | bigint);
  const sameKind = typesEqual(a.type, b.type) && (a.type.kind === 'Utf8' || a.type.kind === 'Boolean');
  return sameKind ? a.value === b.value : undefined;
}

/** The value of an expression built from literals only (within the few operators decided here), else undefined. */
function constantOf(e: Expr): ScalarValue | undefined {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'cast': {
      const v = constantOf(e.expr);
      return v?.value === null ? Scalars.null(e.type) : undefined;
    }
    case 'unary': {
      const v = constantOf(e.expr);
      if (v === undefined) return undefined;
      if (e.op === 'IS NULL' || e.op === 'IS NOT NULL') return Scalars.boolean((v.value === null) === (e.op === 'IS NULL'));
      if (e.op === 'NOT' && (v.value === null || typeof v.value === 'boolean')) return Scalars.boolean(v.value === null ? null : !v.value);
      if (e.op === '-' && isInteger(v.type)) return { type: v.type, value: v.value === null ? null : -(v.value as number | bigint) };
      return undefined;
    }
    case 'binary': {
      if (e.op !== '=' && e.op !== '<>') return undefined;
      const eq = equalConstants(constantOf(e.left), constantOf(e.right));
      return eq === undefined ? undefined : Scalars.boolean(eq === null ? null : (eq === (e.op === '=')));
    }
    default:
      return undefined;
  }
}
