/**
 * Test fixtures for the cost model: schema-only tables that report given statistics.
 */
import { DataTypes, Field, Schema, Scalars, type DataType, type ScalarValue } from '@quiver/common';
import { ABSENT, estimated, exact, type ColumnStatistics, type TableSource } from '@quiver/planner';

export interface ColumnSpec {
  readonly type?: DataType;
  readonly ndv?: number;
  readonly nulls?: number;
  readonly min?: number;
  readonly max?: number;
}

function scalar(type: DataType, v: number): ScalarValue {
  return type.kind === 'Int64' ? Scalars.int64(BigInt(v)) : { type, value: v };
}

/** A table of `rows` rows whose columns have the given statistics (Int32 unless typed). */
export function statsTable(rows: number, columns: Record<string, ColumnSpec>): TableSource {
  const entries = Object.entries(columns);
  const schema = new Schema(entries.map(([name, c]) => new Field(name, c.type ?? DataTypes.int32, true)));
  const stats: ColumnStatistics[] = entries.map(([, c]) => {
    const type = c.type ?? DataTypes.int32;
    return {
      nullCount: c.nulls === undefined ? ABSENT : exact(c.nulls),
      min: c.min === undefined ? ABSENT : exact(scalar(type, c.min)),
      max: c.max === undefined ? ABSENT : exact(scalar(type, c.max)),
      distinctCount: c.ndv === undefined ? ABSENT : estimated(c.ndv),
      avgWidth: ABSENT,
    };
  });
  return { schema, statistics: () => ({ rowCount: exact(rows), columns: stats }) };
}
