import { DataTypes } from '@quiver/common';
import { and, binary, col, lit, planToString, type Expr } from '@quiver/planner';
import { describe, expect, it } from 'vitest';
import { scan, table, u } from '../test-fixtures.js';
import { CrossJoinToInnerJoin } from './cross-join-to-inner-join.js';

const eq = (a: Expr, b: Expr) => binary(a, '=', b);
const p = table({ pk: DataTypes.int64, name: DataTypes.utf8 });
const s = table({ sk: DataTypes.int64, nation: DataTypes.int64 });
const ps = table({ ps_pk: DataTypes.int64, ps_sk: DataTypes.int64, cost: DataTypes.int64 });

describe('CrossJoinToInnerJoin', () => {
  it('joins each input to one it shares an equality with (FROM part, supplier, partsupp)', () => {
    const plan = scan('part', p)
      .crossJoin(scan('supplier', s).build())
      .crossJoin(scan('partsupp', ps).build())
      .filter(and(eq(col('part.pk'), col('partsupp.ps_pk')), eq(col('supplier.sk'), col('partsupp.ps_sk')), binary(col('part.name'), '<>', lit('x'))))
      .build();
    const out = new CrossJoinToInnerJoin().rewrite(plan);
    expect(planToString(out)).toBe(
      [
        'Projection: part.pk, part.name, supplier.sk, supplier.nation, partsupp.ps_pk, partsupp.ps_sk, partsupp.cost',
        "  Filter: part.name <> 'x'",
        '    Join: type=inner on=[partsupp.ps_sk = supplier.sk]',
        '      Join: type=inner on=[part.pk = partsupp.ps_pk]',
        '        TableScan: part',
        '        TableScan: partsupp',
        '      TableScan: supplier',
      ].join('\n'),
    );
    expect(out.schema.fields.map(String)).toEqual(plan.schema.fields.map(String));
    expect(new CrossJoinToInnerJoin().rewrite(out)).toBe(out);
  });

  it('also flattens inner joins built earlier and keeps non-equality predicates above', () => {
    const plan = scan('t')
      .crossJoin(scan('u', u).build())
      .join(scan('v').build(), 'inner', [[col('u.x'), col('v.a')]])
      .filter(and(eq(col('t.a'), col('v.b')), binary(col('t.b'), '<', col('u.y'))))
      .build();
    expect(planToString(new CrossJoinToInnerJoin().rewrite(plan))).toBe(
      [
        'Projection: t.a, t.b, t.c, u.x, u.y, v.a, v.b, v.c',
        '  Filter: t.b < u.y',
        '    Join: type=inner on=[v.a = u.x]',
        '      Join: type=inner on=[t.a = v.b]',
        '        TableScan: t',
        '        TableScan: v',
        '      TableScan: u',
      ].join('\n'),
    );
  });

  it('leaves cross joins no equality links, and outer joins', () => {
    const cross = scan('t').crossJoin(scan('u', u).build()).filter(binary(col('t.a'), '<', col('u.x'))).build();
    expect(new CrossJoinToInnerJoin().rewrite(cross)).toBe(cross);
    const outer = scan('t').crossJoin(scan('v').build()).join(scan('u', u).build(), 'left', [[col('t.a'), col('u.x')]]).filter(eq(col('t.b'), col('v.b'))).build();
    expect(planToString(new CrossJoinToInnerJoin().rewrite(outer))).toBe(
      ['Filter: t.b = v.b', '  Join: type=left on=[t.a = u.x]', '    CrossJoin', '      TableScan: t', '      TableScan: v', '    TableScan: u'].join('\n'),
    );
  });
});
