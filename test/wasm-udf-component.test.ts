/**
 * WebAssembly components (the `quiver:udf/udf-component` WIT world, docs/udf-abi.md §14) through the
 * session: `registerWasmModule` and CREATE FUNCTION route a component to the jco path; its scalar
 * and aggregate functions work in SELECT, WHERE and GROUP BY; a failing or trapping function fails
 * only its query; a component also runs in the sandbox worker. The guest is the udf package's WAT
 * guest made into a component against docs/udf-abi.wit.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { SessionContext } from 'quiver';
import { componentGuest } from '../packages/udf/src/testing/component-guest.js';
import { rows } from './support/sql-rows.js';

async function sessionWithData(): Promise<SessionContext> {
  const ctx = await SessionContext.create();
  ctx.registerTable(
    't',
    arrow.tableFromArrays({
      id: Int32Array.from([1, 2, 3, 4, 5, 6]),
      grp: ['a', 'b', 'a', 'b', 'c', 'a'],
      x: [1, 2, 3, 4, null, -6],
      name: ['ann', 'bob', null, 'dee', 'ed', 'flo'],
    }),
  );
  return ctx;
}

describe('WebAssembly components in SQL', () => {
  let guest: Uint8Array;
  let path: string;
  beforeAll(async () => {
    guest = await componentGuest();
    path = join(mkdtempSync(join(tmpdir(), 'quiver-component-')), 'guest.component.wasm');
    writeFileSync(path, guest);
  });

  it('registerWasmModule registers a component’s scalar and aggregate functions', async () => {
    const ctx = await sessionWithData();
    expect(await ctx.registerWasmModule(path)).toEqual([
      'affine(float64) -> float64',
      'shout(utf8) -> utf8',
      'checked(float64) -> float64',
      'crash(float64) -> float64',
      'hog(float64) -> float64',
      'lie(float64) -> float64',
      'wsum(float64) -> float64',
    ]);
    expect(await rows(ctx, 'SELECT id, affine(x), shout(name) FROM t WHERE affine(x) > 4 OR x IS NULL ORDER BY id')).toEqual([
      [2, 5, 'BOB'],
      [3, 7, null],
      [4, 9, 'DEE'],
      [5, null, 'ED'],
    ]);
    expect(await rows(ctx, 'SELECT grp, wsum(x), sum(x) FROM t GROUP BY grp ORDER BY grp')).toEqual([
      ['a', -2, -2],
      ['b', 6, 6],
      ['c', null, null],
    ]);
    expect(await rows(ctx, 'SELECT wsum(affine(x)) FROM t WHERE id < 3')).toEqual([[8]]);
  });

  it('runs a component aggregate in two phases over UNION ALL, merging the partial states', async () => {
    const ctx = await sessionWithData();
    await ctx.registerWasmModule(guest, { name: 'guest.wasm' });
    await ctx.sql("CREATE TABLE u AS SELECT * FROM (VALUES ('a', 100.5), ('d', 7.0), ('b', NULL)) v(grp, x)");
    const sql = 'SELECT grp, wsum(x), sum(x) FROM (SELECT grp, x FROM t UNION ALL SELECT grp, x FROM u) s GROUP BY grp ORDER BY grp';
    const plan = (await (await ctx.sql(`EXPLAIN ${sql}`)).collect()).toArray().map((r) => Object.values(r.toJSON()).join('\n')).join('\n');
    expect(plan).toMatch(/mode=final[\s\S]*mode=partial[\s\S]*mode=partial/);
    // Group a has rows in both branches, d only in the second, c only NULLs.
    expect(await rows(ctx, sql)).toEqual([
      ['a', 98.5, 98.5],
      ['b', 6, 6],
      ['c', null, null],
      ['d', 7, 7],
    ]);
  });

  it('CREATE FUNCTION binds a component entry under a SQL name', async () => {
    const ctx = await sessionWithData();
    await ctx.sql(`CREATE FUNCTION twice_plus_one(DOUBLE) RETURNS DOUBLE LANGUAGE wasm AS '${path}', 'affine'`);
    await ctx.sql(`CREATE FUNCTION upper_ascii(VARCHAR) RETURNS VARCHAR LANGUAGE wasm AS '${path}', 'shout'`);
    expect(await rows(ctx, "SELECT twice_plus_one(20), upper_ascii('quiver')")).toEqual([[41, 'QUIVER']]);
    await expect(ctx.sql(`CREATE FUNCTION twice(INT) RETURNS INT LANGUAGE wasm AS '${path}', 'affine'`)).rejects.toThrow(
      /CREATE FUNCTION twice\(INTEGER\) RETURNS INTEGER does not match guest\.component\.wasm's manifest: affine\(float64\) -> float64/,
    );
  });

  it('fails only the query whose function fails or traps; the session keeps serving', async () => {
    const ctx = await sessionWithData();
    await ctx.registerWasmModule(guest, { name: 'guest.wasm' });
    await expect((await ctx.sql('SELECT checked(x) FROM t')).collect()).rejects.toThrow(
      /function checked\(float64\) -> float64 \(guest\.wasm\) failed at row 1 of the batch: negative input/,
    );
    await expect((await ctx.sql('SELECT crash(x) FROM t')).collect()).rejects.toThrow(/function crash\(float64\) -> float64 \(guest\.wasm\) trapped/);
    expect(await rows(ctx, 'SELECT affine(x) FROM t WHERE id = 1')).toEqual([[3]]);
  });

  it('runs a component in the sandbox worker when given a deadline', async () => {
    const ctx = await sessionWithData();
    await ctx.registerWasmModule(guest, { name: 'sandboxed.wasm', deadlineMs: 10_000 });
    expect(await rows(ctx, 'SELECT grp, wsum(affine(x)) FROM t GROUP BY grp ORDER BY grp')).toEqual([
      ['a', -1],
      ['b', 14],
      ['c', null],
    ]);
    const twoPhase = 'SELECT grp, wsum(x) FROM (SELECT * FROM t WHERE id <= 3 UNION ALL SELECT * FROM t WHERE id > 3) u GROUP BY grp ORDER BY grp';
    const plan = (await (await ctx.sql(`EXPLAIN ${twoPhase}`)).collect()).toArray().map((r) => Object.values(r.toJSON()).join('\n')).join('\n');
    expect(plan).toMatch(/mode=final[\s\S]*mode=partial/);
    expect(await rows(ctx, twoPhase)).toEqual([['a', -2], ['b', 6], ['c', null]]);
    await expect((await ctx.sql('SELECT crash(x) FROM t')).collect()).rejects.toThrow(/function crash\(float64\) -> float64 \(sandboxed\.wasm\) trapped/);
    expect(await rows(ctx, "SELECT shout('ok')")).toEqual([['OK']]);
  });
});
