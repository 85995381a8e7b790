/**
 * Join order search over a join graph. Up to `DP_LIMIT` relations, dynamic programming over
 * relation subsets (DPsub restricted to connected subgraph/complement pairs, so it explores the
 * same plans as DPccp): the cheapest bushy tree for every connected subset. Beyond that, greedy
 * operator ordering: repeatedly join the connected pair with the smallest result. Cross products
 * appear only between parts of the graph that no predicate connects, smallest parts first.
 */
import { hashJoinCost } from './cardinality.js';
import { connected, joinedRows, type JoinGraph } from './join-graph.js';

const DP_LIMIT = 12;

export type JoinTree =
  | { readonly kind: 'relation'; readonly index: number; readonly mask: number; readonly rows: number; readonly cost: number }
  | { readonly kind: 'join'; readonly left: JoinTree; readonly right: JoinTree; readonly mask: number; readonly rows: number; readonly cost: number };

function leaf(graph: JoinGraph, index: number): JoinTree {
  const e = graph.estimates[index]!;
  return { kind: 'relation', index, mask: 1 << index, rows: e.rows, cost: e.cost };
}

/**
 * A join of two trees, the smaller input on the left: hash joins build their left input, so the
 * physical planner keeps this orientation without swapping sides.
 */
function join(graph: JoinGraph, a: JoinTree, b: JoinTree, rowsCache: Map<number, number>): JoinTree {
  const mask = a.mask | b.mask;
  let rows = rowsCache.get(mask);
  if (rows === undefined) {
    rows = joinedRows(graph, mask);
    rowsCache.set(mask, rows);
  }
  const [left, right] = b.rows < a.rows || (b.rows === a.rows && b.mask < a.mask) ? [b, a] : [a, b];
  return { kind: 'join', left, right, mask, rows, cost: a.cost + b.cost + hashJoinCost(a.rows, b.rows, rows) };
}

/** The cheapest join tree found for all relations of `graph`. */
export function bestJoinTree(graph: JoinGraph): JoinTree {
  const n = graph.relations.length;
  const rowsCache = new Map<number, number>();
  const parts = components(graph).map((mask) => (n <= DP_LIMIT ? dynamicProgramming(graph, mask, rowsCache) : greedy(graph, mask, rowsCache)));
  parts.sort((a, b) => a.rows - b.rows || a.mask - b.mask);
  return parts.reduce((acc, p) => {
    const rows = acc.rows * p.rows;
    const [left, right] = p.rows < acc.rows ? [p, acc] : [acc, p];
    return { kind: 'join', left, right, mask: acc.mask | p.mask, rows, cost: acc.cost + p.cost + rows };
  });
}

/** The connected parts of the graph, as relation masks. */
function components(graph: JoinGraph): number[] {
  const n = graph.relations.length;
  const out: number[] = [];
  let seen = 0;
  for (let i = 0; i < n; i++) {
    if (seen & (1 << i)) continue;
    let part = 1 << i;
    for (let grown = true; grown; ) {
      grown = false;
      for (let j = 0; j < n; j++) {
        if (!(part & (1 << j)) && connected(graph, part, 1 << j)) {
          part |= 1 << j;
          grown = true;
        }
      }
    }
    seen |= part;
    out.push(part);
  }
  return out;
}

function dynamicProgramming(graph: JoinGraph, all: number, rowsCache: Map<number, number>): JoinTree {
  const best = new Map<number, JoinTree>();
  for (let i = 0; i < graph.relations.length; i++) if (all & (1 << i)) best.set(1 << i, leaf(graph, i));
  // Subsets of `all` in increasing numeric order: every proper subset comes before its superset.
  const subsets: number[] = [];
  for (let s = all; s > 0; s = (s - 1) & all) subsets.push(s);
  subsets.reverse();
  for (const s of subsets) {
    if ((s & (s - 1)) === 0) continue;
    let chosen: JoinTree | undefined;
    // Each unordered split {s1, s \ s1} once: s1 holds the lowest relation of s.
    const low = s & -s;
    for (let s1 = (s - 1) & s; s1 > 0; s1 = (s1 - 1) & s) {
      if (!(s1 & low)) continue;
      const s2 = s ^ s1;
      const a = best.get(s1);
      const b = best.get(s2);
      if (!a || !b || !connected(graph, s1, s2)) continue;
      const candidate = join(graph, a, b, rowsCache);
      if (!chosen || candidate.cost < chosen.cost) chosen = candidate;
    }
    if (chosen) best.set(s, chosen);
  }
  return best.get(all)!;
}

function greedy(graph: JoinGraph, all: number, rowsCache: Map<number, number>): JoinTree {
  let trees: JoinTree[] = [];
  for (let i = 0; i < graph.relations.length; i++) if (all & (1 << i)) trees.push(leaf(graph, i));
  while (trees.length > 1) {
    let chosen: { tree: JoinTree; i: number; j: number } | null = null;
    for (let i = 0; i < trees.length; i++) {
      for (let j = i + 1; j < trees.length; j++) {
        if (!connected(graph, trees[i]!.mask, trees[j]!.mask)) continue;
        const tree = join(graph, trees[i]!, trees[j]!, rowsCache);
        if (!chosen || tree.rows < chosen.tree.rows || (tree.rows === chosen.tree.rows && tree.cost < chosen.tree.cost)) chosen = { tree, i, j };
      }
    }
    const { tree, i, j } = chosen!;
    trees = [...trees.filter((_, k) => k !== i && k !== j), tree];
  }
  return trees[0]!;
}
