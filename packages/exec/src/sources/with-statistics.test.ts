import { describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import { estimated, exact, statValue } from '@quiver/planner';
import { collectRows } from '../test-helpers.js';
import { MemTable } from './mem-table.js';
import { withStatistics } from './with-statistics.js';

const table = () => MemTable.fromArrow(arrow.tableFromArrays({ k: Int32Array.from([1, 2, 3, 3]), s: ['a', 'b', 'a', null] }));

describe('withStatistics', () => {
  it('reports supplied figures over the table’s own and scans the table unchanged', async () => {
    const t = withStatistics(table(), { rowCount: estimated(1_000_000), columns: { k: { distinctCount: exact(250_000) } } });
    const s = t.statistics();
    expect(s.rowCount).toEqual({ precision: 'estimated', value: 1_000_000 });
    expect(statValue(s.columns[0]!.distinctCount)).toBe(250_000);
    expect(statValue(s.columns[0]!.max)?.value).toBe(3); // still the table's own
    expect(statValue(s.columns[1]!.nullCount)).toBe(1);
    expect(await collectRows(t.scan(null, [], null))).toEqual([[1, 'a'], [2, 'b'], [3, 'a'], [3, null]]);
  });

  it('rejects a column the table does not have, suggesting the closest name', () => {
    expect(() => withStatistics(table(), { columns: { kk: { distinctCount: exact(1) } } })).toThrow(/column 'kk'.*'k'/);
  });
});
