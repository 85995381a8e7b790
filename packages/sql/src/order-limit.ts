/**
 * ORDER BY items and LIMIT/OFFSET/FETCH as written (`ORDER BY ALL` — unquoted, alone — reads as
 * ORDER BY 1, 2, … over every output column, as in DuckDB and DataFusion), and how they are applied: a sort (PostgreSQL's
 * default NULLS LAST for ASC, NULLS FIRST for DESC) carries the row count a LIMIT needs, and a Limit
 * node remains only for an OFFSET or an unsorted LIMIT.
 */
import { QuiverError } from '@quiver/common';
import type { LogicalPlanBuilder, SortExpr } from '@quiver/planner';
import { array, field, locationOf, unsupported, variant, type Node } from './ast.js';

export interface OrderItem {
  readonly expr: Node;
  readonly asc: boolean;
  readonly nullsFirst: boolean;
}

export interface LimitSpec {
  readonly skip: number;
  readonly fetch: number | null;
}

export function orderItems(orderBy: Node): OrderItem[] {
  if (orderBy === undefined) return [];
  const [tag, items] = variant(field(orderBy, 'kind'));
  if (tag !== 'Expressions') throw unsupported(`ORDER BY ${tag.toUpperCase()}`, orderBy);
  return array(items).map((item) => {
    if (field(item, 'with_fill') !== undefined) throw unsupported('ORDER BY … WITH FILL', item);
    const options = field(item, 'options');
    const asc = field(options, 'asc') !== false;
    const nulls = field(options, 'nulls_first');
    return { expr: field(item, 'expr'), asc, nullsFirst: typeof nulls === 'boolean' ? nulls : !asc };
  });
}

/** Whether ORDER BY items with these expressions are `ORDER BY ALL` (a lone unquoted ALL; `"all"` names a column). */
function isOrderByAll(exprs: readonly Node[]): boolean {
  if (exprs.length !== 1) return false;
  const [tag, p] = variant(exprs[0]);
  return tag === 'Identifier' && field(p, 'quote_style') === undefined && String(field(p, 'value')).toLowerCase() === 'all';
}

/** Whether a query's `order_by` node is `ORDER BY ALL` (so its ALL is no column reference). */
export function isOrderByAllClause(orderBy: Node): boolean {
  const kind = field(orderBy, 'kind');
  if (kind === undefined) return false;
  const [tag, items] = variant(kind);
  return tag === 'Expressions' && isOrderByAll(array(items).map((item) => field(item, 'expr')));
}

/** `order` with `ORDER BY ALL` spelled out as the ordinals 1…`columns`, each with ALL's direction and NULLS placement. */
export function expandOrderByAll(order: readonly OrderItem[], columns: number): readonly OrderItem[] {
  if (!isOrderByAll(order.map((o) => o.expr))) return order;
  const { asc, nullsFirst } = order[0]!;
  return Array.from({ length: columns }, (_, i) => ({ expr: { Value: { value: { Number: [String(i + 1), false] } } }, asc, nullsFirst }));
}

/** The 1-based position an ORDER BY/GROUP BY item names when it is an integer literal, else null. */
export function ordinal(node: Node): number | null {
  const [tag, p] = variant(node);
  if (tag !== 'Value') return null;
  const [vt, v] = variant(field(p, 'value'));
  if (vt !== 'Number') return null;
  const text = String(array(v)[0]);
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** LIMIT, OFFSET and FETCH FIRST of a query, or null when it has none. */
export function limitSpec(query: Node): LimitSpec | null {
  let limit: Node;
  let offset: Node;
  const clause = field(query, 'limit_clause');
  if (clause !== undefined) {
    const [tag, p] = variant(clause);
    if (tag === 'LimitOffset') {
      if (array(field(p, 'limit_by')).length > 0) throw unsupported('LIMIT BY', clause);
      limit = field(p, 'limit');
      offset = field(field(p, 'offset'), 'value');
    } else if (tag === 'OffsetCommaLimit') {
      limit = field(p, 'limit');
      offset = field(p, 'offset');
    } else {
      throw unsupported(`limit clause ${tag}`, clause);
    }
  }
  let fetch = limit === undefined ? null : countOrAll(limit);
  const fetchClause = field(query, 'fetch');
  if (fetchClause !== undefined) {
    if (field(fetchClause, 'with_ties') === true || field(fetchClause, 'percent') === true) throw unsupported('FETCH … WITH TIES or PERCENT', fetchClause);
    if (limit !== undefined) throw unsupported('LIMIT together with FETCH FIRST', fetchClause);
    const quantity = field(fetchClause, 'quantity');
    fetch = quantity === undefined ? 1 : count(quantity, 'FETCH FIRST');
  }
  if (fetch === null && offset === undefined) return null;
  return { skip: offset === undefined ? 0 : count(offset, 'OFFSET'), fetch };
}

function countOrAll(node: Node): number | null {
  const [tag, p] = variant(node);
  if (tag === 'Value' && field(p, 'value') === 'Null') return null;
  return count(node, 'LIMIT');
}

function count(node: Node, what: string): number {
  const n = ordinal(node);
  if (n === null || !Number.isSafeInteger(n)) {
    const location = locationOf(node);
    throw new QuiverError('PLAN', `${what} must be a non-negative integer literal`, location ? { location } : undefined);
  }
  return n;
}

/** `builder` sorted by `sorts` (a top-k when limited), then offset and limited as `limit` says. */
export function applySortAndLimit(builder: LogicalPlanBuilder, sorts: readonly SortExpr[], limit: LimitSpec | null): LogicalPlanBuilder {
  if (sorts.length === 0) return limit === null ? builder : builder.limit(limit.skip, limit.fetch);
  const fetch = limit !== null && limit.fetch !== null ? limit.skip + limit.fetch : null;
  const sorted = builder.sort(sorts, fetch);
  return limit !== null && limit.skip > 0 ? sorted.limit(limit.skip, limit.fetch) : sorted;
}
