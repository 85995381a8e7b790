/**
 * Quiver's logical data types and their mapping to Apache Arrow types.
 *
 * A `DataType` is a plain tagged object so it can be compared, printed and serialized cheaply.
 * `List` is a variable-length array of `item` values (Arrow List: int32 offsets + one child array whose
 * field is named `item` and is always nullable). `Time` is a time of day in microseconds since
 * midnight (Arrow Time64(microsecond); other Arrow time units are converted when read).
 */
import * as arrow from 'apache-arrow';
import { QuiverError } from './error.js';

export type TimeUnit = 'second' | 'millisecond' | 'microsecond' | 'nanosecond';

export type DataType =
  | { readonly kind: 'Null' }
  | { readonly kind: 'Boolean' }
  | { readonly kind: 'Int8' }
  | { readonly kind: 'Int16' }
  | { readonly kind: 'Int32' }
  | { readonly kind: 'Int64' }
  | { readonly kind: 'Float32' }
  | { readonly kind: 'Float64' }
  | { readonly kind: 'Decimal128'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'Utf8' }
  | { readonly kind: 'Date32' }
  | { readonly kind: 'Timestamp'; readonly unit: TimeUnit; readonly timezone: string | null }
  | { readonly kind: 'Time' }
  | { readonly kind: 'Interval' }
  | { readonly kind: 'List'; readonly item: DataType };

export type TypeKind = DataType['kind'];

export const DataTypes = {
  null: { kind: 'Null' } as DataType,
  boolean: { kind: 'Boolean' } as DataType,
  int8: { kind: 'Int8' } as DataType,
  int16: { kind: 'Int16' } as DataType,
  int32: { kind: 'Int32' } as DataType,
  int64: { kind: 'Int64' } as DataType,
  float32: { kind: 'Float32' } as DataType,
  float64: { kind: 'Float64' } as DataType,
  utf8: { kind: 'Utf8' } as DataType,
  date32: { kind: 'Date32' } as DataType,
  time: { kind: 'Time' } as DataType,
  interval: { kind: 'Interval' } as DataType,
  decimal(precision: number, scale: number): DataType {
    if (!Number.isInteger(precision) || precision < 1 || precision > 38) {
      throw new QuiverError('TYPE', `DECIMAL precision must be between 1 and 38, got ${precision}`);
    }
    if (!Number.isInteger(scale) || scale < 0 || scale > precision) {
      throw new QuiverError('TYPE', `DECIMAL scale must be between 0 and the precision ${precision}, got ${scale}`);
    }
    return { kind: 'Decimal128', precision, scale };
  },
  timestamp(unit: TimeUnit = 'microsecond', timezone: string | null = null): DataType {
    return { kind: 'Timestamp', unit, timezone };
  },
  /** A list of `item` values (elements may be NULL). */
  list(item: DataType): DataType {
    return { kind: 'List', item };
  },
} as const;

export function isInteger(t: DataType): boolean {
  return t.kind === 'Int8' || t.kind === 'Int16' || t.kind === 'Int32' || t.kind === 'Int64';
}
export function isFloat(t: DataType): boolean {
  return t.kind === 'Float32' || t.kind === 'Float64';
}
export function isNumeric(t: DataType): boolean {
  return isInteger(t) || isFloat(t) || t.kind === 'Decimal128';
}
export function isList(t: DataType): t is Extract<DataType, { kind: 'List' }> {
  return t.kind === 'List';
}
export function isTemporal(t: DataType): boolean {
  return t.kind === 'Date32' || t.kind === 'Timestamp';
}

export function typesEqual(a: DataType, b: DataType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'Decimal128') {
    const d = b as typeof a;
    return a.precision === d.precision && a.scale === d.scale;
  }
  if (a.kind === 'Timestamp') {
    const t = b as typeof a;
    return a.unit === t.unit && a.timezone === t.timezone;
  }
  if (a.kind === 'List') return typesEqual(a.item, (b as typeof a).item);
  return true;
}

