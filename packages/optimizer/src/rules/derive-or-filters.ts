/**
 * `derive-or-filters`: from a disjunction whose every branch constrains the same relation, derives
 * the implied filter on that relation alone, so it can be pushed below the join that the
 * disjunction itself must wait for. `(n1.name = 'FRANCE' AND n2.name = 'GERMANY') OR (n1.name =
 * 'GERMANY' AND n2.name = 'FRANCE')` implies `n1.name = 'FRANCE' OR n1.name = 'GERMANY'` (and the
 * same for n2); in TPC-H Q19 each branch's part and lineitem conditions become filters on part and
 * on lineitem. The disjunction stays where it is; derived filters are added beside it in a
 * WHERE filter or an inner join's filter, once per disjunction.
 */
import { exprColumns, splitConjunction, conjunction, or, transformPlanUp, type Expr, type LogicalPlan } from '@quiver/planner';
import { exprEquals, isMovable } from '../expr-utils.js';
import type { OptimizerRule } from '../rule.js';

function splitDisjunction(e: Expr): Expr[] {
  return e.kind === 'binary' && e.op === 'OR' ? [...splitDisjunction(e.left), ...splitDisjunction(e.right)] : [e];
}

/** The one relation (column qualifier) a predicate reads, or null. */
function relationOf(e: Expr): string | null {
  const qualifiers = new Set(exprColumns(e).map((c) => c.qualifier));
  if (qualifiers.size !== 1) return null;
  const [q] = qualifiers;
  return q ?? null;
}

/** Filters implied by `disjunction` on single relations it reads in every branch. */
function derive(disjunction: Expr): Expr[] {
  const branches = splitDisjunction(disjunction).map(splitConjunction);
  if (branches.length < 2) return [];
  const relations = new Set(branches[0]!.map(relationOf).filter((r) => r !== null));
  const out: Expr[] = [];
  for (const rel of relations) {
    const parts = branches.map((b) => conjunction(b.filter((c) => relationOf(c) === rel)));
    if (parts.some((p) => p === null)) continue;
    const derived = or(...(parts as Expr[]));
    if (!exprEquals(derived, disjunction)) out.push(derived);
  }
  return out;
}

export class DeriveOrFilters implements OptimizerRule {
  readonly name = 'derive-or-filters';
  /** Disjunctions already expanded: their derived filters may have moved away since. */
  private readonly expanded = new WeakSet<Expr>();

  rewrite(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, (node) => {
      if (node.kind === 'filter') {
        const predicate = this.expand(node.predicate);
        return predicate === node.predicate ? node : { ...node, predicate };
      }
      if (node.kind === 'join' && node.joinType === 'inner' && node.filter !== null) {
        const filter = this.expand(node.filter);
        return filter === node.filter ? node : { ...node, filter };
      }
      return node;
    });
  }

  /** `predicate` with the filters derived from its not yet expanded disjunctions added. */
  private expand(predicate: Expr): Expr {
    const conjuncts = splitConjunction(predicate);
    const added: Expr[] = [];
    for (const c of conjuncts) {
      if (!(c.kind === 'binary' && c.op === 'OR') || this.expanded.has(c) || !isMovable(c)) continue;
      this.expanded.add(c);
      for (const d of derive(c)) if (![...conjuncts, ...added].some((x) => exprEquals(x, d))) added.push(d);
    }
    return added.length === 0 ? predicate : conjunction([...conjuncts, ...added])!;
  }
}
