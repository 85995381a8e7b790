/**
 * Per-row readers of function arguments (array or scalar) as JS values, for functions whose work is
 * inherently per value (string manipulation, calendar fields). Scalars are decoded once.
 */
import type { ColumnarValue } from '@quiver/planner';
import { getBit, validityOf } from '../kernels/validity.js';
import { int64AsNumber, int64Words } from '../kernels/wide-int.js';

const decoder = new TextDecoder();

/** Whether row i of an argument is NULL. */
export function nullTest(v: ColumnarValue): (i: number) => boolean {
  if (v.kind === 'scalar') {
    const isNull = v.value.value === null;
    return () => isNull;
  }
  if (v.data.type.typeId === 1 /* Null */) return () => true;
  const valid = validityOf(v.data);
  return valid === null ? () => false : (i) => !getBit(valid, i);
}

/** Row i of a VARCHAR argument as a string (undefined behaviour on NULL rows: test first). */
export function stringReader(v: ColumnarValue): (i: number) => string {
  if (v.kind === 'scalar') {
    const s = (v.value.value as string | null) ?? '';
    return () => s;
  }
  const offsets = v.data.valueOffsets as Int32Array;
  const bytes = v.data.values as Uint8Array;
  return (i) => decoder.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!));
}

/** Row i of a BIGINT argument as a number (values beyond 2^53 read as ±Infinity, i.e. "huge"). */
export function integerReader(v: ColumnarValue): (i: number) => number {
  if (v.kind === 'scalar') {
    const x = v.value.value;
    const n = x === null ? 0 : Number(x as bigint);
    return () => n;
  }
  const values = v.data.values as BigInt64Array;
  const words = int64Words(values);
  return (i) => {
    const n = int64AsNumber(words, i);
    return n === n ? n : values[i]! > 0n ? Infinity : -Infinity;
  };
}

/** Row i of a DOUBLE (or other number-valued) argument. */
export function numberReader(v: ColumnarValue): (i: number) => number {
  if (v.kind === 'scalar') {
    const n = (v.value.value as number | null) ?? 0;
    return () => n;
  }
  const values = v.data.values as Float64Array;
  return (i) => values[i]!;
}

/** A row is NULL when any argument is. */
export function anyNull(args: readonly ColumnarValue[]): (i: number) => boolean {
  const tests = args.map(nullTest);
  if (tests.length === 1) return tests[0]!;
  return (i) => {
    for (const t of tests) if (t(i)) return true;
    return false;
  };
}
