/**
 * The options of `*` and `t.*` in a SELECT list (DuckDB's and DataFusion's): `EXCLUDE (a, b)` (also
 * spelled `EXCEPT (a, b)`) leaves columns out, `REPLACE (expr AS a)` computes column a by expr in
 * its place. Every named column must be one the wildcard stands for. ILIKE and RENAME are not supported.
 */
import { QuiverError, type Field } from '@quiver/common';
import { alias, type Expr } from '@quiver/planner';
import { array, asIdent, field, locationOf, objectNameParts, unsupported, variant, type Node } from './ast.js';
import { planExpr, type ExprEnv } from './expr-planner.js';
import { columnExpr, normalizeIdent } from './scope.js';

/** The columns `fields` (what the wildcard stands for) after the wildcard's options. */
export function expandWildcard(fields: readonly Field[], options: Node, env: ExprEnv, at: Node): Expr[] {
  for (const key of ['opt_ilike', 'opt_rename']) {
    if (field(options, key) !== undefined) throw unsupported(`* ${key.slice(4).toUpperCase()}`, at);
  }
  const excluded = new Set<string>();
  for (const [name, node] of [...excludeNames(field(options, 'opt_exclude')), ...exceptNames(field(options, 'opt_except'))]) {
    checkPresent(fields, name, node, 'EXCLUDE');
    excluded.add(name);
  }
  const replaced = new Map<string, Expr>();
  for (const item of array(field(field(options, 'opt_replace'), 'items'))) {
    const ident = field(item, 'column_name');
    const name = normalizeIdent(asIdent(ident));
    checkPresent(fields, name, ident, 'REPLACE');
    replaced.set(name, alias(planExpr(field(item, 'expr'), env), name));
  }
  return fields.filter((f) => !excluded.has(f.name)).map((f) => replaced.get(f.name) ?? columnExpr(f));
}

function excludeNames(exclude: Node): [string, Node][] {
  if (exclude === undefined) return [];
  const [tag, p] = variant(exclude);
  const names = tag === 'Single' ? [p] : array(p);
  return names.map((n) => {
    const parts = objectNameParts(n);
    if (parts.length !== 1) throw unsupported('a qualified name in * EXCLUDE', n);
    return [normalizeIdent(parts[0]!), n];
  });
}

function exceptNames(except: Node): [string, Node][] {
  if (except === undefined) return [];
  return [field(except, 'first_element'), ...array(field(except, 'additional_elements'))].map((n) => [normalizeIdent(asIdent(n)), n]);
}

function checkPresent(fields: readonly Field[], name: string, at: Node, clause: string): void {
  if (fields.some((f) => f.name === name)) return;
  const location = locationOf(at);
  throw new QuiverError('PLAN', `column '${name}' in * ${clause} is not one of the columns * stands for (${fields.map((f) => f.name).join(', ')})`, location ? { location } : undefined);
}
