/**
 * The parser accepts some reserved words as plain identifiers (`select a +\nfrom t` parses as
 * `a + "from" AS t`). Before planning, an unquoted reserved word used as a column name is reported as
 * the syntax error it is, at its position, instead of a misleading "column not found" elsewhere.
 */
import { QuiverError, type SourceLocation } from '@quiver/common';
import { array, isObject, locationOf, type Ident, type Node } from './ast.js';
import { isOrderByAllClause } from './order-limit.js';

const RESERVED = new Set([
  'all', 'and', 'as', 'between', 'by', 'case', 'cross', 'distinct', 'else', 'end', 'except', 'exists', 'fetch', 'from',
  'full', 'group', 'having', 'in', 'inner', 'intersect', 'into', 'is', 'join', 'left', 'like', 'limit', 'natural', 'not',
  'offset', 'on', 'or', 'order', 'outer', 'right', 'select', 'table', 'then', 'union', 'using', 'when', 'where', 'with',
]);

/** Throws SQL_PARSE at the first unquoted reserved word that `stmt` uses as a column reference. */
export function rejectKeywordColumns(stmt: Node): void {
  let first: { word: string; location: SourceLocation } | null = null;
  const consider = (ident: Ident) => {
    if (ident.quote_style !== undefined || !RESERVED.has(ident.value.toLowerCase())) return;
    const location = locationOf(ident);
    if (!location) return;
    if (first === null || location.line < first.location.line || (location.line === first.location.line && location.column < first.location.column)) {
      first = { word: ident.value.toUpperCase(), location };
    }
  };
  const visit = (n: Node): void => {
    if (Array.isArray(n)) {
      n.forEach(visit);
      return;
    }
    if (!isObject(n)) return;
    for (const [key, value] of Object.entries(n)) {
      if (key === 'Identifier' && isObject(value) && typeof value.value === 'string') consider(value as unknown as Ident);
      else if (key === 'CompoundIdentifier') array(value).forEach((v) => consider(v as Ident));
      else if (key === 'order_by' && isOrderByAllClause(value)) continue; // ORDER BY ALL
      else if (key !== 'name') visit(value); // object, function and alias names are not column references
    }
  };
  visit(stmt);
  const found = first as { word: string; location: SourceLocation } | null;
  if (found) throw new QuiverError('SQL_PARSE', `syntax error: unexpected keyword ${found.word}`, { location: found.location });
}
