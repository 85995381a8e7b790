/**
 * TPC-H at SF 0.01 on generated data: the 22 queries in both spellings (and Q11 with the spec's
 * fraction) give DuckDB's answers over the same data, value by value and in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SessionContext } from 'quiver';
import { q11SpecFraction, tpchQueries } from '../tpch/src/queries/tpch-queries.js';
import { loadDuckDb, registerQuiver } from '../tpch/src/suite/data.js';
import { openDuckDb } from '../tpch/src/suite/duckdb.js';
import { answerDiff, runDuckDb, runQuiver } from '../tpch/src/suite/runner.js';

const SF = 0.01;

describe(`TPC-H SF ${SF} generated data, Quiver against DuckDB`, () => {
  let ctx: SessionContext;
  let duck: DuckDBConnection;
  beforeAll(async () => {
    ctx = await SessionContext.create();
    await registerQuiver(ctx, { sf: SF });
    duck = await openDuckDb(1);
    await loadDuckDb(duck, { sf: SF });
  });
  afterAll(() => duck?.closeSync());

  const check = async (script: string) => {
    const quiver = await runQuiver(ctx, script);
    const duckdb = await runDuckDb(duck, script);
    expect(duckdb.result.currentRowCount).toBeGreaterThan(0);
    expect(answerDiff(quiver.result, duckdb.result)).toBeNull();
  };

  for (const spelling of ['interval', 'literal'] as const) {
    tpchQueries(spelling).forEach((script, i) => {
      it(`Q${i + 1} (${spelling})`, () => check(script));
    });
  }
  it('Q11 with the fraction 0.0001 / SF', () => check(tpchQueries('literal', { q11Fraction: q11SpecFraction(SF) })[10]!));
});
