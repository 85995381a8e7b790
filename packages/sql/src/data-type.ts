/**
 * SQL type names (the parser's `DataType` nodes) to Quiver data types. DECIMAL/NUMERIC without a
 * precision is DECIMAL(18,3), as in DuckDB; FLOAT without a precision is DOUBLE; unsigned integers
 * widen to a signed type; `T[]` is a list of T; TIME is microseconds (TIME WITH TIME ZONE is not supported).
 */
import { DataTypes, type DataType } from '@quiver/common';
import { unsupported, variant, type Node } from './ast.js';

const SIMPLE: Record<string, DataType> = {
  TinyInt: DataTypes.int8,
  Int2: DataTypes.int16,
  SmallInt: DataTypes.int16,
  Int: DataTypes.int32,
  Int4: DataTypes.int32,
  Integer: DataTypes.int32,
  BigInt: DataTypes.int64,
  Int8: DataTypes.int64,
  Int64: DataTypes.int64,
  Real: DataTypes.float32,
  Float4: DataTypes.float32,
  Float32: DataTypes.float32,
  Double: DataTypes.float64,
  DoublePrecision: DataTypes.float64,
  Float8: DataTypes.float64,
  Float64: DataTypes.float64,
  Float: DataTypes.float64,
  Varchar: DataTypes.utf8,
  CharacterVarying: DataTypes.utf8,
  Char: DataTypes.utf8,
  Character: DataTypes.utf8,
  Text: DataTypes.utf8,
  String: DataTypes.utf8,
  Date: DataTypes.date32,
  Boolean: DataTypes.boolean,
  Bool: DataTypes.boolean,
};

/**
 * MySQL-style unsigned integers (`INT UNSIGNED`) have no type of their own: each becomes the next
 * wider signed type that holds all its values (BIGINT UNSIGNED: DECIMAL(20,0)).
 */
const UNSIGNED: Record<string, DataType> = {
  TinyIntUnsigned: DataTypes.int16,
  UTinyInt: DataTypes.int16,
  SmallIntUnsigned: DataTypes.int32,
  USmallInt: DataTypes.int32,
  IntUnsigned: DataTypes.int64,
  IntegerUnsigned: DataTypes.int64,
  UInteger: DataTypes.int64,
  BigIntUnsigned: DataTypes.decimal(20, 0),
  UBigInt: DataTypes.decimal(20, 0),
};

/** The Quiver type a SQL type name denotes; NOT_IMPLEMENTED for types Quiver lacks. */
export function sqlDataType(node: Node): DataType {
  const [tag, payload] = variant(node);
  if (tag === 'Decimal' || tag === 'Numeric' || tag === 'Dec') return decimalType(payload, node);
  if (tag === 'Timestamp' || tag === 'Datetime') {
    const tz = Array.isArray(payload) ? payload[1] : undefined;
    if (tz === 'WithTimeZone' || tz === 'Tz') return DataTypes.timestamp('microsecond', 'UTC');
    return DataTypes.timestamp('microsecond');
  }
  if (tag === 'Time') {
    const [precision, tz] = Array.isArray(payload) ? payload : [null, 'None'];
    if (tz !== 'None' && tz !== 'WithoutTimeZone') throw unsupported('TIME WITH TIME ZONE', node);
    if (precision !== null && precision !== undefined && precision !== 6) throw unsupported(`TIME(${String(precision)}) (times keep microseconds: TIME or TIME(6))`, node);
    return DataTypes.time;
  }
  if (tag === 'Interval') return DataTypes.interval;
  if (tag === 'Array') return arrayType(payload, node);
  const unsigned = UNSIGNED[tag];
  if (unsigned) return unsigned;
  const simple = SIMPLE[tag];
  if (simple) return simple;
  throw unsupported(`data type ${tag.toUpperCase()}`, node);
}

/** `INT[]`, `ARRAY<INT>`: a list of the element type. */
function arrayType(info: Node, node: Node): DataType {
  const [kind, payload] = variant(info);
  const element = kind === 'SquareBracket' && Array.isArray(payload) ? payload[0] : kind === 'AngleBracket' ? payload : undefined;
  if (element === undefined) throw unsupported('an ARRAY type without an element type', node);
  return DataTypes.list(sqlDataType(element as Node));
}

function decimalType(info: Node, node: Node): DataType {
  const [kind, payload] = variant(info);
  if (kind === 'None') return DataTypes.decimal(18, 3);
  if (kind === 'Precision') return DataTypes.decimal(payload as number, 0);
  if (kind === 'PrecisionAndScale' && Array.isArray(payload)) return DataTypes.decimal(payload[0] as number, payload[1] as number);
  throw unsupported(`DECIMAL modifier ${kind}`, node);
}

