/**
 * Columns across the component boundary: an Arrow array or a broadcast constant as a WIT `column`
 * (typed-array views of offset-0 buffers; jco copies them into the guest), and a `column` the
 * guest returned checked against the declared type and row count and turned into Arrow data
 * (jco's lifted typed arrays become the Arrow buffers without another copy).
 */
import * as arrow from 'apache-arrow';
import { QuiverError, toArrowType, typeToString, type DataType, type ScalarValue } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { typeWord } from '../wasm/abi.js';
import { alignBits, bitmapBytes, countNulls, validityBits } from '../wasm/bits.js';
import { witTag, type WitColumn, type WitValues } from './world.js';

const encoder = new TextEncoder();

/** An argument of `type` and `n` rows as a WIT column. */
export function toWitColumn(v: ColumnarValue, type: DataType, n: number): WitColumn {
  if (v.kind === 'scalar') return broadcast(v.value, type, n);
  const data = v.data;
  return { typeWord: typeWord(type), length: n, validity: validityBits(data), values: arrayValues(data, type, n) };
}

function arrayValues(data: arrow.Data, type: DataType, n: number): WitValues {
  const tag = witTag(type);
  if (tag === 'utf8') {
    let offsets = (data.valueOffsets as Int32Array).subarray(0, n + 1);
    const base = offsets[0]!;
    const bytes = (data.values as Uint8Array).subarray(base, offsets[n]!);
    if (base !== 0) offsets = offsets.map((o) => o - base);
    return { tag, val: { offsets, bytes } };
  }
  if (tag === 'boolean') return { tag, val: alignBits(data.values as Uint8Array, data.offset, n) };
  if (tag === 'decimal128') {
    const words = data.values as Uint32Array;
    const aligned = words.byteOffset % 8 === 0 ? words : words.slice(0, n * 4);
    return { tag, val: new BigUint64Array(aligned.buffer, aligned.byteOffset, n * 2) };
  }
  return { tag, val: (data.values as Int32Array).subarray(0, n) } as WitValues;
}

/** A constant as a column of `n` equal values (all NULL for a NULL constant). */
function broadcast(s: ScalarValue, type: DataType, n: number): WitColumn {
  const v = s.value;
  const tag = witTag(type);
  const validity = v === null ? new Uint8Array(bitmapBytes(n)) : null;
  let values: WitValues;
  switch (tag) {
    case 'boolean': values = { tag, val: new Uint8Array(bitmapBytes(n)).fill(v ? 0xff : 0) }; break;
    case 'int8': values = { tag, val: new Int8Array(n).fill((v ?? 0) as number) }; break;
    case 'int16': values = { tag, val: new Int16Array(n).fill((v ?? 0) as number) }; break;
    case 'int32':
    case 'date32': values = { tag, val: new Int32Array(n).fill((v ?? 0) as number) }; break;
    case 'float32': values = { tag, val: new Float32Array(n).fill((v ?? 0) as number) }; break;
    case 'float64': values = { tag, val: new Float64Array(n).fill((v ?? 0) as number) }; break;
    case 'int64':
    case 'timestamp': values = { tag, val: new BigInt64Array(n).fill(BigInt((v ?? 0n) as bigint)) }; break;
    case 'decimal128': {
      const big = BigInt.asUintN(128, (v ?? 0n) as bigint);
      const words = new BigUint64Array(n * 2);
      for (let i = 0; i < n; i++) {
        words[2 * i] = big & 0xffff_ffff_ffff_ffffn;
        words[2 * i + 1] = big >> 64n;
      }
      values = { tag, val: words };
      break;
    }
    case 'utf8': {
      const text = v === null ? new Uint8Array(0) : encoder.encode(v as string);
      const bytes = new Uint8Array(text.length * n);
      for (let i = 0; i < n; i++) bytes.set(text, i * text.length);
      values = { tag, val: { offsets: Int32Array.from({ length: n + 1 }, (_, i) => i * text.length), bytes } };
      break;
    }
  }
  return { typeWord: typeWord(type), length: n, validity, values };
}

/** A result the guest returned does not match what was declared. */
export class BadResult extends Error {}

/**
 * The guest's result column as Arrow data, after checking its type word, case, length and buffer
 * sizes. `validity`: for strict functions the host's bitmap (null: no NULLs), which replaces the
 * guest's; `undefined` keeps the guest's.
 */
export function fromWitColumn(result: unknown, type: DataType, n: number, validity: Uint8Array | null | undefined): arrow.Data {
  const col = result as WitColumn | null;
  if (col === null || typeof col !== 'object' || col.values === undefined) throw new BadResult('not a column');
  const expected = typeWord(type);
  if (col.typeWord !== expected) throw new BadResult(`type word 0x${(col.typeWord >>> 0).toString(16)}, expected 0x${expected.toString(16)} (${typeToString(type)})`);
  if (col.length !== n) throw new BadResult(`length ${col.length}, expected ${n}`);
  const tag = witTag(type);
  if (col.values.tag !== tag) throw new BadResult(`${col.values.tag} values for a ${tag} column`);
  let nullBitmap = validity;
  if (nullBitmap === undefined) {
    nullBitmap = col.validity ?? null;
    if (nullBitmap !== null && nullBitmap.length < bitmapBytes(n)) throw new BadResult(`validity of ${nullBitmap.length} bytes for ${n} rows`);
  }
  const nulls = nullBitmap === null ? {} : { nullBitmap, nullCount: countNulls(nullBitmap, n) };
  const values = col.values;
  if (values.tag === 'utf8') {
    const { offsets, bytes } = values.val;
    if (offsets.length !== n + 1) throw new BadResult(`${offsets.length} offsets for ${n} rows`);
    if (offsets[0]! < 0) throw new BadResult(`first offset ${offsets[0]}`);
    for (let i = 0; i < n; i++) if (offsets[i + 1]! < offsets[i]!) throw new BadResult(`offsets decrease at row ${i}`);
    if (offsets[n]! > bytes.length) throw new BadResult(`offsets end at ${offsets[n]}, past the ${bytes.length} bytes`);
    return arrow.makeData({ type: new arrow.Utf8(), length: n, valueOffsets: offsets, data: bytes, ...nulls });
  }
  const want = values.tag === 'boolean' ? bitmapBytes(n) : values.tag === 'decimal128' ? 2 * n : n;
  if (values.val.length < want) throw new BadResult(`${values.val.length} values for ${n} rows`);
  const data = values.tag === 'decimal128' ? new Uint32Array(values.val.buffer, values.val.byteOffset, 4 * n) : values.val;
  return arrow.makeData({ type: toArrowType(type) as arrow.Int32, length: n, data: data as Int32Array, ...nulls });
}
