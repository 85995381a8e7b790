/**
 * PostgreSQL's pattern operators: `~ ~* !~ !~*` become calls of regexp_like (with flag `i` for the
 * case-insensitive forms, under NOT for the negated ones), `~~ ~~* !~~ !~~*` become [NOT] [I]LIKE,
 * and `[NOT] SIMILAR TO 'pattern'` becomes an anchored regexp_like, `%` and `_` read as `.*` and `.`
 * (the rest of the pattern as a regular expression, as DataFusion reads it).
 */
import { QuiverError, Scalars } from '@quiver/common';
import { lit, type Expr } from '@quiver/planner';
import { field, locationOf, unsupported, variant, type Node } from './ast.js';
import type { ExprEnv } from './expr-planner.js';

type PlanExpr = (node: Node, env: ExprEnv) => Expr;

const REGEX_OPS: Record<string, { insensitive: boolean; negated: boolean }> = {
  PGRegexMatch: { insensitive: false, negated: false },
  PGRegexIMatch: { insensitive: true, negated: false },
  PGRegexNotMatch: { insensitive: false, negated: true },
  PGRegexNotIMatch: { insensitive: true, negated: true },
};

const LIKE_OPS: Record<string, { insensitive: boolean; negated: boolean }> = {
  PGLikeMatch: { insensitive: false, negated: false },
  PGILikeMatch: { insensitive: true, negated: false },
  PGNotLikeMatch: { insensitive: false, negated: true },
  PGNotILikeMatch: { insensitive: true, negated: true },
};

/** Whether a BinaryOp operator name is one of the pattern operators. */
export function isPatternOp(op: unknown): boolean {
  return typeof op === 'string' && (op in REGEX_OPS || op in LIKE_OPS);
}

function regexpLike(env: ExprEnv, node: Node, args: Expr[], negated: boolean): Expr {
  const func = env.ctx.functions.scalarFunction('regexp_like');
  if (!func) throw new QuiverError('PLAN', "function 'regexp_like' not found", locationOf(node) ? { location: locationOf(node)! } : undefined);
  const call: Expr = { kind: 'scalarFunction', func, args };
  return negated ? { kind: 'unary', op: 'NOT', expr: call } : call;
}

/** `left op right` for a pattern operator (see `isPatternOp`). */
export function planPatternOp(op: string, p: Node, node: Node, env: ExprEnv, planExpr: PlanExpr): Expr {
  const left = planExpr(field(p, 'left'), env);
  const right = planExpr(field(p, 'right'), env);
  const regex = REGEX_OPS[op];
  if (regex) return regexpLike(env, node, regex.insensitive ? [left, right, lit(Scalars.utf8('i'))] : [left, right], regex.negated);
  const like = LIKE_OPS[op]!;
  return { kind: 'like', expr: left, pattern: right, negated: like.negated, caseInsensitive: like.insensitive, escape: null };
}

/** The regular expression of a SIMILAR TO pattern: anchored, `%` as `.*`, `_` as `.`, escaped characters literal. */
export function similarToRegex(pattern: string, escape: string | null): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (escape !== null && c === escape && i + 1 < pattern.length) {
      out += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else out += c;
  }
  return `^(?:${out})$`;
}

/** `expr [NOT] SIMILAR TO 'pattern' [ESCAPE 'c']`; the pattern must be a string literal. */
export function planSimilarTo(p: Node, node: Node, env: ExprEnv, planExpr: PlanExpr): Expr {
  const patternNode = field(p, 'pattern');
  const [tag, v] = variant(patternNode);
  const text = tag === 'Value' ? variant(field(v, 'value')) : null;
  if (text === null || text[0] !== 'SingleQuotedString') throw unsupported('SIMILAR TO with a pattern that is not a string literal', node);
  const escNode = field(p, 'escape_char');
  const escape = escNode === undefined ? '\\' : (variant(field(escNode, 'value'))[1] as string);
  const regex = similarToRegex(text[1] as string, escape);
  return regexpLike(env, node, [planExpr(field(p, 'expr'), env), lit(Scalars.utf8(regex))], field(p, 'negated') === true);
}
