import { describe, expect, it } from 'vitest';
import type * as arrow from 'apache-arrow';
import { batchOf, collectRows, schemaOf, testContext, T } from '../test-helpers.js';
import type { TaskContext } from '../execution-plan.js';
import { MemoryScanExec } from './memory-scan-exec.js';
import { SharedSubplanExec } from './shared-subplan-exec.js';
import { UnionExec } from './union-exec.js';

const batch = batchOf([['k', T.int32, [1, 2, 3]]]);

/** Counts how often it is executed. */
class CountingScan extends MemoryScanExec {
  runs = 0;
  override async *execute(ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    this.runs++;
    yield* super.execute(ctx);
  }
}

describe('SharedSubplanExec', () => {
  it('runs its input once for all its consumers in one execution, and again in the next', async () => {
    const input = new CountingScan(schemaOf(batch), [[batch]]);
    const shared = new SharedSubplanExec(input, 2);
    const both = new UnionExec([shared, shared]);
    expect(await collectRows(both)).toEqual([[1], [2], [3], [1], [2], [3]]);
    expect(input.runs).toBe(1);
    expect(await collectRows(both)).toHaveLength(6);
    expect(input.runs).toBe(2);
  });

  it('releases its buffer once the last consumer has read it', async () => {
    const ctx = testContext();
    const shared = new SharedSubplanExec(new MemoryScanExec(schemaOf(batch), [[batch]]), 2);
    expect(await collectRows(shared, ctx)).toHaveLength(3);
    expect(ctx.memory.usedBytes).toBeGreaterThan(0);
    expect(await collectRows(shared, ctx)).toHaveLength(3);
    expect(ctx.memory.usedBytes).toBe(0);
    expect(shared.metrics.peakMemoryBytes).toBeGreaterThan(0);
  });
});
