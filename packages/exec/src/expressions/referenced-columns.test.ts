import { describe, expect, it } from 'vitest';
import { DataTypes, Field, Schema, Scalars } from '@quiver/common';
import { binary, col, lit, coerceExpr, type Expr } from '@quiver/planner';
import type * as arrow from 'apache-arrow';
import type { PhysicalExpr } from '../physical-expr.js';
import { createPhysicalExpr } from './create.js';
import { referencedColumns } from './referenced-columns.js';

const schema = new Schema(['a', 'b', 'c', 'd'].map((n) => new Field(n, DataTypes.int32, true, 't')));
const bind = (e: Expr) => createPhysicalExpr(coerceExpr(e, schema), schema);

describe('referencedColumns', () => {
  it('lists the columns an expression reads, once each and sorted', () => {
    const e = binary(binary(col('d'), '>', col('b')), 'OR', binary(col('b'), '=', lit(Scalars.int32(3))));
    expect(referencedColumns(bind(e))).toEqual([1, 3]);
    expect(referencedColumns(bind(lit(Scalars.int32(1))))).toEqual([]);
  });

  it('gives null for an expression it does not know, so the caller provides every column', () => {
    const opaque: PhysicalExpr = { type: DataTypes.boolean, evaluate: (b: arrow.RecordBatch) => b.data.children[0]!, toString: () => 'opaque' };
    expect(referencedColumns(opaque)).toBeNull();
  });
});
