/**
 * Test helpers (used only by tests): build Arrow data from JS values, sliced to exercise offsets, and
 * read kernel output back as JS values.
 */
import * as arrow from 'apache-arrow';
import { toArrowType, type DataType, type IntervalValue, type ScalarRaw } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { allocValues, makeFixed } from './builders.js';
import { scalarAt } from './scalar.js';
import { bitmapFromBytes } from './validity.js';
import { setDecimalFromBigInt } from './wide-int.js';

/** Arrow data of `type` holding `values` (null = NULL). */
export function data(type: DataType, values: readonly ScalarRaw[]): arrow.Data {
  const n = values.length;
  const valid = bitmapFromBytes(Uint8Array.from(values, (v) => (v === null ? 0 : 1)), n);
  const anyNull = values.includes(null);
  if (type.kind === 'Decimal128') {
    const w = allocValues(type, n) as Uint32Array;
    values.forEach((v, i) => v !== null && setDecimalFromBigInt(w, i, v as bigint));
    return makeFixed(type, n, w, anyNull ? valid : null);
  }
  if (type.kind === 'Interval') {
    const w = allocValues(type, n) as Int32Array;
    values.forEach((v, i) => {
      if (v === null) return;
      const iv = v as IntervalValue;
      const nanos = BigInt.asUintN(64, iv.nanos);
      w.set([iv.months, iv.days, Number(nanos & 0xffffffffn) | 0, Number(nanos >> 32n) | 0], 4 * i);
    });
    return makeFixed(type, n, w, anyNull ? valid : null);
  }
  if (type.kind === 'Date32') {
    const w = Int32Array.from(values, (v) => (v === null ? 0 : (v as number)));
    return makeFixed(type, n, w, anyNull ? valid : null);
  }
  if (type.kind === 'Timestamp' || type.kind === 'Time') {
    const w = BigInt64Array.from(values, (v) => (v === null ? 0n : (v as bigint)));
    return makeFixed(type, n, w, anyNull ? valid : null);
  }
  return arrow.vectorFromArray(values as unknown[], toArrowType(type)).data[0]!;
}

/** Like `data`, but a slice at offset 3 of a longer array, so kernels must honour `offset`. */
export function sliced(type: DataType, values: readonly ScalarRaw[]): arrow.Data {
  const pad: ScalarRaw[] = [null, values.find((v) => v !== null) ?? null, null];
  return data(type, [...pad, ...values, ...pad]).slice(3, values.length);
}

export function array(type: DataType, values: readonly ScalarRaw[]): ColumnarValue {
  return { kind: 'array', data: data(type, values) };
}

export function scalar(type: DataType, value: ScalarRaw): ColumnarValue {
  return { kind: 'scalar', value: { type, value } };
}

/** The values of `d` as JS values (number, bigint, string, boolean, interval, null). */
export function values(d: arrow.Data, type?: DataType): ScalarRaw[] {
  const out: ScalarRaw[] = [];
  for (let i = 0; i < d.length; i++) out.push(scalarAt(d, i, type).value);
  return out;
}
