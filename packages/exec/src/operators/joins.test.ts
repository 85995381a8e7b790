import { describe, expect, it } from 'vitest';
import { DataTypes as T, Scalars } from '@quiver/common';
import { BinaryExpr } from '../expressions/binary.js';
import { ColumnExpr } from '../expressions/column.js';
import { LiteralExpr } from '../expressions/literal.js';
import { batchOf, colExpr, collectRows, predicateExpr, schemaOf, testContext } from '../test-helpers.js';
import { MemoryScanExec } from './memory-scan-exec.js';
import { HashJoinExec } from './hash-join-exec.js';
import { NestedLoopJoinExec } from './nested-loop-join-exec.js';
import type { PhysicalJoinType } from './join-type.js';

// left (build): k, lv ; right (probe): k, rv — duplicates, NULL keys, unmatched rows on both sides.
// Keys come as INTEGER (joined through the dense key index) and as VARCHAR (through the hash table).
const leftWithDuplicates = [[1, 'l1'], [2, 'l2a'], [2, 'l2b'], [null, 'lnull'], [4, 'l4'], [5, 'l5']];
const leftUnique = [[1, 'l1'], [2, 'l2a'], [null, 'lnull'], [4, 'l4'], [5, 'l5']];

const rightRows = [[2, 'r2'], [3, 'r3'], [null, 'rnull'], [1, 'r1'], [2, 'r2b'], [5, 'r5']];
const keyTypes = [T.int32, T.utf8] as const;
type KeyType = (typeof keyTypes)[number];
const asKey = (v: unknown, t: KeyType) => (v === null || t === T.int32 ? v : `key${v}`);
function batches(rows: unknown[][], names: [string, string], t: KeyType, split: number) {
  const make = (part: unknown[][]) => batchOf([[names[0], t, part.map((r) => asKey(r[0], t))], [names[1], T.utf8, part.map((r) => r[1])]]);
  return [make(rows.slice(0, split)), make(rows.slice(split))];
}

type Row = unknown[];
/** Reference semantics: nested loops over plain rows. */
function referenceJoin(leftRows: readonly Row[], type: PhysicalJoinType, match: (l: Row, r: Row) => boolean): Row[] {
  const out: Row[] = [];
  const lHit = new Set<number>();
  const rHit = new Set<number>();
  leftRows.forEach((l, i) => rightRows.forEach((r, j) => {
    if (!match(l, r)) return;
    lHit.add(i);
    rHit.add(j);
    if (['inner', 'left', 'right', 'full'].includes(type)) out.push([...l, ...r]);
  }));
  if (type === 'left' || type === 'full') leftRows.forEach((l, i) => !lHit.has(i) && out.push([...l, null, null]));
  if (type === 'right' || type === 'full') rightRows.forEach((r, j) => !rHit.has(j) && out.push([null, null, ...r]));
  if (type === 'semi') leftRows.forEach((l, i) => lHit.has(i) && out.push(l));
  if (type === 'anti') leftRows.forEach((l, i) => !lHit.has(i) && out.push(l));
  if (type === 'rightSemi') rightRows.forEach((r, j) => rHit.has(j) && out.push(r));
  if (type === 'rightAnti') rightRows.forEach((r, j) => !rHit.has(j) && out.push(r));
  if (type === 'leftMark') leftRows.forEach((l, i) => out.push([...l, lHit.has(i)]));
  if (type === 'rightMark') rightRows.forEach((r, j) => out.push([...r, rHit.has(j)]));
  return out;
}

const types: PhysicalJoinType[] = ['inner', 'left', 'right', 'full', 'semi', 'anti', 'rightSemi', 'rightAnti', 'leftMark', 'rightMark'];

