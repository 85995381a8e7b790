import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbProcess } from './duckdb-process.js';

describe('DuckDbProcess', () => {
  let duck: DuckDbProcess;
  beforeAll(async () => {
    duck = await DuckDbProcess.start({ sf: 0.01 }, 1);
  });
  afterAll(() => duck.close());

  it('runs scripts on the loaded tables in its own process, rows as text only when asked', async () => {
    const run = await duck.run('select count(*) as n, 1.5::double as f, null as z from nation', true);
    expect(run.rows).toEqual([['25', '1.5', null]]);
    expect(run.tolerances).toEqual([0, 1e-9, 0]);
    expect(run.ms).toBeGreaterThan(0);
    const timed = await duck.run('select 1', false);
    expect(timed.rows).toBeUndefined();
  });

  it('reports its own peak RSS and a failing script as an error, then keeps working', async () => {
    expect(await duck.peakRssBytes()).toBeGreaterThan(0);
    await expect(duck.run('select * from no_such_table', false)).rejects.toThrow(/^duckdb: .*no_such_table/);
    await duck.setThreads(2);
    expect((await duck.run('select count(*) from region', true)).rows).toEqual([['5']]);
  });
});
