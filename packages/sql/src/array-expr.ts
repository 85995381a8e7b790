/**
 * Array syntax: `[a, b]` and `ARRAY[a, b]` are `make_array(a, b)`; `x[i]` is `array_element(x, i)`
 * (1-based). Both go through the session's function provider like any call.
 */
import { didYouMean, QuiverError } from '@quiver/common';
import type { Expr, ScalarFunction } from '@quiver/planner';
import { array, field, locationOf, unsupported, variant, type Node } from './ast.js';
import type { ExprEnv } from './expr-planner.js';
import type { PlanArg } from './function-call.js';

function lookup(name: string, at: Node, env: ExprEnv): ScalarFunction {
  const f = env.ctx.functions.scalarFunction(name);
  if (f) return f;
  const location = locationOf(at);
  throw new QuiverError('PLAN', `function '${name}' not found${didYouMean(name, env.ctx.functions.functionNames())}`, location ? { location } : undefined);
}

/** `[a, b, …]` / `ARRAY[a, b, …]`. */
export function planArrayLiteral(p: Node, node: Node, env: ExprEnv, planExpr: PlanArg): Expr {
  return { kind: 'scalarFunction', func: lookup('make_array', node, env), args: array(field(p, 'elem')).map((e) => planExpr(e, env)) };
}

/** `x[i][j]…`: subscripts applied left to right. */
export function planSubscripts(p: Node, node: Node, env: ExprEnv, planExpr: PlanArg): Expr {
  let out = planExpr(field(p, 'root'), env);
  for (const access of array(field(p, 'access_chain'))) {
    const [kind, sub] = variant(access);
    const [subKind, index] = kind === 'Subscript' ? variant(sub) : [kind, null];
    if (subKind !== 'Index') throw unsupported(`field access ${subKind}`, node);
    out = { kind: 'scalarFunction', func: lookup('array_element', node, env), args: [out, planExpr(field(index, 'index'), env)] };
  }
  return out;
}
