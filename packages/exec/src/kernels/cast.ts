/**
 * CAST / TRY_CAST dispatch between all supported types: numeric and Boolean casts, casts from and to
 * VARCHAR, DATE ↔ TIMESTAMP, TIMESTAMP → TIME, TIMESTAMP unit changes and lists (item-wise, or to VARCHAR). A cast to the same type returns the input.
 */
import type * as arrow from 'apache-arrow';
import { isNumeric, QuiverError, typesEqual, typeToString, type DataType } from '@quiver/common';
import { allocValues, makeAllNull, makeFixed } from './builders.js';
import { floorDiv, UNITS_PER_DAY, NANOS_PER_UNIT } from './calendar.js';
import { castListItems, castListToString } from './cast-list.js';
import { castNumeric } from './cast-numeric.js';
import { castFromString, castToString } from './cast-string.js';
import { timestampToTime } from './time.js';
import { validityOf } from './validity.js';

/** `data` (of type `from`) converted to `to`; TRY_CAST (`tryCast`) gives NULL where CAST would fail. */
export function castArray(data: arrow.Data, from: DataType, to: DataType, tryCast = false): arrow.Data {
  if (typesEqual(from, to)) return data;
  if (from.kind === 'Null') return makeAllNull(to, data.length);
  if (from.kind === 'List' && to.kind === 'List') return castListItems(data, from, to, tryCast);
  if (from.kind === 'List' && to.kind === 'Utf8') return castListToString(data, from);
  if (to.kind === 'Utf8') return castToString(data, from);
  if (from.kind === 'Utf8') return castFromString(data, to, tryCast);
  const numericLike = (t: DataType) => isNumeric(t) || t.kind === 'Boolean';
  if (numericLike(from) && numericLike(to)) return castNumeric(data, from, to, tryCast);
  if ((from.kind === 'Date32' || from.kind === 'Timestamp') && (to.kind === 'Date32' || to.kind === 'Timestamp')) {
    return castTemporal(data, from, to);
  }
  if (from.kind === 'Timestamp' && to.kind === 'Time') return timestampToTime(data, from.unit);
  throw new QuiverError('TYPE', `cannot cast ${typeToString(from)} to ${typeToString(to)}`);
}

function castTemporal(data: arrow.Data, from: DataType, to: DataType): arrow.Data {
  const n = data.length;
  const validity = validityOf(data);
  const out = allocValues(to, n);
  if (from.kind === 'Date32' && to.kind === 'Timestamp') {
    const days = data.values as Int32Array;
    const perDay = UNITS_PER_DAY[to.unit];
    const o = out as BigInt64Array;
    for (let i = 0; i < n; i++) o[i] = BigInt(days[i]!) * perDay;
  } else if (from.kind === 'Timestamp' && to.kind === 'Date32') {
    const ts = data.values as BigInt64Array;
    const perDay = UNITS_PER_DAY[from.unit];
    const o = out as Int32Array;
    for (let i = 0; i < n; i++) o[i] = Number(floorDiv(ts[i]!, perDay));
  } else if (from.kind === 'Timestamp' && to.kind === 'Timestamp') {
    const ts = data.values as BigInt64Array;
    const a = NANOS_PER_UNIT[from.unit];
    const b = NANOS_PER_UNIT[to.unit];
    const o = out as BigInt64Array;
    for (let i = 0; i < n; i++) o[i] = a >= b ? ts[i]! * (a / b) : floorDiv(ts[i]!, b / a);
  } else {
    throw new QuiverError('INTERNAL', `castTemporal: ${typeToString(from)} to ${typeToString(to)}`);
  }
  return makeFixed(to, n, out, validity === null ? null : validity.slice());
}
