/**
 * Applying INSERT, UPDATE and DELETE plans (see `DdlStatement`) to an in-memory table: run the plan,
 * then append or replace the table's rows; the result is the number of rows touched.
 */
import type * as arrow from 'apache-arrow';
import type { DdlStatement, LogicalPlan } from '@quiver/planner';
import type { MemTable } from '@quiver/exec';

type DmlStatement = Extract<DdlStatement, { op: 'insert' | 'delete' | 'update' }>;

export async function applyDml(dml: DmlStatement, table: MemTable, collect: (plan: LogicalPlan) => Promise<arrow.Table>): Promise<number> {
  const rows = await collect(dml.plan);
  switch (dml.op) {
    case 'insert':
      table.append(rows.batches);
      return rows.numRows;
    case 'delete': {
      const before = table.numRows;
      table.replaceRows(rows.batches);
      return before - rows.numRows;
    }
    case 'update': {
      const last = rows.numCols - 1;
      let updated = 0;
      for (const data of rows.getChildAt(last)!.data) updated += trueCount(data as arrow.Data<arrow.Bool>);
      const columns = Array.from({ length: last }, (_, i) => i);
      table.replaceRows(rows.batches.map((b) => b.selectAt(columns)));
      return updated;
    }
  }
}

/** The number of non-null true values of a Boolean column. */
function trueCount(data: arrow.Data<arrow.Bool>): number {
  const values = data.values;
  const validity = data.nullCount > 0 ? data.nullBitmap : null;
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const bit = data.offset + i;
    const set = (values[bit >> 3]! >> (bit & 7)) & 1;
    if (set && (validity === null || (validity[bit >> 3]! >> (bit & 7)) & 1)) n++;
  }
  return n;
}