/** SQL spelling of a type, as shown in errors, EXPLAIN and `DESCRIBE`. */
export function typeToString(t: DataType): string {
  switch (t.kind) {
    case 'Null': return 'NULL';
    case 'Boolean': return 'BOOLEAN';
    case 'Int8': return 'TINYINT';
    case 'Int16': return 'SMALLINT';
    case 'Int32': return 'INTEGER';
    case 'Int64': return 'BIGINT';
    case 'Float32': return 'REAL';
    case 'Float64': return 'DOUBLE';
    case 'Decimal128': return `DECIMAL(${t.precision},${t.scale})`;
    case 'Utf8': return 'VARCHAR';
    case 'Date32': return 'DATE';
    case 'Timestamp': return t.timezone ? `TIMESTAMP WITH TIME ZONE` : 'TIMESTAMP';
    case 'Time': return 'TIME';
    case 'Interval': return 'INTERVAL';
    case 'List': return `${typeToString(t.item)}[]`;
  }
}

const ARROW_UNIT: Record<TimeUnit, arrow.TimeUnit> = {
  second: arrow.TimeUnit.SECOND,
  millisecond: arrow.TimeUnit.MILLISECOND,
  microsecond: arrow.TimeUnit.MICROSECOND,
  nanosecond: arrow.TimeUnit.NANOSECOND,
};

/** The Arrow type that carries values of `t` in record batches. */
export function toArrowType(t: DataType): arrow.DataType {
  switch (t.kind) {
    case 'Null': return new arrow.Null();
    case 'Boolean': return new arrow.Bool();
    case 'Int8': return new arrow.Int8();
    case 'Int16': return new arrow.Int16();
    case 'Int32': return new arrow.Int32();
    case 'Int64': return new arrow.Int64();
    case 'Float32': return new arrow.Float32();
    case 'Float64': return new arrow.Float64();
    case 'Decimal128': return new arrow.Decimal(t.scale, t.precision, 128);
    case 'Utf8': return new arrow.Utf8();
    case 'Date32': return new arrow.DateDay();
    case 'Timestamp': return new arrow.Timestamp(ARROW_UNIT[t.unit], t.timezone);
    case 'Time': return new arrow.TimeMicrosecond();
    case 'Interval': return new arrow.Interval(arrow.IntervalUnit.MONTH_DAY_NANO);
    case 'List': return new arrow.List(new arrow.Field('item', toArrowType(t.item), true));
  }
}

/** The Quiver type for an Arrow type; throws a TYPE error for Arrow types Quiver does not support. */
export function fromArrowType(t: arrow.DataType): DataType {
  switch (t.typeId) {
    case arrow.Type.Null: return DataTypes.null;
    case arrow.Type.Bool: return DataTypes.boolean;
    case arrow.Type.Int: {
      const i = t as arrow.Int;
      if (!i.isSigned) {
        // Unsigned integers widen to the next signed width (uint64 to DECIMAL(20,0) would be exact; we use Int64).
        if (i.bitWidth === 8) return DataTypes.int16;
        if (i.bitWidth === 16) return DataTypes.int32;
        return DataTypes.int64;
      }
      if (i.bitWidth === 8) return DataTypes.int8;
      if (i.bitWidth === 16) return DataTypes.int16;
      if (i.bitWidth === 32) return DataTypes.int32;
      return DataTypes.int64;
    }
    case arrow.Type.Float: {
      const f = t as arrow.Float;
      return f.precision === arrow.Precision.DOUBLE ? DataTypes.float64 : DataTypes.float32;
    }
    case arrow.Type.Decimal: {
      const d = t as arrow.Decimal;
      return DataTypes.decimal(d.precision, d.scale);
    }
    case arrow.Type.Utf8:
    case arrow.Type.LargeUtf8:
      return DataTypes.utf8;
    case arrow.Type.Date: return DataTypes.date32;
    case arrow.Type.Timestamp: {
      const ts = t as arrow.Timestamp;
      const unit = (Object.keys(ARROW_UNIT) as TimeUnit[]).find((u) => ARROW_UNIT[u] === ts.unit)!;
      return DataTypes.timestamp(unit, ts.timezone ?? null);
    }
    case arrow.Type.Time: return DataTypes.time;
    case arrow.Type.Interval: return DataTypes.interval;
    case arrow.Type.Dictionary: return fromArrowType((t as arrow.Dictionary).dictionary);
    case arrow.Type.List: return DataTypes.list(fromArrowType((t as arrow.List).valueType));
    default:
      throw new QuiverError('TYPE', `unsupported Arrow type ${String(t)}`);
  }
}
