/**
 * Quiver UDF ABI v1 constants (the spec is docs/udf-abi.md): version, type ids, the 32-byte column
 * descriptor layout, export names, and the byte widths of fixed-width types.
 */
import { QuiverError, typeToString, type DataType, type TimeUnit } from '@quiver/common';

export const ABI_MAJOR = 1;
export const ABI_MINOR = 0;

/** Host import module name. */
export const HOST_MODULE = 'qe_udf';
export const WASI_MODULE = 'wasi_snapshot_preview1';
export const MANIFEST_SECTION = 'qe_udf.manifest';

export const EXPORTS = {
  memory: 'memory',
  abi: 'qe_udf_abi',
  manifest: 'qe_udf_manifest',
  alloc: 'qe_alloc',
  free: 'qe_free',
  lastError: 'qe_last_error',
  row: 'qe_row',
  initialize: '_initialize',
} as const;

/** Column type ids in descriptor word 0 (bits 0–7). */
export const TypeId = {
  boolean: 1,
  int8: 2,
  int16: 3,
  int32: 4,
  int64: 5,
  float32: 10,
  float64: 11,
  date32: 12,
  timestamp: 13,
  decimal128: 14,
  utf8: 15,
} as const;

/** Descriptor field byte offsets; a descriptor is 32 bytes, 8-byte aligned. */
export const Desc = {
  size: 32,
  /** u32: type id (bits 0–7), param1 (bits 8–15: decimal precision / timestamp unit), param2 (bits 16–23: decimal scale). */
  type: 0,
  length: 4,
  nullCount: 8,
  validity: 12,
  offsets: 16,
  data: 20,
  dataLen: 24,
  reserved: 28,
} as const;

export const TIME_UNIT_CODE: Record<TimeUnit, number> = { second: 0, millisecond: 1, microsecond: 2, nanosecond: 3 };

/** Descriptor word 0 for a Quiver type. */
export function typeWord(t: DataType): number {
  switch (t.kind) {
    case 'Boolean': return TypeId.boolean;
    case 'Int8': return TypeId.int8;
    case 'Int16': return TypeId.int16;
    case 'Int32': return TypeId.int32;
    case 'Int64': return TypeId.int64;
    case 'Float32': return TypeId.float32;
    case 'Float64': return TypeId.float64;
    case 'Date32': return TypeId.date32;
    case 'Timestamp': return TypeId.timestamp | (TIME_UNIT_CODE[t.unit] << 8);
    case 'Decimal128': return TypeId.decimal128 | (t.precision << 8) | (t.scale << 16);
    case 'Utf8': return TypeId.utf8;
    default:
      throw new QuiverError('NOT_IMPLEMENTED', `WebAssembly UDFs cannot take or return ${typeToString(t)} values (the UDF ABI has no type for it)`);
  }
}

/** Bytes per value of a fixed-width type; 0 for Boolean (bit-packed) and Utf8 (offsets + bytes). */
export function byteWidth(t: DataType): number {
  switch (t.kind) {
    case 'Int8': return 1;
    case 'Int16': return 2;
    case 'Int32':
    case 'Float32':
    case 'Date32': return 4;
    case 'Int64':
    case 'Float64':
    case 'Timestamp': return 8;
    case 'Decimal128': return 16;
    default: return 0;
  }
}
