/**
 * Display text of Arrow column values, read column-wise from the typed buffers (exact for
 * decimals and 64-bit integers). Used by the table/CSV/JSON renderers; not a query hot path.
 * Lists show as `[1, 2, NULL]` (items' own text, strings unquoted, whole floats with `.0`, as
 * DataFusion and DuckDB print them); in JSON they are arrays.
 */
import type * as arrow from 'apache-arrow';
import { dateToString, decimalToString, intervalToString, shortestFloat32, timeToString, type DataType } from '@quiver/common';

const decoder = new TextDecoder();

function isValid(data: arrow.Data, i: number): boolean {
  const bitmap = data.nullBitmap;
  if (data.nullCount === 0 || !bitmap || bitmap.length === 0) return true;
  const bit = data.offset + i;
  return ((bitmap[bit >> 3]! >> (bit & 7)) & 1) === 1;
}

/** The unscaled value of decimal `i` (values are already offset by arrow's slicing). */
export function decimalAt(words: Uint32Array, i: number): bigint {
  const base = i * 4;
  let v = 0n;
  for (let w = 3; w >= 0; w--) v = (v << 32n) | BigInt(words[base + w]!);
  return BigInt.asIntN(128, v);
}

const TICKS_PER_SECOND: Record<string, bigint> = { second: 1n, millisecond: 1000n, microsecond: 1_000_000n, nanosecond: 1_000_000_000n };

/** `YYYY-MM-DD HH:MM:SS[.fff[fff[fff]]]`: fractional seconds in 3, 6 or 9 digits, as many as the value needs. */
function timestampText(v: bigint, unit: string): string {
  const perSecond = TICKS_PER_SECOND[unit]!;
  let seconds = v / perSecond;
  let ticks = v % perSecond;
  if (ticks < 0n) {
    ticks += perSecond;
    seconds -= 1n;
  }
  const text = new Date(Number(seconds) * 1000).toISOString().replace('T', ' ').slice(0, -5);
  if (ticks === 0n) return text;
  const nanos = (ticks * 1_000_000_000n) / perSecond;
  const digits = nanos % 1_000_000n === 0n ? 3 : nanos % 1000n === 0n ? 6 : 9;
  return `${text}.${nanos.toString().padStart(9, '0').slice(0, digits)}`;
}

/** One JS value per row for JSON output: numbers, strings, booleans or null (64-bit and decimals as exact strings when unsafe). */
export function columnJsonValues(data: arrow.Data, type: DataType): unknown[] {
  if (type.kind === 'List') {
    const items = columnJsonValues(data.children[0]!, type.item);
    const offsets = data.valueOffsets as Int32Array;
    const out = new Array<unknown>(data.length);
    for (let i = 0; i < data.length; i++) out[i] = isValid(data, i) ? items.slice(offsets[i]!, offsets[i + 1]!) : null;
    return out;
  }
  const text = columnText(data, type);
  switch (type.kind) {
    case 'Boolean':
      return text.map((t) => (t === null ? null : t === 'true'));
    case 'Int8':
    case 'Int16':
    case 'Int32':
    case 'Float32':
    case 'Float64':
      return text.map((t) => (t === null ? null : Number(t)));
    case 'Int64':
    case 'Decimal128':
      return text.map((t) => (t === null ? null : Number.isSafeInteger(Number(t)) || String(Number(t)) === t ? Number(t) : t));
    default:
      return text;
  }
}

/** Display text per row (`null` for SQL NULL). */
export function columnText(data: arrow.Data, type: DataType): Array<string | null> {
  if (type.kind === 'List') return listText(data, type.item);
  const out = new Array<string | null>(data.length);
  const values = data.values as ArrayLike<number | bigint>;
  for (let i = 0; i < data.length; i++) {
    if (!isValid(data, i)) {
      out[i] = null;
      continue;
    }
    switch (type.kind) {
      case 'Null':
        out[i] = null;
        break;
      case 'Boolean': {
        const bit = data.offset + i;
        out[i] = ((data.values as Uint8Array)[bit >> 3]! >> (bit & 7)) & 1 ? 'true' : 'false';
        break;
      }
      case 'Float32':
        out[i] = formatFloat(shortestFloat32(values[i] as number));
        break;
      case 'Float64':
        out[i] = formatFloat(values[i] as number);
        break;
      case 'Decimal128':
        out[i] = decimalToString(decimalAt(data.values as Uint32Array, i), type.scale);
        break;
      case 'Utf8': {
        const offsets = data.valueOffsets as Int32Array;
        out[i] = decoder.decode((data.values as Uint8Array).subarray(offsets[i]!, offsets[i + 1]!));
        break;
      }
      case 'Date32':
        out[i] = dateToString(values[i] as number);
        break;
      case 'Timestamp':
        out[i] = timestampText(values[i] as bigint, type.unit);
        break;
      case 'Time':
        out[i] = timeToString(values[i] as bigint);
        break;
      case 'Interval': {
        const words = data.values as Int32Array;
        const b = i * 4;
        const nanos = BigInt.asIntN(64, (BigInt(words[b + 3]! >>> 0) << 32n) | BigInt(words[b + 2]! >>> 0));
        out[i] = intervalToString({ months: words[b]!, days: words[b + 1]!, nanos });
        break;
      }
      default:
        out[i] = String(values[i]);
    }
  }
  return out;
}

/** `[a, b, NULL]` per row, from the text of the whole item column. */
function listText(data: arrow.Data, item: DataType): Array<string | null> {
  // An empty result's columns come from apache-arrow's `new Table(schema)`, whose List Data has no child.
  if (data.length === 0) return [];
  const items = columnText(data.children[0]!, item);
  const wholeFloats = item.kind === 'Float32' || item.kind === 'Float64';
  const offsets = data.valueOffsets as Int32Array;
  const out = new Array<string | null>(data.length);
  for (let i = 0; i < data.length; i++) {
    if (!isValid(data, i)) {
      out[i] = null;
      continue;
    }
    const parts: string[] = [];
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const t = items[k]!;
      parts.push(t === null ? 'NULL' : wholeFloats && /^-?\d+$/.test(t) ? `${t}.0` : t);
    }
    out[i] = `[${parts.join(', ')}]`;
  }
  return out;
}

/** Shortest round-trip text of a double, with `inf`/`nan` spelled as PostgreSQL does. */
export function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return String(v);
}
