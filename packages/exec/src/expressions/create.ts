/**
 * Logical → physical expressions: binds columns to indices of the input schema and builds the
 * evaluators. The planner has already made every cast explicit. Aliases are transparent, BETWEEN
 * becomes `x >= low AND x <= high`, an IN list with non-literal items becomes OR-ed equalities, and
 * sub-expressions over literals only (and non-volatile function calls) are folded into literals.
 */
import * as arrow from 'apache-arrow';
import { QuiverError, type Schema, type ScalarValue } from '@quiver/common';
import type { Expr } from '@quiver/planner';
import { scalarAt } from '../kernels/scalar.js';
import type { PhysicalExpr } from '../physical-expr.js';
import { BinaryExpr } from './binary.js';
import { CaseExpr } from './case.js';
import { CastExpr } from './cast.js';
import { ColumnExpr } from './column.js';
import { InListExpr } from './in-list.js';
import { LikeExpr } from './like.js';
import { LiteralExpr } from './literal.js';
import { ScalarFunctionExpr } from './scalar-function.js';
import { IsExpr, NegativeExpr, NotExpr } from './unary.js';

export function createPhysicalExpr(expr: Expr, inputSchema: Schema): PhysicalExpr {
  const build = (e: Expr): PhysicalExpr => createPhysicalExpr(e, inputSchema);
  switch (expr.kind) {
    case 'column': {
      const index = inputSchema.resolve(expr.name, expr.qualifier);
      return new ColumnExpr(expr.name, index, inputSchema.field(index).type);
    }
    case 'literal':
      return new LiteralExpr(expr.value);
    case 'alias':
      return build(expr.expr);
    case 'binary':
      return fold(new BinaryExpr(expr.op, build(expr.left), build(expr.right)));
    case 'unary': {
      const inner = build(expr.expr);
      if (expr.op === 'NOT') return fold(new NotExpr(inner));
      if (expr.op === '-') return fold(new NegativeExpr(inner));
      return fold(new IsExpr(expr.op, inner));
    }
    case 'cast':
      return fold(new CastExpr(build(expr.expr), expr.type, expr.try));
    case 'between': {
      const x = build(expr.expr);
      const range = new BinaryExpr('AND', new BinaryExpr('>=', x, build(expr.low)), new BinaryExpr('<=', x, build(expr.high)));
      return fold(expr.negated ? new NotExpr(range) : range);
    }
    case 'like':
      return fold(new LikeExpr(build(expr.expr), build(expr.pattern), expr.negated, expr.caseInsensitive, expr.escape));
    case 'inList': {
      const x = build(expr.expr);
      const items = expr.list.map(build);
      // Constant lists of scalars probe a hash set; lists of lists compare item by item (ORed `=`).
      if (x.type.kind !== 'List' && items.every((i) => i instanceof LiteralExpr)) {
        return fold(new InListExpr(x, items.map((i) => (i as LiteralExpr).value), expr.negated));
      }
      const any = items.map((i) => new BinaryExpr('=', x, i) as PhysicalExpr).reduce((a, b) => new BinaryExpr('OR', a, b));
      return fold(expr.negated ? new NotExpr(any) : any);
    }
    case 'case': {
      const operand = expr.operand === null ? null : build(expr.operand);
      const whens = expr.whens.map((w) => ({ when: build(w.when), then: build(w.then) }));
      const elseExpr = expr.else === null ? null : build(expr.else);
      const branchTypes = [...whens.map((w) => w.then.type), ...(elseExpr ? [elseExpr.type] : [])];
      const type = branchTypes.find((t) => t.kind !== 'Null') ?? branchTypes[0]!;
      return new CaseExpr(operand, whens, elseExpr, type);
    }
    case 'scalarFunction': {
      const call = new ScalarFunctionExpr(expr.func, expr.args.map(build));
      // Stable functions (now, current_date) are folded too: one value for the whole statement.
      return expr.func.volatility === 'volatile' ? call : fold(call);
    }
    case 'aggregate':
    case 'window':
    case 'scalarSubquery':
    case 'exists':
    case 'inSubquery':
    case 'wildcard':
    case 'outerColumn':
      throw new QuiverError('INTERNAL', `a ${expr.kind} expression must be planned away before physical planning`);
  }
}

// A batch of one row for folding; it needs a column because Arrow derives a batch's length from its columns.
const ONE_ROW = (() => {
  const field = new arrow.Field('_', new arrow.Null(), true);
  const column = arrow.makeData({ type: new arrow.Null(), length: 1, nullCount: 1 });
  return new arrow.RecordBatch(
    new arrow.Schema([field]),
    arrow.makeData({ type: new arrow.Struct([field]), length: 1, nullCount: 0, children: [column] }),
  );
})();

function childrenOf(e: PhysicalExpr): PhysicalExpr[] {
  if (e instanceof BinaryExpr) return [e.left, e.right];
  if (e instanceof NotExpr || e instanceof IsExpr || e instanceof NegativeExpr || e instanceof CastExpr) return [e.expr];
  if (e instanceof InListExpr) return [e.expr];
  if (e instanceof LikeExpr) return [e.expr, e.pattern];
  if (e instanceof ScalarFunctionExpr) return [...e.args];
  return [];
}

/**
 * `e` as a literal when all its inputs are literals. Evaluation errors are not raised here: the
 * expression is kept, so the error surfaces only if a row actually reaches it. A list result stays
 * an expression (computed column-wise per batch): as a scalar it would hold a JS value per item.
 */
function fold(e: PhysicalExpr): PhysicalExpr {
  if (e.type.kind === 'List' || !childrenOf(e).every((c) => c instanceof LiteralExpr)) return e;
  let value: ScalarValue;
  try {
    value = scalarAt(e.evaluate(ONE_ROW), 0, e.type);
  } catch {
    return e;
  }
  return new LiteralExpr(value);
}
