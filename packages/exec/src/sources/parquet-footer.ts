/**
 * Statistics from a Parquet file's footer (Thrift FileMetaData), which parquet-wasm does not expose:
 * per row group its row count and, per column chunk, min, max and null count; summed up into table
 * statistics. Reads only the footer bytes of the Blob.
 */
import { QuiverError, type DataType, type ScalarValue, type Schema } from '@quiver/common';
import { ABSENT, estimated, exact, type ColumnStatistics, type TableStatistics } from '@quiver/planner';
import { CompactReader, CType } from './thrift-compact.js';

/** One column chunk's statistics (absent parts are null). */
export interface ChunkStatistics {
  readonly min: ScalarValue | null;
  readonly max: ScalarValue | null;
  readonly nullCount: number | null;
  readonly distinctCount: number | null;
  readonly uncompressedBytes: number;
}

export interface RowGroupStatistics {
  readonly numRows: number;
  /** By column index of the table schema; null where the file has no such column. */
  readonly columns: readonly (ChunkStatistics | null)[];
}

interface RawChunk {
  path: string;
  physical: number;
  uncompressed: number;
  min: Uint8Array | null;
  max: Uint8Array | null;
  nullCount: number | null;
  distinctCount: number | null;
}

const MAGIC = 0x31524150; // "PAR1" little-endian

/** The row groups' statistics of the Parquet file in `blob`, columns matched to `schema` by name. */
export async function readRowGroupStatistics(blob: Blob, schema: Schema, name: string): Promise<RowGroupStatistics[]> {
  const size = blob.size;
  const tail = new DataView(await blob.slice(size - 8, size).arrayBuffer());
  if (size < 12 || tail.getUint32(4, true) !== MAGIC) throw new QuiverError('IO', `${name}: not a Parquet file (no PAR1 footer)`);
  const length = tail.getUint32(0, true);
  const footer = new Uint8Array(await blob.slice(size - 8 - length, size - 8).arrayBuffer());
  const groups: RowGroupStatistics[] = [];
  const r = new CompactReader(footer);
  r.fields((id) => {
    if (id !== 4) return false;
    r.list(() => groups.push(readRowGroup(r, schema)));
    return true;
  });
  return groups;
}

function readRowGroup(r: CompactReader, schema: Schema): RowGroupStatistics {
  let numRows = 0;
  const chunks: RawChunk[] = [];
  r.fields((id) => {
    if (id === 3) numRows = r.int();
    else if (id === 1) r.list(() => chunks.push(readColumnChunk(r)));
    else return false;
    return true;
  });
  const columns = schema.fields.map((f) => {
    const chunk = chunks.find((c) => c.path === f.name);
    return chunk ? decodeChunk(chunk, f.type) : null;
  });
  return { numRows, columns };
}

function readColumnChunk(r: CompactReader): RawChunk {
  const chunk: RawChunk = { path: '', physical: -1, uncompressed: 0, min: null, max: null, nullCount: null, distinctCount: null };
  r.fields((id) => {
    if (id !== 3) return false;
    r.fields((mid, mtype) => {
      if (mid === 1) chunk.physical = r.int();
      else if (mid === 3) {
        const parts: string[] = [];
        r.list(() => parts.push(new TextDecoder().decode(r.binary())));
        chunk.path = parts.join('.');
      } else if (mid === 6) chunk.uncompressed = r.int();
      else if (mid === 12 && mtype === CType.Struct) readStatistics(r, chunk);
      else return false;
      return true;
    });
    return true;
  });
  return chunk;
}

function readStatistics(r: CompactReader, chunk: RawChunk): void {
  let legacyMin: Uint8Array | null = null;
  let legacyMax: Uint8Array | null = null;
  r.fields((id) => {
    if (id === 1) legacyMax = r.binary();
    else if (id === 2) legacyMin = r.binary();
    else if (id === 3) chunk.nullCount = r.int();
    else if (id === 4) chunk.distinctCount = r.int();
    else if (id === 5) chunk.max = r.binary();
    else if (id === 6) chunk.min = r.binary();
    else return false;
    return true;
  });
  // The legacy min/max compare bytes as signed, so they are only trusted for numbers.
  const BYTE_ARRAY = 6;
  if (chunk.physical !== BYTE_ARRAY && chunk.physical !== BYTE_ARRAY + 1) {
    chunk.min ??= legacyMin;
    chunk.max ??= legacyMax;
  }
}

