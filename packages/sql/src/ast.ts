/**
 * Narrow typed access to the parser's JSON AST (the serde form of sqlparser-rs nodes). The package's
 * own type declarations do not match its runtime output, so the planner reads nodes only through
 * these helpers: enum variants are `{ Variant: payload }` objects or bare `"Variant"` strings, and
 * `Option::None` fields are absent.
 */
import { QuiverError, type SourceLocation } from '@quiver/common';

/** Any parser node: an object, a variant name, an array, or a primitive. */
export type Node = unknown;
export type NodeObject = { readonly [key: string]: Node };

/** One parsed statement, as the parser returned it. */
export type Statement = NodeObject;

export interface Ident {
  readonly value: string;
  readonly quote_style?: string;
  readonly span?: Span;
}

interface Span {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

export function isObject(n: Node): n is NodeObject {
  return typeof n === 'object' && n !== null && !Array.isArray(n);
}

/** The variant name and payload of an enum node: `{A: x}` → ['A', x]; `"B"` → ['B', undefined]. */
export function variant(n: Node): [string, Node] {
  if (typeof n === 'string') return [n, undefined];
  if (isObject(n)) {
    const keys = Object.keys(n);
    if (keys.length === 1) return [keys[0]!, n[keys[0]!]];
  }
  throw new QuiverError('INTERNAL', `unexpected SQL syntax node: ${JSON.stringify(n)?.slice(0, 200)}`);
}

/** Field `key` of an object node, or undefined when absent (None) or not an object. */
export function field(n: Node, key: string): Node {
  return isObject(n) ? n[key] : undefined;
}

export function array(n: Node): readonly Node[] {
  return Array.isArray(n) ? n : [];
}

export function asIdent(n: Node): Ident {
  if (isObject(n) && typeof n.value === 'string') return n as unknown as Ident;
  throw new QuiverError('INTERNAL', `expected an identifier node, got ${JSON.stringify(n)?.slice(0, 200)}`);
}

/** The identifiers of an `ObjectName` (`[{Identifier: ident}, ...]`). */
export function objectNameParts(n: Node): Ident[] {
  return array(n).map((part) => {
    const [tag, payload] = variant(part);
    if (tag !== 'Identifier') throw new QuiverError('NOT_IMPLEMENTED', `object name part ${tag} is not supported`);
    return asIdent(payload);
  });
}

function spanLocation(span: Node): SourceLocation | undefined {
  const start = field(span, 'start');
  const line = field(start, 'line');
  const column = field(start, 'column');
  if (typeof line === 'number' && typeof column === 'number' && line > 0) return { line, column };
  return undefined;
}

/** Where `n` starts: the first token span found depth-first (for composite nodes, their leftmost leaf). */
export function locationOf(n: Node): SourceLocation | undefined {
  if (Array.isArray(n)) {
    for (const x of n) {
      const loc = locationOf(x);
      if (loc) return loc;
    }
    return undefined;
  }
  if (!isObject(n)) return undefined;
  if ('span' in n) {
    const loc = spanLocation(n.span);
    if (loc) return loc;
  }
  for (const key of Object.keys(n)) {
    if (key === 'span') continue;
    const loc = locationOf(n[key]);
    if (loc) return loc;
  }
  return undefined;
}

/** A NOT_IMPLEMENTED error naming an unsupported construct and where it starts. */
export function unsupported(what: string, at: Node): QuiverError {
  const location = locationOf(at);
  return new QuiverError('NOT_IMPLEMENTED', `${what} is not supported`, location ? { location } : undefined);
}

/**
 * Run `fn`; a QuiverError it throws without a position gets `location` attached (the error that
 * relates to a token is placed at that token).
 */
export function withLocation<T>(location: SourceLocation | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw located(err, location);
  }
}

function located(err: unknown, location: SourceLocation | undefined): unknown {
  if (err instanceof QuiverError && err.location === undefined && location !== undefined) {
    const e = new QuiverError(err.code, err.message, { location, cause: err.cause });
    e.stack = err.stack;
    return e;
  }
  return err;
}
