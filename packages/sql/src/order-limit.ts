/**
 * ORDER BY items and LIMIT/OFFSET/FETCH as written, and how they are applied: a sort (PostgreSQL's
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