for (const keyType of keyTypes) for (const [buildName, buildRows] of [['duplicate', leftWithDuplicates], ['unique', leftUnique]] as const) describe(`HashJoinExec with ${keyType.kind} keys, ${buildName} build keys`, () => {
  const reference = (type: PhysicalJoinType, match: (l: Row, r: Row) => boolean) => referenceJoin(buildRows, type, match);
  const left = batches(buildRows, ['k', 'lv'], keyType, 4);
  const right = batches(rightRows, ['k', 'rv'], keyType, 3);
  const scans = () => [new MemoryScanExec(schemaOf(left[0]!), [left]), new MemoryScanExec(schemaOf(right[0]!), [right])] as const;
  const on = [[colExpr(0, keyType, 'k'), colExpr(0, keyType, 'k')] as const];
  const plain = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();
  /** Reference rows (numeric keys) in this key type: keys sit at positions 0 and 2 (where a mark join has its Boolean mark). */
  const keyed = (rows: Row[]) => plain(rows.map((r) => r.map((v, i) => (i === 0 || (i === 2 && typeof v !== 'boolean') ? asKey(v, keyType) : v))));
  for (const type of types) {
    it(`${type} join on a key with duplicates and NULLs (NULL never matches)`, async () => {
      const [l, r] = scans();
      const rows = await collectRows(new HashJoinExec(l, r, on, type));
      expect(plain(rows)).toEqual(keyed(reference(type, (a, b) => a[0] !== null && a[0] === b[0])));
    });

    it(`${type} join with a residual filter`, async () => {
      const [l, r] = scans();
      // residual over left+right columns: lv <> 'l2a' AND rv <> 'r5'
      const filter = predicateExpr("lv <> 'l2a' AND rv <> 'r5'", (row) => row[1] !== 'l2a' && row[3] !== 'r5');
      const rows = await collectRows(new HashJoinExec(l, r, on, type, filter));
      expect(plain(rows)).toEqual(keyed(reference(type, (a, b) => a[0] !== null && a[0] === b[0] && a[1] !== 'l2a' && b[1] !== 'r5')));
    });

    it(`${type} join with a residual filter on one probe column (only that column gathered for it)`, async () => {
      const [l, r] = scans();
      // rv <> 'r3' keeps every key match (r3 has no partner); rv <> 'r2b' drops some
      for (const value of ['r3', 'r2b']) {
        const filter = new BinaryExpr('<>', new ColumnExpr('rv', 3, T.utf8), new LiteralExpr(Scalars.utf8(value)));
        const rows = await collectRows(new HashJoinExec(l, r, on, type, filter));
        expect(plain(rows)).toEqual(keyed(reference(type, (a, b) => a[0] !== null && a[0] === b[0] && b[1] !== value)));
      }
    });

    it(`${type} join with nullEqualsNull matches NULL keys`, async () => {
      const [l, r] = scans();
      const rows = await collectRows(new HashJoinExec(l, r, on, type, null, true));
      expect(plain(rows)).toEqual(keyed(reference(type, (a, b) => a[0] === b[0])));
    });

    it(`${type} nested-loop join with a non-equi predicate`, async () => {
      const [l, r] = scans();
      const pred = predicateExpr('l.k < r.k', (row) => (row[0] === null || row[2] === null ? null : (row[0] as number) < (row[2] as number)));
      const rows = await collectRows(new NestedLoopJoinExec(l, r, type, pred), testContext({ batchSize: 4 }));
      expect(plain(rows)).toEqual(keyed(reference(type, (a, b) => a[0] !== null && b[0] !== null && (a[0] as number) < (b[0] as number))));
    });
  }

  it('joins on two keys of different types, splitting large fan-outs into batches', async () => {
    const n = 3000;
    const l = batchOf([['a', T.int32, Array.from({ length: n }, (_, i) => i % 3)], ['b', T.utf8, Array.from({ length: n }, (_, i) => `s${i % 2}`)]]);
    const r = batchOf([['a', T.int32, [0, 1, 2, 0]], ['b', T.utf8, ['s0', 's1', 's1', 's1']]]);
    const join = new HashJoinExec(
      new MemoryScanExec(schemaOf(l), [[l]]),
      new MemoryScanExec(schemaOf(r), [[r]]),
      [[colExpr(0, T.int32), colExpr(0, T.int32)], [colExpr(1, T.utf8), colExpr(1, T.utf8)]],
      'inner',
    );
    const sizes: number[] = [];
    for await (const b of join.execute(testContext({ batchSize: 1024 }))) sizes.push(b.numRows);
    // each (a, b) combination occurs n/6 times on the left; all four right rows match one combination
    expect(sizes.reduce((x, y) => x + y, 0)).toBe(4 * (n / 6));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1024);
  });

  it('cross join (nested loop without predicate) and empty build side', async () => {
    const [l, r] = scans();
    expect(await collectRows(new NestedLoopJoinExec(l, r, 'inner', null))).toHaveLength(buildRows.length * rightRows.length);
    // Within a right batch, pairs come left row by left row (DataFusion's order).
    const one = (rows: unknown[]) => new MemoryScanExec(schemaOf(batchOf([['x', T.int32, rows]])), [[batchOf([['x', T.int32, rows]])]]);
    expect(await collectRows(new NestedLoopJoinExec(one([1, 2]), one([10, 20, 30]), 'inner', null))).toEqual([
      [1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30],
    ]);
    const empty = new MemoryScanExec(schemaOf(left[0]!), [[]]);
    const [, r2] = scans();
    expect(await collectRows(new HashJoinExec(empty, r2, on, 'inner'))).toEqual([]);
    const [, r3] = scans();
    const full = await collectRows(new HashJoinExec(empty, r3, on, 'full'));
    expect(plain(full)).toEqual(keyed(rightRows.map((row) => [null, null, ...row])));
    // A mark join against an empty side: no left rows to mark, or every right row marked FALSE.
    const [, r4] = scans();
    expect(await collectRows(new HashJoinExec(empty, r4, on, 'leftMark'))).toEqual([]);
    const [, r5] = scans();
    expect(plain(await collectRows(new HashJoinExec(empty, r5, on, 'rightMark')))).toEqual(keyed(rightRows.map((row) => [...row, false])));
    const [l6] = scans();
    const emptyProbe = new MemoryScanExec(schemaOf(right[0]!), [[]]);
    expect(plain(await collectRows(new NestedLoopJoinExec(l6, emptyProbe, 'leftMark', null)))).toEqual(keyed(buildRows.map((row) => [...row, false])));
  });

  it('accounts build memory and fails with RESOURCES over the limit', async () => {
    const [l, r] = scans();
    await expect(collectRows(new HashJoinExec(l, r, on, 'inner'), testContext({ memoryLimit: 64 }))).rejects.toMatchObject({ code: 'RESOURCES' });
    const [l2, r2] = scans();
    const join = new HashJoinExec(l2, r2, on, 'inner');
    const ctx = testContext();
    await collectRows(join, ctx);
    expect(join.metrics.peakMemoryBytes).toBeGreaterThan(0);
    expect(ctx.memory.usedBytes).toBe(0);
  });
});
