/**
 * TPC-H dates. Generated dates are day numbers counted from dbgen's STARTDATE (1992-01-01 is day 0,
 * the last possible day is 1998-12-31); this module maps them to Arrow Date32 values, to the ten
 * `YYYY-MM-DD` bytes dbgen prints, and decides "in the past" against CURRENTDATE 1995-06-17.
 */

const MS_PER_DAY = 86_400_000;
/** Date32 value (days since 1970-01-01) of day 0. */
export const START_EPOCH_DAY = Date.UTC(1992, 0, 1) / MS_PER_DAY;
/** Number of distinct days the generator can produce. */
const DATE_RANGE = 2557;
/** Day number of CURRENTDATE; a day is "in the past" when it is on or before this. */
export const CURRENT_DAY = (Date.UTC(1995, 5, 17) - Date.UTC(1992, 0, 1)) / MS_PER_DAY;
/** Orders are placed on days 0..ORDER_DAY_MAX so that every line ships and arrives by the end. */
export const ORDER_DAY_MAX = DATE_RANGE - 151 - 1;

/** DATE_RANGE × 10 bytes: `YYYY-MM-DD` of each day. */
export const DATE_TEXT: Uint8Array = (() => {
  const text = new Uint8Array(DATE_RANGE * 10);
  const encoder = new TextEncoder();
  for (let day = 0; day < DATE_RANGE; day++) {
    const iso = new Date((START_EPOCH_DAY + day) * MS_PER_DAY).toISOString().slice(0, 10);
    encoder.encodeInto(iso, text.subarray(day * 10, day * 10 + 10));
  }
  return text;
})();
