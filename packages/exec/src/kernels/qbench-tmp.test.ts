import { it } from 'vitest';
import { SessionContext } from 'quiver';
import { registerTpch } from '@quiver/tpch';

const Q1 = `select l_returnflag, l_linestatus, sum(l_quantity) as sum_qty, sum(l_extendedprice) as sum_base_price,
 sum(l_extendedprice * (1 - l_discount)) as sum_disc_price, sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as sum_charge,
 avg(l_quantity) as avg_qty, avg(l_extendedprice) as avg_price, avg(l_discount) as avg_disc, count(*) as count_order
 from lineitem where l_shipdate <= date '1998-12-01' - interval '90' day group by l_returnflag, l_linestatus order by l_returnflag, l_linestatus`;
const Q6 = `select sum(l_extendedprice * l_discount) as revenue from lineitem where l_shipdate >= date '1994-01-01'
 and l_shipdate < date '1994-01-01' + interval '1' year and l_discount between 0.06 - 0.01 and 0.06 + 0.01 and l_quantity < 24`;
const PROJ = `select sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) from lineitem`;

it('tpch kernels', async () => {
  const ctx = await SessionContext.create();
  await registerTpch(ctx, { sf: Number(process.env.SF ?? 0.2), tables: ['lineitem'], threads: 0 });
  for (const [name, q] of [['Q1', Q1], ['Q6', Q6], ['PROJ', PROJ]] as const) {
    for (let rep = 0; rep < 2; rep++) {
      const t = performance.now();
      const df = await ctx.sql(q);
      const res = await df.collect();
      console.log(name, (performance.now() - t).toFixed(0), 'ms', res.numRows);
    }

  }
});
