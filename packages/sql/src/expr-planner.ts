/**
 * SQL expressions to logical `Expr`s: names resolved through the query's `Scope` (outer levels give
 * `outerColumn`s), literals typed exactly, operators mapped, subqueries planned as expressions.
 * Every composite node is type-checked as it is built, so a type error points at its expression.
 */
import { didYouMean, QuiverError, Scalars, typeToString, type DataType } from '@quiver/common';
import { binary, cast, exprType, lit, type BinaryOp, type Expr, type UnaryOp } from '@quiver/planner';
import { planArrayLiteral, planSubscripts } from './array-expr.js';
import { array, asIdent, field, locationOf, unsupported, variant, withLocation, type Ident, type Node } from './ast.js';
import type { PlannerContext } from './context.js';
import { sqlDataType } from './data-type.js';
import { planFunction } from './function-call.js';
import { dateLiteral, intervalLiteral, numberLiteral, timeLiteral, timestampLiteral } from './literal.js';
import { isPatternOp, planPatternOp, planSimilarTo } from './pattern-ops.js';
import { columnExpr, normalizeIdent, type Scope } from './scope.js';

export interface ExprEnv {
  readonly ctx: PlannerContext;
  readonly scope: Scope;
  /** SELECT-list aliases, for names the FROM clause lacks (GROUP BY, HAVING and ORDER BY may use them). */
  readonly aliases?: ReadonlyMap<string, Expr>;
  /** The clause that forbids aggregates here (e.g. 'WHERE'), or null where they are allowed. */
  readonly noAggregates: string | null;
  /** The SELECT's named windows (WINDOW w AS (…)), by name. */
  readonly windows?: ReadonlyMap<string, Node>;
}

const BINARY_OPS: Record<string, BinaryOp> = {
  Plus: '+',
  Minus: '-',
  Multiply: '*',
  Divide: '/',
  Modulo: '%',
  StringConcat: '||',
  Eq: '=',
  NotEq: '<>',
  Lt: '<',
  LtEq: '<=',
  Gt: '>',
  GtEq: '>=',
  And: 'AND',
  Or: 'OR',
  BitwiseAnd: '&',
  BitwiseOr: '|',
  BitwiseXor: '^',
  PGBitwiseXor: '^',
  PGBitwiseShiftLeft: '<<',
  PGBitwiseShiftRight: '>>',
};

const IS_OPS: Record<string, UnaryOp> = {
  IsNull: 'IS NULL',
  IsNotNull: 'IS NOT NULL',
  IsTrue: 'IS TRUE',
  IsNotTrue: 'IS NOT TRUE',
  IsFalse: 'IS FALSE',
  IsNotFalse: 'IS NOT FALSE',
  IsUnknown: 'IS NULL',
  IsNotUnknown: 'IS NOT NULL',
};

