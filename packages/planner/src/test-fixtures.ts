/**
 * Fixtures for planner tests: a table source with a fixed schema and stub functions.
 */
import { DataTypes, Field, Schema, QuiverError, type DataType } from '@quiver/common';
import type { AggregateFunction, ScalarFunction } from './function.js';
import type { TableSource } from './table-source.js';

export function testTable(columns: Record<string, DataType>): TableSource {
  return { schema: new Schema(Object.entries(columns).map(([name, type]) => new Field(name, type))) };
}

export const orders = testTable({ o_orderkey: DataTypes.int64, o_total: DataTypes.decimal(15, 2), o_date: DataTypes.date32, o_status: DataTypes.utf8 });
export const lineitem = testTable({ l_orderkey: DataTypes.int64, l_qty: DataTypes.decimal(15, 2), l_tax: DataTypes.float64 });

export const sumStub: AggregateFunction = {
  name: 'sum',
  coerceArgs: (t) => [...t],
  returnType: ([t]) => (t!.kind === 'Decimal128' ? DataTypes.decimal(38, t!.scale) : DataTypes.int64),
  createAccumulator: () => {
    throw new QuiverError('INTERNAL', 'stub');
  },
};

export const upperStub: ScalarFunction = {
  name: 'upper',
  volatility: 'immutable',
  coerceArgs: (t) => t.map(() => DataTypes.utf8),
  returnType: () => DataTypes.utf8,
  invoke: () => {
    throw new QuiverError('INTERNAL', 'stub');
  },
};
