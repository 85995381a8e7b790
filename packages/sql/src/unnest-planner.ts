/**
 * `unnest(list)` in a SELECT list (`SELECT unnest(a), b FROM t`): one output row per item, the other
 * columns repeated, as DataFusion and DuckDB do. The calls (planned as the placeholder scalar function
 * `unnest`) move into one `lateralTableFunction` node of the `unnest` table function over the rows the
 * SELECT list reads (after grouping and windows), so several unnests zip to the longest list and a
 * row whose lists are all NULL or empty gives no rows; the SELECT list then reads the node's columns.
 * Elsewhere (WHERE, GROUP BY, HAVING, aggregate or window arguments, ORDER BY, nested in another
 * unnest) an unnest is rejected while planning.
 */
import { Field, QuiverError, Schema, typesEqual } from '@quiver/common';
import { cast, exprAny, exprToString, exprType, lateralSchema, LogicalPlanBuilder, transformExprDown, visitExpr, type Expr, type ExprOf, type LogicalPlan } from '@quiver/planner';
import type { PlannerContext } from './context.js';
import { columnExpr } from './scope.js';

type UnnestCall = ExprOf<'scalarFunction'>;

function isUnnest(e: Expr): e is UnnestCall {
  return e.kind === 'scalarFunction' && e.func.name === 'unnest';
}

/** `e`, or a PLAN error when it holds an unnest call (`clause` says where it is). */
export function withoutUnnest<E extends Expr>(e: E, clause: string): E {
  if (exprAny(e, isUnnest)) throw new QuiverError('PLAN', `unnest(…) is not allowed in ${clause}; use it in the SELECT list or as a table function in FROM`);
  return e;
}

/** The SELECT's rows with its unnest calls computed, and how its expressions read them. */
export interface PlannedUnnests {
  readonly builder: LogicalPlanBuilder;
  /** An expression with each unnest call the SELECT list has replaced by its column (any other unnest is an error). */
  readonly rewrite: (e: Expr) => Expr;
}

/** Moves the unnest calls of the SELECT list `projected` (over `builder`'s rows) into an unnest LATERAL node. */
export function planUnnests(builder: LogicalPlanBuilder, projected: readonly Expr[], ctx: PlannerContext): PlannedUnnests {
  const calls = new Map<string, UnnestCall>();
  for (const e of projected) {
    visitExpr(e, (x) => {
      if (!isUnnest(x)) return true;
      withoutUnnest(x.args[0]!, 'the argument of another unnest');
      if (!calls.has(exprToString(x))) calls.set(exprToString(x), x);
      return false;
    });
  }
  const columns = new Map<string, Expr>();
  const rewrite = (e: Expr): Expr => transformExprDown(e, (x) => (isUnnest(x) ? (columns.get(exprToString(x)) ?? withoutUnnest(x, 'ORDER BY unless the SELECT list has it')) : x));
  if (calls.size === 0) return { builder, rewrite };
  const fn = ctx.functions.tableFunction?.('unnest');
  if (!fn?.lateral) throw new QuiverError('PLAN', "unnest(…) in a SELECT list needs the table function 'unnest', which this session does not have");
  const input = builder.build();
  const args = [...calls.values()].map((c) => c.args[0]!);
  const argTypes = args.map((e) => exprType(e, input.schema));
  const params = fn.lateral.coerceArgs(argTypes);
  const functionSchema = new Schema(fn.lateral.outputFields(params).map((f, i) => new Field(`__unnest_placeholder(${exprToString(args[i]!)})`, f.type, f.nullable)));
  [...calls.keys()].forEach((key, i) => columns.set(key, columnExpr(functionSchema.field(i))));
  const plan: LogicalPlan = {
    kind: 'lateralTableFunction',
    input,
    func: fn,
    args: args.map((e, i) => (typesEqual(argTypes[i]!, params[i]!) ? e : cast(e, params[i]!))),
    outer: false,
    functionSchema,
    schema: lateralSchema(input.schema, functionSchema, false),
  };
  return { builder: LogicalPlanBuilder.from(plan), rewrite };
}