export function planExpr(node: Node, env: ExprEnv): Expr {
  const [tag, p] = variant(node);
  switch (tag) {
    case 'Identifier':
      return planColumn([asIdent(p)], env);
    case 'CompoundIdentifier':
      return planColumn(array(p).map(asIdent), env);
    case 'Value':
      return planValue(p, false);
    case 'TypedString':
      return planTypedString(p);
    case 'Interval':
      return planInterval(p);
    case 'Nested':
      return planExpr(p, env);
    case 'BinaryOp': {
      if (isPatternOp(field(p, 'op'))) return checked(planPatternOp(field(p, 'op') as string, p, node, env, planExpr), node, env);
      const op = BINARY_OPS[field(p, 'op') as string];
      if (!op) throw unsupported(`operator ${JSON.stringify(field(p, 'op'))}`, node);
      return checked(binary(planExpr(field(p, 'left'), env), op, planExpr(field(p, 'right'), env)), node, env);
    }
    case 'UnaryOp':
      return planUnary(p, node, env);
    case 'IsNull':
    case 'IsNotNull':
    case 'IsTrue':
    case 'IsNotTrue':
    case 'IsFalse':
    case 'IsNotFalse':
    case 'IsUnknown':
    case 'IsNotUnknown':
      return checked({ kind: 'unary', op: IS_OPS[tag]!, expr: planExpr(p, env) }, node, env);
    case 'IsDistinctFrom':
    case 'IsNotDistinctFrom':
      return planDistinctFrom(tag, p, node, env);
    case 'Cast':
      return planCast(p, node, env);
    case 'Case':
      return planCase(p, node, env);
    case 'InList':
      return checked(
        {
          kind: 'inList',
          expr: planExpr(field(p, 'expr'), env),
          list: array(field(p, 'list')).map((e) => planExpr(e, env)),
          negated: field(p, 'negated') === true,
        },
        node,
        env,
      );
    case 'Between':
      return checked(
        {
          kind: 'between',
          expr: planExpr(field(p, 'expr'), env),
          low: planExpr(field(p, 'low'), env),
          high: planExpr(field(p, 'high'), env),
          negated: field(p, 'negated') === true,
        },
        node,
        env,
      );
    case 'Like':
    case 'ILike':
      return planLike(p, tag === 'ILike', node, env);
    case 'SimilarTo':
      return checked(planSimilarTo(p, node, env, planExpr), node, env);
    case 'Function':
    case 'Extract':
    case 'Substring':
    case 'Trim':
    case 'Floor':
    case 'Ceil':
    case 'Position':
    case 'Overlay':
      return checked(planFunction(tag, p, node, env, planExpr), node, env);
    case 'Array':
      return checked(planArrayLiteral(p, node, env, planExpr), node, env);
    case 'CompoundFieldAccess':
      return checked(planSubscripts(p, node, env, planExpr), node, env);
    case 'Exists':
      return { kind: 'exists', plan: planSubquery(field(p, 'subquery'), env), negated: field(p, 'negated') === true };
    case 'Subquery': {
      const plan = planSubquery(p, env);
      return checked({ kind: 'scalarSubquery', plan }, node, env);
    }
    case 'InSubquery': {
      const plan = planSubquery(field(p, 'subquery'), env);
      if (plan.schema.length !== 1) {
        throw new QuiverError('PLAN', `the subquery of IN must return one column, this one returns ${plan.schema.length}`, locOpt(node));
      }
      return { kind: 'inSubquery', expr: planExpr(field(p, 'expr'), env), plan, negated: field(p, 'negated') === true };
    }
    default:
      throw unsupported(`expression ${tag}`, node);
  }
}

function locOpt(node: Node) {
  const location = locationOf(node);
  return location ? { location } : undefined;
}

/** `e` after checking its type over the scope, errors placed at `node`. */
export function checked(e: Expr, node: Node, env: ExprEnv): Expr {
  withLocation(locationOf(node), () => typeOf(e, env));
  return e;
}

/** The type of `e` over the current scope; function arguments must also be accepted by the function. */
export function typeOf(e: Expr, env: ExprEnv): DataType {
  if (e.kind === 'scalarFunction' || e.kind === 'aggregate' || e.kind === 'window') {
    const args = e.func.coerceArgs(e.args.map((a) => typeOf(a, env)));
    return e.func.returnType(args);
  }
  return exprType(e, env.scope.schema);
}

function planColumn(idents: Ident[], env: ExprEnv): Expr {
  const names = idents.map(normalizeIdent);
  const location = locationOf(idents[0]);
  if (names.length > 2) {
    throw new QuiverError('NOT_IMPLEMENTED', `column reference '${names.join('.')}' with more than one qualifier is not supported`, location ? { location } : undefined);
  }
  const [qualifier, name] = names.length === 2 ? [names[0]!, names[1]!] : [null, names[0]!];
  return withLocation(location, () => {
    const f = env.scope.local(name, qualifier);
    if (f) {
      const e = columnExpr(f);
      if (location) env.ctx.locations.set(e, location);
      return e;
    }
    const aliased = qualifier === null ? env.aliases?.get(name) : undefined;
    if (aliased) return aliased;
    const outer = env.scope.outer(name, qualifier);
    if (outer) return outer;
    const shown = qualifier === null ? name : `${qualifier}.${name}`;
    const candidates = env.scope.schema.fields.map((x) => (qualifier === null ? x.name : x.qualifiedName));
    if (qualifier !== null && !env.scope.schema.fields.some((x) => x.qualifier === qualifier)) {
      const tables = env.scope.schema.fields.flatMap((x) => (x.qualifier === null ? [] : [x.qualifier]));
      throw new QuiverError('PLAN', `table or alias '${qualifier}' not found in FROM${didYouMean(qualifier, tables)}`);
    }
    throw new QuiverError('PLAN', `column '${shown}' not found${didYouMean(shown, candidates)}`);
  });
}

