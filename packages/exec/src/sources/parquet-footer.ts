/**
 * Statistics from a Parquet file's footer (Thrift FileMetaData), which parquet-wasm does not expose:
 * per row group its row count and, per column chunk, min, max and null count; summed up into table
 * statistics. Distinct counts come from the dictionary page headers of dictionary-encoded chunks
 * (their entry counts) and from integer value ranges. Reads only the footer and those page headers.
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
  /** Entries in the chunk's dictionary page (an upper bound of its distinct values unless the writer fell back to plain encoding). */
  readonly dictionarySize: number | null;
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
  dictionaryOffset: number | null;
  dictionarySize: number | null;
}

const MAGIC = 0x31524150; // "PAR1" little-endian

/** The row groups' statistics of the Parquet file in `blob`, columns matched to `schema` by name. */
export async function readRowGroupStatistics(blob: Blob, schema: Schema, name: string): Promise<RowGroupStatistics[]> {
  const size = blob.size;
  const tail = new DataView(await blob.slice(size - 8, size).arrayBuffer());
  if (size < 12 || tail.getUint32(4, true) !== MAGIC) throw new QuiverError('IO', `${name}: not a Parquet file (no PAR1 footer)`);
  const length = tail.getUint32(0, true);
  const footer = new Uint8Array(await blob.slice(size - 8 - length, size - 8).arrayBuffer());
  const groups: { numRows: number; chunks: RawChunk[] }[] = [];
  const r = new CompactReader(footer);
  r.fields((id) => {
    if (id !== 4) return false;
    r.list(() => groups.push(readRowGroup(r)));
    return true;
  });
  const wanted = new Set(schema.fields.map((f) => f.name));
  await Promise.all(groups.flatMap((g) => g.chunks.filter((c) => wanted.has(c.path)).map((c) => readDictionarySize(blob, c))));
  return groups.map((g) => ({
    numRows: g.numRows,
    columns: schema.fields.map((f) => {
      const chunk = g.chunks.find((c) => c.path === f.name);
      return chunk ? decodeChunk(chunk, f.type) : null;
    }),
  }));
}

function readRowGroup(r: CompactReader): { numRows: number; chunks: RawChunk[] } {
  let numRows = 0;
  const chunks: RawChunk[] = [];
  r.fields((id) => {
    if (id === 3) numRows = r.int();
    else if (id === 1) r.list(() => chunks.push(readColumnChunk(r)));
    else return false;
    return true;
  });
  return { numRows, chunks };
}

/** Page headers are small; this many bytes hold one. */
const PAGE_HEADER_BYTES = 256;
const DICTIONARY_PAGE = 2;

/** Reads the entry count of the chunk's dictionary page header (PageHeader field 7, DictionaryPageHeader field 1). */
async function readDictionarySize(blob: Blob, chunk: RawChunk): Promise<void> {
  if (chunk.dictionaryOffset === null) return;
  const at = chunk.dictionaryOffset;
  const r = new CompactReader(new Uint8Array(await blob.slice(at, Math.min(at + PAGE_HEADER_BYTES, blob.size)).arrayBuffer()));
  let type = -1;
  let size: number | null = null;
  try {
    r.fields((id) => {
      if (id === 1) type = r.int();
      else if (id === 7) {
        r.fields((did) => {
          if (did !== 1) return false;
          size = r.int();
          return true;
        });
      } else return false;
      return true;
    });
  } catch {
    return; // a header larger than we read: no dictionary size
  }
  if (type === DICTIONARY_PAGE) chunk.dictionarySize = size;
}

function readColumnChunk(r: CompactReader): RawChunk {
  const chunk: RawChunk = {
    path: '',
    physical: -1,
    uncompressed: 0,
    min: null,
    max: null,
    nullCount: null,
    distinctCount: null,
    dictionaryOffset: null,
    dictionarySize: null,
  };
  r.fields((id) => {
    if (id !== 3) return false;
    r.fields((mid, mtype) => {
      if (mid === 1) chunk.physical = r.int();
      else if (mid === 3) {
        const parts: string[] = [];
        r.list(() => parts.push(new TextDecoder().decode(r.binary())));
        chunk.path = parts.join('.');
      } else if (mid === 6) chunk.uncompressed = r.int();
      else if (mid === 11) chunk.dictionaryOffset = r.int();
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
    dictionarySize: chunk.dictionarySize,
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
      distinctCount: distinctEstimate(f.type, present, min, max, rows - (nulls ?? 0)),
      avgWidth: rows > 0 ? estimated(bytes / rows) : ABSENT,
    };
  });
  return { rowCount: exact(rows), columns };
}

/**
 * Footers rarely carry distinct counts. Integers and dates: their value range bounds them (keys are
 * usually dense), as does the sum of the row groups' dictionary sizes. Other types: the dictionary
 * sizes, summed when the row groups' value ranges are disjoint (as for a sorted column), else the
 * largest (values repeat across row groups). Capped by the rows.
 */
function distinctEstimate(type: DataType, chunks: readonly ChunkStatistics[], min: ScalarValue | null, max: ScalarValue | null, nonNull: number) {
  const sizes = chunks.every((c) => c.dictionarySize !== null) ? chunks.map((c) => c.dictionarySize!) : null;
  const sum = sizes && sizes.reduce((x, y) => x + y, 0);
  const integral = type.kind === 'Int8' || type.kind === 'Int16' || type.kind === 'Int32' || type.kind === 'Int64' || type.kind === 'Date32';
  let ndv: number | null = null;
  if (integral && min !== null && max !== null) {
    ndv = Math.min(Number(max.value as number | bigint) - Number(min.value as number | bigint) + 1, sum ?? Infinity);
  } else if (sizes) {
    ndv = disjointRanges(chunks) ? sum! : Math.max(...sizes);
  }
  return ndv === null ? ABSENT : estimated(Math.max(1, Math.min(ndv, nonNull)));
}

/** Whether the chunks' [min, max] ranges do not overlap (so their distinct values are disjoint). */
function disjointRanges(chunks: readonly ChunkStatistics[]): boolean {
  if (chunks.some((c) => c.min === null || c.max === null)) return chunks.length === 1;
  const sorted = [...chunks].sort((a, b) => (a.min!.value! < b.min!.value! ? -1 : 1));
  return sorted.every((c, i) => i === 0 || sorted[i - 1]!.max!.value! < c.min!.value!);
}
