import { describe, expect, it } from 'vitest';
import { DataTypes, Field, Schema, Scalars, type DataType } from '@quiver/common';
import { alias, binary, cast, col, lit, coerceExpr, type Expr, type ScalarFunction } from '@quiver/planner';
import { makeBatch } from '../selection/record-batch.js';
import { data, values } from '../kernels/test-data.js';
import { broadcastScalar } from '../kernels/scalar.js';
import { createPhysicalExpr } from './create.js';
import { LiteralExpr } from './literal.js';

const { int32, utf8, float64, date32 } = DataTypes;
const price = DataTypes.decimal(15, 2);

const schema = new Schema([
  new Field('a', int32, true, 't'),
  new Field('s', utf8, true, 't'),
  new Field('p', price, true, 't'),
  new Field('d', date32, true, 't'),
]);

const batch = makeBatch(
  schema.toArrow(),
  [
    data(int32, [1, -7, null, 4]),
    data(utf8, ['abc', '12', null, 'x%']),
    data(price, [100n, 250n, 999n, null]),
    data(date32, [9000, 9100, 9200, null]),
  ],
  4,
);

function run(e: Expr) {
  const phys = createPhysicalExpr(coerceExpr(e, schema), schema);
  return values(phys.evaluate(batch), phys.type);
}

