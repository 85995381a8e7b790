/**
 * TPC-H answers: queries over the official data (reference Parquet in ../shared) give the official
 * answers, value by value and in order. Skipped, with a message, where ../shared is absent.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SessionContext } from 'quiver';
import { q11SpecFraction, tpchQueries } from '../tpch/src/queries/tpch-queries.js';
import { diffRows, quiverRows, quiverTolerances } from '../tpch/src/suite/compare.js';
import { referenceAnswer, referenceParquetDir, TPCH_TABLES } from './support/tpch-answers.js';

const QUERIES = Array.from({ length: 22 }, (_, i) => i + 1);

for (const sf of ['0.01', '0.1']) {
  const dir = referenceParquetDir(sf);
  if (dir === null) {
    console.warn(`TPC-H SF ${sf}: skipped, no reference Parquet in ../shared/tpch/reference-parquet/sf${sf}`);
  }
  describe.skipIf(dir === null)(`TPC-H SF ${sf} against the official answers`, () => {
    let ctx: SessionContext;
    beforeAll(async () => {
      ctx = await SessionContext.create();
      for (const t of TPCH_TABLES) await ctx.registerParquet(t, join(dir!, `${t}.parquet`));
    });

    for (const spelling of ['interval', 'literal'] as const) {
      for (const n of QUERIES) {
        it(`Q${n} (${spelling})`, async () => {
          let last = null;
          for await (const { dataframe } of ctx.executeScript(tpchQueries(spelling)[n - 1]!)) {
            const table = await dataframe.collect();
            if (!dataframe.isDdl) last = table;
          }
          expect(diffRows(quiverRows(last!), referenceAnswer(sf, n)!, true, quiverTolerances(last!))).toBeNull();
        });
      }
    }

    it('Q11 with the fraction 0.0001 / SF', async () => {
      const script = tpchQueries('literal', { q11Fraction: q11SpecFraction(Number(sf)) })[10]!;
      const table = await (await ctx.sql(script)).collect();
      expect(diffRows(quiverRows(table), referenceAnswer(sf, 11, '-spec-fraction')!, true, quiverTolerances(table))).toBeNull();
    });
  });
}
