/**
 * Runs every example (the same `run()` their command-line entry points call) and checks what it
 * demonstrates, so the examples stay working as the packages change.
 */
import { describe, expect, it } from 'vitest';
import { run as ndjson } from './ndjson-logs/main.js';
import { run as ownExecutor } from './own-executor/main.js';
import { run as customRule } from './custom-rule/main.js';
import { run as customOperator } from './custom-operator/main.js';
import { Gateway, run as gateway } from './query-gateway/main.js';

describe('examples', () => {
  it('ndjson-logs: the provider evaluates the pushed comparisons, Quiver only the rest', async () => {
    const { report, table, plan } = await ndjson();
    const physical = plan.split('physical_plan:')[1]!;
    expect(physical).toContain('NdjsonScanExec');
    expect(physical).toContain('filters=[level = "error", status >= 500]');
    expect(physical).toContain('FilterExec: (latency_ms@3 * 2) > 100'); // unsupported: stays in the engine
    expect(table.counters.linesParsed).toBe(5000);
    expect(table.counters.rowsEmitted).toBeLessThan(400);
    expect(report).toMatch(/│ api +│ +\d+ │/);
  });

  it('own-executor: SQL planned and optimized by Quiver, run by a separate interpreter', async () => {
    const { plan, columns, rows } = await ownExecutor();
    expect(plan).toContain('TableScan: cities projection=[country, population_k] filters=[cities.population_k > 300]');
    expect(columns).toEqual(['country', 'cities', 'population_k']);
    expect(rows).toEqual([
      ['FRANCE', 2, 2625],
      ['ITALY', 1, 848],
      ['PORTUGAL', 1, 545],
    ]);
  });

  it('custom-rule: an added rule caps the rows and the default rules push the cap into a top-k', async () => {
    const { capped, rows, withoutPushdown } = await customRule();
    expect(rows).toBe(5);
    expect(capped).toContain('TopKExec: k=5');
    expect(withoutPushdown).toContain('Filter: (numbers.n % 7) = 0\n    TableScan: numbers\n');
  });

  it('custom-operator: a user-defined node planned into a custom ExecBase operator', async () => {
    const { total, explain } = await customOperator();
    let expected = 0n;
    for (let n = 100; n < 10_000; n += 3) expected += BigInt(n);
    expect(total).toBe(expected);
    expect(explain).toContain('Sample: every=3');
    expect(explain).toMatch(/SampleExec: every=3 \[rows=3300,/);
  });

  it('query-gateway: small queries run in-process, large ones report the plan they would ship', async () => {
    const g = await Gateway.create();
    const local = await g.route('SELECT count(*) AS n FROM regions');
    expect(local.route === 'local' && local.result.getChild('n')!.get(0)).toBe(3n);
    const remote = await g.route('SELECT sum(amount) FROM events WHERE region_id = 1');
    expect(remote.route).toBe('remote');
    expect(remote.route === 'remote' && remote.plan).toContain('TableScan: events');
    expect(await gateway()).toContain('plan sent to the warehouse:');
  });
});