describe('createPhysicalExpr', () => {
  it('binds columns by name and qualifier and evaluates arithmetic with literals', () => {
    expect(run(binary(col('t.a'), '/', lit(2)))).toEqual([0, -3, null, 2]);
    expect(run(binary(col('a'), '*', col('a')))).toEqual([1, 49, null, 16]);
    expect(() => run(col('zz'))).toThrow(/column 'zz' not found/);
  });

  it('computes exact decimal expressions such as p * (1 - 0.05)', () => {
    const e = binary(col('p'), '*', binary(lit(1), '-', lit(Scalars.decimal(5n, 3, 2))));
    expect(run(e)).toEqual([9500n, 23750n, 94905n, null]);
  });

  it('treats aliases as transparent and shows columns as name@index', () => {
    const phys = createPhysicalExpr(alias(binary(col('a'), '+', lit(1)), 'x'), schema);
    expect(String(phys)).toBe('a@0 + 1');
  });

  it('turns BETWEEN into a conjunction of comparisons', () => {
    expect(run({ kind: 'between', expr: col('d'), low: lit(Scalars.date32(9050)), high: lit(Scalars.date32(9200)), negated: false })).toEqual([
      false,
      true,
      true,
      null,
    ]);
    expect(run({ kind: 'between', expr: col('a'), low: lit(0), high: lit(2), negated: true })).toEqual([false, true, null, true]);
  });

  it('evaluates IN lists of literals and of expressions', () => {
    expect(run({ kind: 'inList', expr: col('s'), list: [lit('abc'), lit('x%')], negated: false })).toEqual([true, false, null, true]);
    expect(run({ kind: 'inList', expr: col('a'), list: [lit(4), binary(col('a'), '+', lit(0))], negated: true })).toEqual([
      false,
      false,
      null,
      false,
    ]);
  });

  it('evaluates IN lists of list constants item by item', () => {
    const ints = DataTypes.list(int32);
    const list = (items: number[] | null) => lit(Scalars.list(int32, items));
    expect(run({ kind: 'inList', expr: list([1, 2]), list: [list([3]), list([1, 2])], negated: false })).toEqual([true, true, true, true]);
    expect(run({ kind: 'inList', expr: cast(list([5]), ints), list: [list([1]), list(null)], negated: true })).toEqual([null, null, null, null]);
  });

  it('evaluates LIKE, NOT, IS NULL and negation', () => {
    expect(run({ kind: 'like', expr: col('s'), pattern: lit('%c'), negated: false, caseInsensitive: false, escape: null })).toEqual([
      true,
      false,
      null,
      false,
    ]);
    expect(run({ kind: 'unary', op: 'IS NULL', expr: col('a') })).toEqual([false, false, true, false]);
    expect(run({ kind: 'unary', op: '-', expr: col('a') })).toEqual([-1, 7, null, -4]);
    expect(run({ kind: 'unary', op: '-', expr: col('p') })).toEqual([-100n, -250n, -999n, null]);
    expect(run({ kind: 'unary', op: 'NOT', expr: binary(col('a'), '>', lit(0)) })).toEqual([false, true, null, false]);
  });

  it('skips the right side of AND/OR when the left side decides every row', () => {
    const failing = binary(cast(col('s'), int32), '>', lit(0)); // 'abc' is not an integer
    const never = binary(col('a'), 'IS DISTINCT FROM', col('a'));
    const always = binary(col('a'), 'IS NOT DISTINCT FROM', col('a'));
    expect(run(binary(never, 'AND', failing))).toEqual([false, false, false, false]);
    expect(run(binary(always, 'OR', failing))).toEqual([true, true, true, true]);
    expect(() => run(binary(binary(col('a'), '>', lit(0)), 'AND', failing))).toThrow(/invalid input syntax/);
  });

  it('evaluates searched CASE lazily: a failing branch only runs on its rows', () => {
    const e: Expr = {
      kind: 'case',
      operand: null,
      whens: [
        { when: binary(col('s'), '=', lit('12')), then: cast(col('s'), int32) },
        { when: binary(col('a'), '>', lit(0)), then: col('a') },
      ],
      else: null,
    };
    expect(run(e)).toEqual([1, 12, null, 4]);
  });

  it('assembles CASE results from several partial branches and a computed ELSE', () => {
    const e: Expr = {
      kind: 'case',
      operand: null,
      whens: [
        { when: binary(col('a'), '=', lit(4)), then: lit(40) },
        { when: binary(col('a'), '<', lit(0)), then: binary(col('a'), '*', lit(100)) },
        { when: binary(col('a'), '=', lit(999)), then: lit(0) },
      ],
      else: binary(col('a'), '+', lit(1000)),
    };
    expect(run(e)).toEqual([1001, -700, null, 40]);
  });

  it('evaluates simple CASE with ELSE', () => {
    const e: Expr = {
      kind: 'case',
      operand: col('a'),
      whens: [
        { when: lit(1), then: lit('one') },
        { when: lit(4), then: lit('four') },
      ],
      else: lit('other'),
    };
    expect(run(e)).toEqual(['one', 'other', 'other', 'four']);
  });

  it('folds literal-only sub-expressions, but leaves failing ones for run time', () => {
    const folded = createPhysicalExpr(coerceExpr(binary(lit(1), '+', lit(2)), schema), schema);
    expect(folded).toBeInstanceOf(LiteralExpr);
    expect((folded as LiteralExpr).value).toEqual(Scalars.int32(3));
    const bad = createPhysicalExpr(cast(lit('x'), int32), schema);
    expect(bad).not.toBeInstanceOf(LiteralExpr);
    expect(() => bad.evaluate(batch)).toThrow(/invalid input syntax for type INTEGER: "x"/);
    // A constant list is computed column-wise per batch, not folded into a scalar of JS values per item.
    const list = createPhysicalExpr(cast(lit(Scalars.list(int32, [1, 2])), DataTypes.list(float64)), schema);
    expect(list).not.toBeInstanceOf(LiteralExpr);
    expect(values(list.evaluate(batch), list.type)).toEqual([[1, 2], [1, 2], [1, 2], [1, 2]]);
  });

  it('calls scalar functions with scalar arguments kept scalar', () => {
    const seen: string[] = [];
    const twice: ScalarFunction = {
      name: 'twice',
      volatility: 'volatile',
      coerceArgs: (t) => [...t],
      returnType: (t: readonly DataType[]) => t[0]!,
      invoke(args, numRows) {
        seen.push(...args.map((a) => a.kind));
        return broadcastScalar({ type: float64, value: 2 }, numRows);
      },
    };
    expect(run({ kind: 'scalarFunction', func: twice, args: [lit(1.5), col('a')] })).toEqual([2, 2, 2, 2]);
    expect(seen).toEqual(['scalar', 'array']);
  });

  it('rejects expressions that must be planned away', () => {
    expect(() => createPhysicalExpr({ kind: 'wildcard', qualifier: null }, schema)).toThrow(/wildcard expression must be planned away/);
  });
});