/** A `Value` node (`{value, span}`) as a literal. */
export function planValue(p: Node, negative: boolean): Expr {
  const value = field(p, 'value');
  const [tag, v] = variant(value);
  return withLocation(locationOf(p), () => {
    switch (tag) {
      case 'Number':
        return lit(numberLiteral(String(array(v)[0]), negative));
      case 'SingleQuotedString':
      case 'EscapedStringLiteral':
      case 'NationalStringLiteral':
        return lit(Scalars.utf8(v as string));
      case 'Boolean':
        return lit(Scalars.boolean(v as boolean));
      case 'Null':
        return lit(Scalars.null());
      default:
        throw unsupported(`literal ${tag}`, p);
    }
  });
}

/** The text of a string `Value` node. */
function stringValue(p: Node): string {
  const [tag, v] = variant(field(p, 'value'));
  if (tag === 'SingleQuotedString' || tag === 'EscapedStringLiteral') return v as string;
  throw unsupported(`literal ${tag} here`, p);
}

function planTypedString(p: Node): Expr {
  const valueNode = field(p, 'value');
  const text = stringValue(valueNode);
  const typeNode = field(p, 'data_type');
  const [tag] = variant(typeNode);
  return withLocation(locationOf(valueNode), () => {
    if (tag === 'Date') return lit(dateLiteral(text));
    if (tag === 'Time' && sqlDataType(typeNode).kind === 'Time') return lit(timeLiteral(text));
    if (tag === 'Timestamp' || tag === 'Datetime') {
      const type = sqlDataType(typeNode);
      if (type.kind === 'Timestamp' && type.timezone !== null) throw unsupported('TIMESTAMP WITH TIME ZONE literal', p);
      return lit(timestampLiteral(text));
    }
    return cast(lit(text), sqlDataType(typeNode));
  });
}

function planInterval(p: Node): Expr {
  if (field(p, 'last_field') !== undefined) throw unsupported('INTERVAL … TO …', p);
  const value = field(p, 'value');
  const [tag, v] = variant(value);
  let text: string;
  if (tag === 'Value') {
    const [vt, raw] = variant(field(v, 'value'));
    text = vt === 'Number' ? String(array(raw)[0]) : stringValue(v);
  } else {
    throw unsupported('INTERVAL with a non-literal value', value);
  }
  return withLocation(locationOf(value), () => lit(intervalLiteral(text, intervalUnit(field(p, 'leading_field')))));
}

/** The unit name of an INTERVAL's leading field; the parser hands `WEEK` over as an empty object (its `Week(None)`). */
function intervalUnit(node: unknown): string | null {
  if (typeof node === 'string') return node;
  if (node !== null && typeof node === 'object') {
    const keys = Object.keys(node);
    if (keys.length === 0 || keys[0] === 'Week') return 'week';
  }
  return null;
}