function decodeChunk(chunk: RawChunk, type: DataType): ChunkStatistics {
  return {
    min: chunk.min && decodeValue(chunk.min, chunk.physical, type),
    max: chunk.max && decodeValue(chunk.max, chunk.physical, type),
    nullCount: chunk.nullCount,
    distinctCount: chunk.distinctCount,
    uncompressedBytes: chunk.uncompressed,
  };
}

/** A min/max value in Parquet's plain encoding of `physical` type, as a scalar of `type`; null if not understood. */
function decodeValue(bytes: Uint8Array, physical: number, type: DataType): ScalarValue | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wide = (): bigint | null =>
    physical === 1 && bytes.length === 4 ? BigInt(view.getInt32(0, true))
    : physical === 2 && bytes.length === 8 ? view.getBigInt64(0, true)
    : physical === 6 || physical === 7 ? bigEndianSigned(bytes)
    : null;
  switch (type.kind) {
    case 'Int8':
    case 'Int16':
    case 'Int32':
    case 'Date32':
      return physical === 1 && bytes.length === 4 ? { type, value: view.getInt32(0, true) } : null;
    case 'Int64': {
      const v = physical === 1 || physical === 2 ? wide() : null;
      return v === null ? null : { type, value: v };
    }
    case 'Decimal128': {
      const v = wide();
      return v === null ? null : { type, value: v };
    }
    case 'Float64':
      return physical === 5 && bytes.length === 8 ? { type, value: view.getFloat64(0, true) } : null;
    case 'Float32':
      return physical === 4 && bytes.length === 4 ? { type, value: view.getFloat32(0, true) } : null;
    case 'Utf8':
      return physical === 6 ? { type, value: new TextDecoder().decode(bytes) } : null;
    default:
      return null;
  }
}

function bigEndianSigned(bytes: Uint8Array): bigint | null {
  if (bytes.length === 0 || bytes.length > 16) return null;
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return BigInt.asIntN(bytes.length * 8, v);
}

/** Table statistics summed over row groups: exact row and null counts, min/max over all chunks. */
export function tableStatistics(schema: Schema, groups: readonly RowGroupStatistics[]): TableStatistics {
  const rows = groups.reduce((n, g) => n + g.numRows, 0);
  const columns = schema.fields.map((f, i): ColumnStatistics => {
    const chunks = groups.map((g) => g.columns[i] ?? null);
    if (chunks.length === 0 || chunks.some((c) => c === null)) return { nullCount: ABSENT, min: ABSENT, max: ABSENT, distinctCount: ABSENT, avgWidth: ABSENT };
    const present = chunks as ChunkStatistics[];
    const nulls = present.every((c) => c.nullCount !== null) ? present.reduce((n, c) => n + c.nullCount!, 0) : null;
    const min = present.every((c) => c.min !== null) ? present.map((c) => c.min!).reduce((a, b) => (b.value! < a.value! ? b : a)) : null;
    const max = present.every((c) => c.max !== null) ? present.map((c) => c.max!).reduce((a, b) => (b.value! > a.value! ? b : a)) : null;
    const bytes = present.reduce((n, c) => n + c.uncompressedBytes, 0);
    return {
      nullCount: nulls === null ? ABSENT : exact(nulls),
      min: min === null ? ABSENT : exact(min),
      max: max === null ? ABSENT : exact(max),
      distinctCount: distinctFromRange(f.type, min, max, rows - (nulls ?? 0)),
      avgWidth: rows > 0 ? estimated(bytes / rows) : ABSENT,
    };
  });
  return { rowCount: exact(rows), columns };
}

/**
 * Footers rarely carry distinct counts; for integers and dates the value range bounds them
 * (keys are usually dense), capped by the row count.
 */
function distinctFromRange(type: DataType, min: ScalarValue | null, max: ScalarValue | null, nonNull: number) {
  const integral = type.kind === 'Int8' || type.kind === 'Int16' || type.kind === 'Int32' || type.kind === 'Int64' || type.kind === 'Date32';
  if (!integral || min === null || max === null) return ABSENT;
  const range = Number(max.value as number | bigint) - Number(min.value as number | bigint) + 1;
  return estimated(Math.max(1, Math.min(range, nonNull)));
}
