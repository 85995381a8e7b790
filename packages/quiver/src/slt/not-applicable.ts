/**
 * Records that test a DataFusion-only feature rather than portable SQL: EXPLAIN text, `SET`/`RESET
 * datafusion.*` options, `arrow_cast`/`arrow_typeof`, Arrow type names in the SQL, and tables read
 * from DataFusion's test data files (CREATE EXTERNAL TABLE; the files are not in the suite). The runner
 * counts them apart as not applicable (statements among them still run, for the state they build).
 */

const RULES: ReadonlyArray<readonly [string, RegExp]> = [
  ['EXPLAIN output', /^\s*explain\b/i],
  ['external data file (CREATE EXTERNAL TABLE)', /^\s*create\s+(unbounded\s+)?external\s+table\b/i],
  ['DataFusion option', /^\s*(set|reset|show)\s+datafusion\./i],
  ['arrow_cast/arrow_typeof', /\barrow_(cast|typeof)\s*\(/i],
  ['Arrow type name', /\b(Utf8View|LargeUtf8|Utf8|BinaryView|LargeBinary|FixedSizeBinary|Dictionary|U?Int(8|16|32|64)|Float(16|32|64)|Decimal(128|256)|Date(32|64)|Time(32|64)|LargeList|FixedSizeList)\b/],
];

/** Why a record's SQL is DataFusion-specific, or null when it is portable. */
export function notApplicableReason(sql: string): string | null {
  for (const [reason, pattern] of RULES) if (pattern.test(sql)) return reason;
  return null;
}

/** The table or view a CREATE statement makes, lower-cased; null for other statements. */
export function createdName(sql: string): string | null {
  const m = /^\s*create\s+(?:or\s+replace\s+)?(?:unbounded\s+)?(?:external\s+)?(?:table|view)\s+(?:if\s+not\s+exists\s+)?([A-Za-z_][\w]*)/i.exec(sql);
  return m ? m[1]!.toLowerCase() : null;
}