function planUnary(p: Node, node: Node, env: ExprEnv): Expr {
  const op = field(p, 'op');
  const inner = field(p, 'expr');
  if (op === 'Minus') {
    const [tag, v] = variant(inner);
    if (tag === 'Value' && variant(field(v, 'value'))[0] === 'Number') return planValue(v, true);
    return checked({ kind: 'unary', op: '-', expr: planExpr(inner, env) }, node, env);
  }
  if (op === 'Plus') {
    const e = planExpr(inner, env);
    if (withLocation(locationOf(node), () => typeOf(e, env)).kind === 'Boolean') {
      throw new QuiverError('TYPE', "cannot apply unary operator '+' to BOOLEAN", locOpt(node));
    }
    return checked(e, node, env);
  }
  if (op === 'Not') return checked({ kind: 'unary', op: 'NOT', expr: planExpr(inner, env) }, node, env);
  throw unsupported(`unary operator ${JSON.stringify(op)}`, node);
}

/**
 * `a IS [NOT] DISTINCT FROM b`. The parser binds the right side too loosely (`a IS DISTINCT FROM b AND c`
 * comes back as `a IS DISTINCT FROM (b AND c)`), so an unparenthesized AND/OR on the right is re-associated.
 */
function planDistinctFrom(tag: string, p: Node, node: Node, env: ExprEnv): Expr {
  const [leftNode, rightNode] = array(p);
  const op: BinaryOp = tag === 'IsDistinctFrom' ? 'IS DISTINCT FROM' : 'IS NOT DISTINCT FROM';
  const [rt, rp] = variant(rightNode);
  if (rt === 'BinaryOp' && (field(rp, 'op') === 'And' || field(rp, 'op') === 'Or')) {
    const rotated = { BinaryOp: { left: { [tag]: [leftNode, field(rp, 'left')] }, op: field(rp, 'op'), right: field(rp, 'right') } };
    return planExpr(rotated, env);
  }
  return checked(binary(planExpr(leftNode, env), op, planExpr(rightNode, env)), node, env);
}

function planCast(p: Node, node: Node, env: ExprEnv): Expr {
  const kind = field(p, 'kind');
  if (field(p, 'format') !== undefined) throw unsupported('CAST … FORMAT', node);
  const type = sqlDataType(field(p, 'data_type'));
  const expr = planExpr(field(p, 'expr'), env);
  return checked({ kind: 'cast', expr, type, try: kind === 'TryCast' || kind === 'SafeCast' }, node, env);
}

function planCase(p: Node, node: Node, env: ExprEnv): Expr {
  const operandNode = field(p, 'operand');
  const elseNode = field(p, 'else_result');
  return checked(
    {
      kind: 'case',
      operand: operandNode === undefined ? null : planExpr(operandNode, env),
      whens: array(field(p, 'conditions')).map((c) => ({ when: planExpr(field(c, 'condition'), env), then: planExpr(field(c, 'result'), env) })),
      else: elseNode === undefined ? null : planExpr(elseNode, env),
    },
    node,
    env,
  );
}

function planLike(p: Node, caseInsensitive: boolean, node: Node, env: ExprEnv): Expr {
  if (field(p, 'any') === true) throw unsupported('LIKE ANY', node);
  const escNode = field(p, 'escape_char');
  let escape: string | null = null;
  if (escNode !== undefined) {
    escape = stringValue(escNode);
    if (escape.length !== 1) {
      const location = locationOf(escNode);
      throw new QuiverError('PLAN', `the ESCAPE of LIKE must be one character, got '${escape}'`, location ? { location } : undefined);
    }
  }
  const expr = planExpr(field(p, 'expr'), env);
  const pattern = planExpr(field(p, 'pattern'), env);
  for (const operand of [expr, pattern]) {
    const t = withLocation(locationOf(node), () => typeOf(operand, env));
    if (t.kind !== 'Utf8' && t.kind !== 'Null') {
      throw new QuiverError('TYPE', `${caseInsensitive ? 'ILIKE' : 'LIKE'} needs VARCHAR operands, got ${typeToString(t)}`, locOpt(node));
    }
  }
  return checked(
    {
      kind: 'like',
      expr,
      pattern,
      negated: field(p, 'negated') === true,
      caseInsensitive,
      escape,
    },
    node,
    env,
  );
}

function planSubquery(query: Node, env: ExprEnv) {
  return env.ctx.planQuery(query, env.ctx, env.scope);
}
