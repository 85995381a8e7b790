/**
 * Helpers shared by the operator, selection and source tests: building columns and batches from JS
 * values, a column-reference PhysicalExpr stub, and draining a plan into plain rows for assertions.
 */
import * as arrow from 'apache-arrow';
import { DataTypes, Field, fromArrowType, makeConfig, Schema, toArrowType, type DataType } from '@quiver/common';
import type { PhysicalExpr } from './physical-expr.js';
import type { ExecutionPlan, TaskContext } from './execution-plan.js';
import { MemoryPool } from './memory.js';

/** A column of `type` holding `values` (null = NULL); bigint for Int64/Timestamp/Decimal (unscaled). */
export function column(type: DataType, values: readonly unknown[]): arrow.Data {
  const t = toArrowType(type);
  if (type.kind === 'Decimal128') {
    const words = new Uint32Array(values.length * 4);
    const validity = new Uint8Array((values.length + 7) >> 3);
    let nulls = 0;
    values.forEach((v, i) => {
      if (v === null) { nulls++; return; }
      validity[i >> 3]! |= 1 << (i & 7);
      let x = BigInt.asUintN(128, v as bigint);
      for (let w = 0; w < 4; w++) { words[i * 4 + w] = Number(x & 0xffffffffn); x >>= 32n; }
    });
    return arrow.makeData({ type: t as arrow.Decimal, length: values.length, nullCount: nulls, nullBitmap: nulls ? validity : undefined, data: words });
  }
  if (type.kind === 'Timestamp' || type.kind === 'Int64') {
    const vals = new BigInt64Array(values.length);
    const validity = new Uint8Array((values.length + 7) >> 3);
    let nulls = 0;
    values.forEach((v, i) => {
      if (v === null) { nulls++; return; }
      validity[i >> 3]! |= 1 << (i & 7);
      vals[i] = v as bigint;
    });
    return arrow.makeData({ type: t as arrow.Int64, length: values.length, nullCount: nulls, nullBitmap: nulls ? validity : undefined, data: vals });
  }
  if (type.kind === 'Date32') {
    const v = arrow.vectorFromArray(values.map((d) => (d === null ? null : new Date((d as number) * 86400000))), new arrow.DateDay());
    return v.data[0]!;
  }
  return arrow.vectorFromArray(values as unknown[], t).data[0]!;
}

/** Plain JS values of a column (decimals as unscaled bigint, dates as day numbers, lists as arrays). */
export function valuesOf(data: arrow.Data): unknown[] {
  const out: unknown[] = [];
  const t = fromArrowType(data.type);
  for (let i = 0; i < data.length; i++) {
    const b = data.offset + i;
    if (data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 && !(data.nullBitmap[b >> 3]! & (1 << (b & 7)))) {
      out.push(null);
      continue;
    }
    if (t.kind === 'Decimal128') {
      const w = data.values as Uint32Array;
      let x = 0n;
      for (let k = 3; k >= 0; k--) x = (x << 32n) | BigInt(w[i * 4 + k]!);
      out.push(BigInt.asIntN(128, x));
    } else if (t.kind === 'Date32') {
      out.push((data.values as Int32Array)[i]);
    } else if (t.kind === 'Timestamp' || t.kind === 'Int64') {
      out.push((data.values as BigInt64Array)[i]);
    } else if (t.kind === 'List') {
      const offsets = data.valueOffsets as Int32Array;
      out.push(valuesOf(data.children[0]!.slice(offsets[i]!, offsets[i + 1]! - offsets[i]!)));
    } else {
      out.push(arrow.makeVector(data).get(i));
    }
  }
  return out;
}

export function batchOf(fields: readonly [string, DataType, readonly unknown[]][]): arrow.RecordBatch {
  const schema = new Schema(fields.map(([n, t]) => new Field(n, t))).toArrow();
  const length = fields.length ? fields[0]![2].length : 0;
  const data = arrow.makeData({ type: new arrow.Struct(schema.fields), length, nullCount: 0, children: fields.map(([, t, v]) => column(t, v)) });
  return new arrow.RecordBatch(schema, data);
}

export function schemaOf(batch: arrow.RecordBatch): Schema {
  return Schema.fromArrow(batch.schema);
}

export function colExpr(index: number, type: DataType, name = `c${index}`): PhysicalExpr {
  return {
    type,
    evaluate: (batch) => batch.data.children[index]!,
    toString: () => `${name}@${index}`,
  };
}

export function testContext(overrides: { batchSize?: number; memoryLimit?: number } = {}): TaskContext {
  const config = makeConfig(overrides);
  return { config, memory: new MemoryPool(config.memoryLimit) };
}

/** Runs `plan` and returns its rows as arrays of plain values, plus the batch sizes seen. */
export async function collectRows(plan: ExecutionPlan, ctx: TaskContext = testContext()): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const batch of plan.execute(ctx)) {
    const cols = (batch.data.children as arrow.Data[]).map(valuesOf);
    for (let i = 0; i < batch.numRows; i++) rows.push(cols.map((c) => c[i]));
  }
  return rows;
}

export const T = DataTypes;

/** A Boolean PhysicalExpr computed row by row in JS from the batch's plain values (tests only). */
export function predicateExpr(text: string, fn: (row: unknown[]) => boolean | null): PhysicalExpr {
  return {
    type: DataTypes.boolean,
    evaluate: (batch) => {
      const cols = (batch.data.children as arrow.Data[]).map(valuesOf);
      const out: (boolean | null)[] = [];
      for (let i = 0; i < batch.numRows; i++) out.push(fn(cols.map((c) => c[i])));
      return column(DataTypes.boolean, out);
    },
    toString: () => text,
  };
}
