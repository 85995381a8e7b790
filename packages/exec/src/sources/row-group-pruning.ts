/**
 * Row-group pruning: whether a Parquet row group can hold rows where the scan's pushed-down filters
 * hold, judged from its column chunks' min/max and null counts. Understands comparisons of a column
 * with a constant, BETWEEN, IN, IS [NOT] NULL, AND and OR; anything else may match.
 */
import { typesEqual, type Schema } from '@quiver/common';
import type { Expr } from '@quiver/planner';
import type { ChunkStatistics, RowGroupStatistics } from './parquet-footer.js';

type Value = number | bigint | string;

/** Whether some row of the row group may satisfy every filter (false only when none can). */
export function rowGroupMayMatch(filters: readonly Expr[], schema: Schema, group: RowGroupStatistics): boolean {
  return filters.every((f) => mayMatch(f, schema, group));
}

function mayMatch(e: Expr, schema: Schema, group: RowGroupStatistics): boolean {
  switch (e.kind) {
    case 'binary': {
      if (e.op === 'AND') return mayMatch(e.left, schema, group) && mayMatch(e.right, schema, group);
      if (e.op === 'OR') return mayMatch(e.left, schema, group) || mayMatch(e.right, schema, group);
      const flipped: Record<string, string> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
      if (!(e.op in flipped)) return true;
      let chunk = chunkOf(e.left, schema, group);
      let value = chunk && literalFor(chunk, e.right);
      let op: string = e.op;
      if (!chunk || value === null) {
        chunk = chunkOf(e.right, schema, group);
        value = chunk && literalFor(chunk, e.left);
        op = flipped[e.op]!;
      }
      if (!chunk || value === null) return true;
      const min = chunk.min!.value as Value;
      const max = chunk.max!.value as Value;
      switch (op) {
        case '=':
          return value >= min && value <= max;
        case '<':
          return min < value;
        case '<=':
          return min <= value;
        case '>':
          return max > value;
        default:
          return max >= value;
      }
    }
    case 'between': {
      const chunk = chunkOf(e.expr, schema, group);
      const low = chunk && literalFor(chunk, e.low);
      const high = chunk && literalFor(chunk, e.high);
      if (e.negated || !chunk || low === null || high === null) return true;
      return (chunk.max!.value as Value) >= low && (chunk.min!.value as Value) <= high;
    }
    case 'inList': {
      const chunk = chunkOf(e.expr, schema, group);
      if (e.negated || !chunk) return true;
      return e.list.some((item) => {
        const v = literalFor(chunk, item);
        return v === null || (v >= (chunk.min!.value as Value) && v <= (chunk.max!.value as Value));
      });
    }
    case 'unary': {
      const i = e.expr.kind === 'column' ? schema.fields.findIndex((f) => e.expr.kind === 'column' && f.name === e.expr.name) : -1;
      const chunk = i < 0 ? null : group.columns[i];
      if (!chunk || chunk.nullCount === null) return true;
      if (e.op === 'IS NULL') return chunk.nullCount > 0;
      if (e.op === 'IS NOT NULL') return chunk.nullCount < group.numRows;
      return true;
    }
    default:
      return true;
  }
}

/** The statistics of the column `e` is (not under casts, which may change the order), when it has min and max. */
function chunkOf(e: Expr, schema: Schema, group: RowGroupStatistics): ChunkStatistics | null {
  if (e.kind !== 'column') return null;
  const i = schema.fields.findIndex((f) => f.name === e.name);
  const chunk = i < 0 ? null : (group.columns[i] ?? null);
  return chunk && chunk.min !== null && chunk.max !== null ? chunk : null;
}

/** The value of literal `e` when it has exactly the column's type (so values compare directly), else null. */
function literalFor(chunk: ChunkStatistics, e: Expr): Value | null {
  if (e.kind !== 'literal' || e.value.value === null || !typesEqual(e.value.type, chunk.min!.type)) return null;
  const v = e.value.value;
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' ? v : null;
}
